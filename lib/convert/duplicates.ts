/**
 * Duplicate candidates: the same prefix, tools and action. Item ids and call ids are random per rollout
 * (uuid4 in Gym's converters, `chatcmpl-tool-…` in τ²), so ids are left out and call ids replaced by their
 * order of appearance: two rollouts of one task that open the same way share keys. Precisely, two candidates
 * are duplicates iff their prefix items (top-level `id` / `status` left out, string call ids replaced by their
 * order of appearance in the prefix), tools and action are equal as JSON.stringify writes them.
 *
 * Keys are xxHash64 digests (16 hex digits) over canonical bytes (canonicalBytes.ts), never JSON text. The
 * prefix is hashed as a chain, one link per item (link = hash of the previous link and the item), so a
 * trajectory of n items costs O(n) rather than re-hashing every prefix; a key is the hash of the last link,
 * the tools' own hash and the action. Links are made only when a key is asked for: rows whose candidates
 * never reach the duplicate check (e.g. below the reward filter) cost nothing. Keys are internal (the
 * `dup_key` column, the run's `seen` set): only which candidates share one matters.
 */
import { CanonicalWriter, sameJson } from "./canonicalBytes";
import type { ExpectedAction, InputItem, PivotTool } from "./pivotRow";

/** xxHash64 of bytes, as 16 hex digits (the run's row hasher). */
export type BytesHash = (bytes: Uint8Array) => string;

const KEY = 0x7c; // `|`: a key's bytes begin with it, a link's with the previous link (a string, `s`)

/** The run's duplicate check: keys seen so far, and what makes them. */
export class DuplicateIndex {
  private readonly seen = new Set<string>();
  readonly writer = new CanonicalWriter();
  // Rows of one file usually share their tool list: the previous row's tools hash is reused when they are equal.
  private lastTools: readonly PivotTool[] | null = null;
  private lastToolsKey = "";

  constructor(readonly hash: BytesHash) {}

  /** Records a candidate's key: true the first time, false for a duplicate. */
  add(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** Keys for one row's candidates. */
  forRow(tools: readonly PivotTool[]): PrefixKeys {
    return new PrefixKeys(this, tools);
  }

  /** xxHash64 of the tools' canonical bytes. */
  toolsKey(tools: readonly PivotTool[]): string {
    if (this.lastTools !== null && sameJson(this.lastTools, tools)) return this.lastToolsKey;
    this.writer.clear();
    this.writer.value(tools);
    this.lastTools = tools;
    this.lastToolsKey = this.hash(this.writer.written());
    return this.lastToolsKey;
  }
}

/**
 * The duplicate keys of one row's candidates. Each call passes the candidate's whole prefix; a row's
 * prefixes only grow (each one extends the one before), so only the new items are linked.
 */
export class PrefixKeys {
  private toolsKey: string | null = null;
  /** The chain's last link ("" before the first item), and how many items it covers. */
  private link = "";
  private linked = 0;
  private readonly callOrder = new Map<string, number>();

  constructor(
    readonly index: DuplicateIndex,
    private readonly tools: readonly PivotTool[],
  ) {}

  key(input: readonly InputItem[], action: ExpectedAction): string {
    const { writer, hash } = this.index;
    this.toolsKey ??= this.index.toolsKey(this.tools);
    if (input.length < this.linked) throw new Error("PrefixKeys: a prefix shorter than the one before");
    for (; this.linked < input.length; this.linked++) {
      writer.clear();
      writer.string(this.link);
      this.item(input[this.linked]!);
      this.link = hash(writer.written());
    }
    writer.clear();
    writer.byte(KEY);
    writer.string(this.link);
    writer.string(this.toolsKey);
    writer.value(action);
    return hash(writer.written());
  }

  /** The item without its ids (only top-level keys: content parts and summaries carry none). */
  private item(item: InputItem): void {
    const w = this.index.writer;
    w.beginObject();
    for (const k in item) {
      if (k === "id" || k === "status") continue;
      const v = item[k];
      if (k === "call_id" && typeof v === "string") {
        let order = this.callOrder.get(v);
        if (order === undefined) this.callOrder.set(v, (order = this.callOrder.size));
        w.string(k);
        w.number(order);
      } else {
        w.member(k, v);
      }
    }
    w.endObject();
  }
}

/** The duplicate key of a finished candidate (as `convertRow` computes it incrementally). */
export function duplicateKey(index: DuplicateIndex, tools: readonly PivotTool[], input: readonly InputItem[], action: ExpectedAction): string {
  return index.forRow(tools).key(input, action);
}
