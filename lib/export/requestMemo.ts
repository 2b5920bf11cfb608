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
import { spaceRuns, stringSpaceRuns } from "./gymMetrics";
import { type MemberSpan, skipNested, skipValue, type ValueSkipper } from "./jsonSpans";
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
   * Member values crossed in one comparison, rows parsed without their repeated values, and word counts taken
   * (whole or in part) from the previous row.
   */
  readonly hits = { skipped: 0, parsed: 0, counted: 0 };

  /**
   * A `ValueSkipper` for the request's members: a value the previous row had is crossed in one comparison; an
   * `input` that extends the previous one is walked only through the new items.
   */
  readonly skip: ValueSkipper = (text, key, start) => {
    const before = this.previous.get(key)?.raw;
    if (before !== undefined && closesItself(before) && isAt(text, start, before)) {
      this.hits.skipped++;
      return start + before.length;
    }
    if (key === "input" && this.extendsInput(text, start)) {
      this.hits.skipped++;
      return skipNested(text, start + (this.input as InputPrefix).head.length, 1);
    }
    return skipValue(text, start);
  };

  private extendsInput(text: string, start: number): boolean {
    const head = this.input?.head;
    return head !== undefined && text.charCodeAt(start + head.length) === COMMA && isAt(text, start, head);
  }

  /**
   * `JSON.parse(text)` for a row whose request repeats values of the previous row's: the text is parsed with
   * each repeated value (or the repeated head of `input`) replaced by a placeholder, which the previous row's
   * parsed value then replaces. `members`: the row's members as `objectMembers` finds them (duplicates
   * included), with the request's own. Undefined when nothing repeats, or the text does not parse as JSON
   * this way (the caller then parses it in full, with Python's rules).
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
      const before = this.previous.get(m.key);
      if (before !== undefined && m.valueEnd - m.valueStart === before.raw.length && isAt(text, m.valueStart, before.raw)) {
        replace(m.valueStart, m.valueEnd, placeholderOf(before.raw), (params) => (params[m.key] = before.value));
      } else if (m.key === "input" && this.extendsInput(text, m.valueStart)) {
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

  /**
   * Runs of spaces in `json.dumps(request)` (`spaceRuns`), where `request` is the row's request after
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
      if (span === undefined || typeof value !== "object" || value === null) valueRuns = spaceRuns(value);
      else {
        const raw = text.slice(span.valueStart, span.valueEnd);
        valueRuns = this.runsOf(key, value, raw);
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

  private runsOf(key: string, value: object, raw: string): number {
    const before = this.previous.get(key);
    if (before !== undefined && before.raw === raw) {
      this.hits.counted++;
      return before.runs;
    }
    const prefix = this.input;
    const known = prefix?.items.length ?? 0;
    if (key === "input" && Array.isArray(value) && prefix !== null && value.length > known && this.extendsInput(raw, 0)) {
      // The first items are the previous row's, text for text: only the new ones are counted.
      this.hits.counted++;
      let runs = value.length - 1 + prefix.runs;
      for (let i = known; i < value.length; i++) runs += spaceRuns(value[i]);
      return runs;
    }
    return spaceRuns(value);
  }
}

function uniqueKeys(members: readonly MemberSpan[]): boolean {
  return new Set(members.map((m) => m.key)).size === members.length;
}
