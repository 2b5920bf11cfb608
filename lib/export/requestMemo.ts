/**
 * Pivots of one trajectory come one after another and share their context: a row's request repeats the
 * previous row's `tools` and settings and extends its `input` by the turns since. `RequestMemo` keeps the
 * previous row's request — the raw text of each member's value, its parsed value and its share of the word
 * count — so that the next row skips what it repeats: in the span scan (one comparison instead of a walk
 * through the value), in the parse, and in the `json.dumps` word count. It is only a shortcut: whatever does
 * not repeat is done in full, and every result is the same as without it. One memo per thread, fed rows in
 * order.
 */
import type { JsonObject } from "../formats/json";
import { dumpedItemRuns, dumpedMemberRuns } from "./dumpedItems";
import { stringSpaceRuns } from "./jsonDumpsWords";
import { type MemberSpan, objectMembers, skipNested, skipValue, skipWhitespace, type ValueSkipper } from "./jsonSpans";
import { RCP } from "./normalizePlan";

const QUOTE = 0x22;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const COMMA = 0x2c;

/** A string, array or object: a value that ends where its text ends (a number "12" could go on as "123"). */
function closesItself(raw: string): boolean {
  const c = raw.charCodeAt(0);
  return c === QUOTE || c === OPEN_BRACE || c === OPEN_BRACKET;
}

/** Whether `text` has `part` at `start`. (A slice and `===` compare memory; `startsWith` goes char by char.) */
function isAt(text: string, start: number, part: string): boolean {
  return text.slice(start, start + part.length) === part;
}

interface InputPrefix {
  /** The previous row's `input` text without its closing "]". */
  head: string;
  /** Its items as parsed, and their runs of spaces (the word count's parts) summed. */
  items: readonly unknown[];
  runs: number;
}

interface MemberValue {
  raw: string;
  /** As parsed (shared with the previous row's value: parsed rows are never modified). */
  value: object;
  runs: number;
}

/**
 * What stands in for a repeated value in the text that is parsed, replaced after the parse: an empty value of
 * the same brackets, so the text around it parses (or fails) as it would with the value.
 */
const placeholderOf = (raw: string) => (raw.charCodeAt(0) === OPEN_BRACKET ? "[]" : "{}");

export class RequestMemo {
  /** The previous row's request: member key → value text, parsed value and runs of spaces. */
  private previous = new Map<string, MemberValue>();
  private input: InputPrefix | null = null;
  /**
   * What the scan of the current row (`members`) found repeated, by where the value starts: a value equal to the
   * previous row's, or the `input` that extends the previous one. Its parse and word count ask here rather
   * than compare the same text again.
   */
  private repeats = new Map<number, MemberValue>();
  private extendedInput = -1;
  /**
   * Member values crossed in one comparison, rows parsed without their repeated values, and word counts taken
   * (whole or in part) from the previous row.
   */
  readonly hits = { skipped: 0, parsed: 0, counted: 0 };

  /**
   * A `ValueSkipper` for the request's members: a value the previous row had is crossed in one comparison; an
   * `input` that extends the previous one is walked only through the new items.
   */
  private readonly skip: ValueSkipper = (text, key, start) => {
    const before = this.previous.get(key);
    if (before !== undefined && closesItself(before.raw) && isAt(text, start, before.raw)) {
      this.hits.skipped++;
      this.repeats.set(start, before);
      return start + before.raw.length;
    }
    if (key === "input" && this.extendsInput(text, start)) {
      this.hits.skipped++;
      this.extendedInput = start;
      return skipNested(text, start + (this.input as InputPrefix).head.length, 1);
    }
    return skipValue(text, start);
  };

  /**
   * The members of the object `text` holds, with its request's (`objectMembers`), each value the previous row
   * had crossed in one comparison; undefined when `text` is not an object. The scan takes the text before it is
   * parsed, whatever it holds: the parse then tells whether it was JSON, and a key the scan cannot read (a bad
   * escape) is left for the parse to report.
   */
  members(text: string): MemberSpan[] | undefined {
    this.repeats.clear();
    this.extendedInput = -1;
    const start = skipWhitespace(text, 0);
    if (text.charCodeAt(start) !== OPEN_BRACE) return undefined;
    try {
      return objectMembers(text, start, { key: RCP, skip: this.skip });
    } catch {
      return undefined;
    }
  }

  private extendsInput(text: string, start: number): boolean {
    const head = this.input?.head;
    return head !== undefined && text.charCodeAt(start + head.length) === COMMA && isAt(text, start, head);
  }

  /**
   * `JSON.parse(text)` for a row whose request repeats values of the previous row's: the text is parsed with
   * each repeated value (or the repeated head of `input`) replaced by a placeholder, which the previous row's
   * parsed value then replaces. `members`: the row's members as `members` found them (duplicates included),
   * with the request's own. Undefined when nothing repeats, or the text does not parse as JSON this way (the
   * caller then parses it in full, with Python's rules).
   */
  parse(text: string, members: readonly MemberSpan[]): unknown {
    const request = members.find((m) => m.key === RCP)?.members;
    // With a key given twice, a placeholder might not be the value that stays.
    if (!request || !uniqueKeys(members) || !uniqueKeys(request)) return undefined;
    const parts: string[] = [];
    const patches: ((params: JsonObject) => void)[] = [];
    let at = 0;
    const replace = (start: number, end: number, placeholder: string, patch: (params: JsonObject) => void) => {
      parts.push(text.slice(at, start), placeholder);
      patches.push(patch);
      at = end;
    };
    for (const m of request) {
      if (m.key === "__proto__") continue; // assigned, it would not become a member
      const before = this.repeats.get(m.valueStart) ?? this.repeatedScalar(text, m);
      if (before !== undefined) {
        replace(m.valueStart, m.valueEnd, placeholderOf(before.raw), (params) => (params[m.key] = before.value));
      } else if (m.valueStart === this.extendedInput) {
        // The previous items, between "[" and the "," before the new ones, parse as one element.
        const { head, items } = this.input as InputPrefix;
        replace(m.valueStart + 1, m.valueStart + head.length, "0", (params) => (params.input = [...items, ...(params.input as unknown[]).slice(1)]));
      }
    }
    if (patches.length === 0) return undefined;
    parts.push(text.slice(at));
    let row: JsonObject;
    try {
      row = JSON.parse(parts.join("")) as JsonObject;
    } catch {
      return undefined;
    }
    for (const patch of patches) patch(row[RCP] as JsonObject);
    this.hits.parsed++;
    return row;
  }

  /** The previous row's value of `m`'s key when `m` repeats it and is not a string, array or object. */
  private repeatedScalar(text: string, m: MemberSpan): MemberValue | undefined {
    const before = this.previous.get(m.key);
    // A string, array or object the scan compared already.
    if (before === undefined || closesItself(before.raw)) return undefined;
    return m.valueEnd - m.valueStart === before.raw.length && isAt(text, m.valueStart, before.raw) ? before : undefined;
  }

  /**
   * Runs of spaces in `json.dumps(request)` as Gym dumps it (`dumpedMemberRuns`), where `request` is the row's request after
   * normalization and `members` the source request's members (unique keys) in `text`; members in `edited` were
   * replaced by normalization, so their source text does not apply. Remembers this row's parts for the next.
   */
  requestRuns(request: JsonObject, members: readonly MemberSpan[], text: string, edited: ReadonlySet<string>): number {
    const spans = new Map(members.map((m) => [m.key, m]));
    const current = new Map<string, MemberValue>();
    let input: InputPrefix | null = null;
    let count = 0;
    let runs = 0;
    for (const key in request) {
      count++;
      const value = request[key];
      const span = edited.has(key) ? undefined : spans.get(key);
      let valueRuns: number;
      if (span === undefined || typeof value !== "object" || value === null) valueRuns = dumpedMemberRuns(key, value);
      else {
        const raw = text.slice(span.valueStart, span.valueEnd);
        valueRuns = this.runsOf(key, value, raw, span.valueStart);
        current.set(key, { raw, value, runs: valueRuns });
        if (key === "input" && Array.isArray(value) && value.length > 0) {
          input = { head: raw.slice(0, -1), items: value, runs: valueRuns - (value.length - 1) };
        }
      }
      runs += stringSpaceRuns(key) + valueRuns;
    }
    this.previous = current;
    this.input = input;
    return count > 0 ? runs + 2 * count - 1 : 0;
  }

  /** `raw`: the value's text, at `start` in the row. */
  private runsOf(key: string, value: object, raw: string, start: number): number {
    // The value is a string, array or object: the scan compared it with the previous row's already.
    const before = this.repeats.get(start);
    if (before !== undefined) {
      this.hits.counted++;
      return before.runs;
    }
    const prefix = this.input;
    const known = prefix?.items.length ?? 0;
    if (key === "input" && Array.isArray(value) && prefix !== null && value.length > known && start === this.extendedInput) {
      // The first items are the previous row's, text for text: only the new ones are counted.
      this.hits.counted++;
      let runs = value.length - 1 + prefix.runs;
      for (let i = known; i < value.length; i++) runs += dumpedItemRuns(value[i]);
      return runs;
    }
    return dumpedMemberRuns(key, value);
  }
}

function uniqueKeys(members: readonly MemberSpan[]): boolean {
  // A row and its request have a handful of keys: compared pairwise, without building a set per row.
  if (members.length > 16) return new Set(members.map((m) => m.key)).size === members.length;
  for (let i = 1; i < members.length; i++) for (let j = 0; j < i; j++) if ((members[i] as MemberSpan).key === (members[j] as MemberSpan).key) return false;
  return true;
}
