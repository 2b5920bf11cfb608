/**
 * Where the members of a JSON object sit in the line's text. Normalization edits rows at the key level and
 * copies every untouched value as its original substring, so numbers (`1.0`, 2^64) and string escapes
 * survive byte for byte, which re-serializing a `JSON.parse` result cannot promise.
 *
 * The text must already be known to parse (JSON, or Python's superset with NaN/Infinity): there is no error
 * reporting here, only the scanning.
 */

export interface MemberSpan {
  /** The key as decoded (what `JSON.parse` makes of it). */
  key: string;
  /** The key's raw text, quotes included. */
  keyText: string;
  valueStart: number;
  valueEnd: number;
  /** The members of the value, when it is the object `objectMembers` was asked to descend into. */
  members?: MemberSpan[];
}

// Hand-written loops over char codes: rows are scanned on every export, and most of a row is string content,
// which `indexOf('"')` crosses in one call.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function skipWhitespace(text: string, i: number): number {
  while (isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  let j = i;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return text.length;
    if (text.charCodeAt(j - 1) !== BACKSLASH) return j + 1;
    let backslashes = 1;
    while (text.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
  }
}

/** The end of a scalar token (number, true, false, null, NaN, Infinity): the next delimiter. */
function scalarEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) return j;
  }
  return text.length;
}

/** Index just past the value starting at `i` (no leading whitespace). */
export function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === QUOTE) return skipString(text, i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return scalarEnd(text, i);
  return skipNested(text, i + 1, 1);
}

/** Index just past the containers open at `i`, `depth` of them (the rest of an array after some elements). */
export function skipNested(text: string, i: number, depth: number): number {
  for (let j = i; j < text.length; ) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      j = skipString(text, j);
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return j + 1;
    j++;
  }
  return text.length;
}

/** How `objectMembers` finds the end of a member's value (a faster way may know it from elsewhere). */
export type ValueSkipper = (text: string, key: string, valueStart: number) => number;

const plainSkip: ValueSkipper = (text, _key, valueStart) => skipValue(text, valueStart);

function decodeKey(keyText: string): string {
  return keyText.includes("\\") ? (JSON.parse(keyText) as string) : keyText.slice(1, -1);
}

/** Which member's object value `objectMembers` also scans, and how it finds the ends of that object's values. */
export interface Nested {
  key: string;
  skip?: ValueSkipper;
}

/**
 * The members of the object whose `{` is at `start`, in text order (duplicates included), their values' ends
 * found by `skip`. With `nested`, the value of each member with that key that is an object gets its own
 * members too, found in the same scan.
 */
export function objectMembers(text: string, start: number, nested?: Nested, skip: ValueSkipper = plainSkip): MemberSpan[] {
  const members: MemberSpan[] = [];
  let i = skipWhitespace(text, start + 1);
  if (text.charCodeAt(i) === CLOSE_BRACE) return members;
  for (;;) {
    const keyEnd = skipString(text, i);
    const keyText = text.slice(i, keyEnd);
    i = skipWhitespace(text, keyEnd) + 1; // past ":"
    const valueStart = skipWhitespace(text, i);
    const key = decodeKey(keyText);
    if (key === nested?.key && text.charCodeAt(valueStart) === OPEN_BRACE) {
      const inner = objectMembers(text, valueStart, undefined, nested.skip);
      const last = inner[inner.length - 1];
      const valueEnd = skipWhitespace(text, last ? last.valueEnd : valueStart + 1) + 1; // past "}"
      members.push({ key, keyText, valueStart, valueEnd, members: inner });
    } else {
      members.push({ key, keyText, valueStart, valueEnd: skip(text, key, valueStart) });
    }
    i = skipWhitespace(text, (members[members.length - 1] as MemberSpan).valueEnd);
    if (text.charCodeAt(i) !== COMMA) return members;
    i = skipWhitespace(text, i + 1);
  }
}

/** The elements of the array whose `[` is at `start`, as [start, end) spans. */
export function arrayElements(text: string, start: number): [number, number][] {
  const spans: [number, number][] = [];
  let i = skipWhitespace(text, start + 1);
  if (text.charCodeAt(i) === CLOSE_BRACKET) return spans;
  for (;;) {
    const end = skipValue(text, i);
    spans.push([i, end]);
    i = skipWhitespace(text, end);
    if (text.charCodeAt(i) !== COMMA) return spans;
    i = skipWhitespace(text, i + 1);
  }
}

/**
 * One member per key, as `JSON.parse` and Python's `json.loads` see them: a repeated key keeps its first
 * position and takes its last value.
 */
export function uniqueMembers(members: readonly MemberSpan[]): MemberSpan[] {
  const byKey = new Map<string, MemberSpan>();
  for (const m of members) {
    const first = byKey.get(m.key);
    byKey.set(m.key, first ? { ...m, keyText: first.keyText } : m);
  }
  return [...byKey.values()];
}

/** An object in Python's `json.dumps` layout (`{"k": v, "k2": v2}`), from raw key and value texts. */
export function renderObject(members: readonly (readonly [keyText: string, valueText: string])[]): string {
  return "{" + members.map(([k, v]) => `${k}: ${v}`).join(", ") + "}";
}
