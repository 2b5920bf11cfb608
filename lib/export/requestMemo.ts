/**
 * Pivots of one trajectory come one after another and share their context: a row's request repeats the
 * previous row's `tools` and settings and extends its `input` by the turns since. `RequestMemo` keeps the
 * previous row's request — the raw text of each member's value and its share of the word count — so that the
 * next row skips what it repeats: in the span scan (one comparison instead of a walk through the value) and in
 * the `json.dumps` word count. It is only a shortcut: whatever does not repeat is done in full, and every result
 * is the same as without it. One memo per thread, fed rows in order.
 */
import type { JsonObject } from "../formats/json";
import { spaceRuns, stringSpaceRuns } from "./gymMetrics";
import { type MemberSpan, skipNested, skipValue, type ValueSkipper } from "./jsonSpans";

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
  /** Its items, and their runs of spaces (the word count's parts) summed. */
  items: number;
  runs: number;
}

export class RequestMemo {
  /** The previous row's request: member key → value text and its runs of spaces. */
  private previous = new Map<string, { raw: string; runs: number }>();
  private input: InputPrefix | null = null;
  /** Member values crossed in one comparison, and word counts taken (whole or in part) from the previous row. */
  readonly hits = { skipped: 0, counted: 0 };

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
   * Runs of spaces in `json.dumps(request)` (`spaceRuns`), where `request` is the row's request after
   * normalization and `members` the source request's members (unique keys) in `text`; members in `edited` were
   * replaced by normalization, so their source text does not apply. Remembers this row's parts for the next.
   */
  requestRuns(request: JsonObject, members: readonly MemberSpan[], text: string, edited: ReadonlySet<string>): number {
    const spans = new Map(members.map((m) => [m.key, m]));
    const current = new Map<string, { raw: string; runs: number }>();
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
        current.set(key, { raw, runs: valueRuns });
        if (key === "input" && Array.isArray(value) && value.length > 0) {
          input = { head: raw.slice(0, -1), items: value.length, runs: valueRuns - (value.length - 1) };
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
    if (key === "input" && Array.isArray(value) && prefix !== null && value.length > prefix.items && this.extendsInput(raw, 0)) {
      // The first items are the previous row's, text for text: only the new ones are counted.
      this.hits.counted++;
      let runs = value.length - 1 + prefix.runs;
      for (let i = prefix.items; i < value.length; i++) runs += spaceRuns(value[i]);
      return runs;
    }
    return spaceRuns(value);
  }
}
