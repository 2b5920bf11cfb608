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
}

const WS = /[ \t\n\r]*/y;
// The next character that changes nesting or starts a string.
const STRUCTURAL = /["[\]{}]/g;
// The end of a scalar token (number, true, false, null, NaN, Infinity).
const SCALAR_END = /[,\]} \t\n\r]|$/g;

export function skipWhitespace(text: string, i: number): number {
  WS.lastIndex = i;
  WS.test(text);
  return WS.lastIndex;
}

/** Index just past the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  let j = i;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
  }
}

/** Index just past the value starting at `i` (no leading whitespace). */
export function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c !== "{" && c !== "[") {
    SCALAR_END.lastIndex = i + 1;
    return SCALAR_END.exec(text)?.index ?? text.length;
  }
  let depth = 0;
  STRUCTURAL.lastIndex = i;
  for (;;) {
    const m = STRUCTURAL.exec(text);
    if (!m) return text.length;
    const ch = m[0];
    if (ch === '"') {
      STRUCTURAL.lastIndex = skipString(text, m.index);
    } else if (ch === "{" || ch === "[") {
      depth++;
    } else if (--depth === 0) {
      return m.index + 1;
    }
  }
}

/** The members of the object whose `{` is at `start`, in text order (duplicates included). */
export function objectMembers(text: string, start: number): MemberSpan[] {
  const members: MemberSpan[] = [];
  let i = skipWhitespace(text, start + 1);
  if (text[i] === "}") return members;
  for (;;) {
    const keyEnd = skipString(text, i);
    const keyText = text.slice(i, keyEnd);
    i = skipWhitespace(text, keyEnd) + 1; // past ":"
    const valueStart = skipWhitespace(text, i);
    const valueEnd = skipValue(text, valueStart);
    members.push({ key: JSON.parse(keyText) as string, keyText, valueStart, valueEnd });
    i = skipWhitespace(text, valueEnd);
    if (text[i] !== ",") return members;
    i = skipWhitespace(text, i + 1);
  }
}

/** The elements of the array whose `[` is at `start`, as [start, end) spans. */
export function arrayElements(text: string, start: number): [number, number][] {
  const spans: [number, number][] = [];
  let i = skipWhitespace(text, start + 1);
  if (text[i] === "]") return spans;
  for (;;) {
    const end = skipValue(text, i);
    spans.push([i, end]);
    i = skipWhitespace(text, end);
    if (text[i] !== ",") return spans;
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
