/**
 * Duplicate candidates: the same prefix, tools and action. Item ids and call ids are random per rollout
 * (uuid4 in Gym's converters, `chatcmpl-tool-…` in τ²), so ids are left out and call ids replaced by their
 * order of appearance: two rollouts of one task that open the same way share keys. Precisely, two candidates
 * are duplicates iff their prefix items (top-level `id` / `status` left out, string call ids replaced by their
 * order of appearance in the prefix), tools and action are equal as JSON.stringify writes them.
 *
 * Keys are xxHash64 digests (16 hex digits) over canonical bytes (canonicalBytes.ts), never JSON text. The
 * prefix is hashed as a chain, so a trajectory of n items costs O(n) rather than re-hashing every prefix: item
 * bytes gather after the last link until they reach `LINK_BYTES`, then are hashed with it into the next link.
 * A key is the hash of those pending bytes (the last link and the items since), the tools' own hash and the
 * action. Where links fall depends only on the items, so equal prefixes have equal keys; a link per item would
 * cost a hash call per item, most of it fixed overhead for items of a few hundred bytes. Links are made only
 * when a key is asked for: rows whose candidates never reach the duplicate check (e.g. below the reward filter)
 * cost nothing. Keys are internal (the `dup_key` column, the run's `seen` set): only which candidates share
 * one matters.
 */
import { CanonicalWriter, sameJson } from "./canonicalBytes";
import { DigestSet } from "./digestSet";
import type { ExpectedAction, InputItem, PivotTool } from "./pivotRow";

/** xxHash64 of bytes, as 16 hex digits (the run's row hasher). */
export type BytesHash = (bytes: Uint8Array) => string;

const KEY = 0x7c; // `|`: ends the items of a key's bytes (an item begins with `{`, a link with `s`)
/** Pending item bytes are hashed into a link once they reach this size. */
export const LINK_BYTES = 1024;

/** The run's duplicate check: keys seen so far, and what makes them. */
export class DuplicateIndex {
  private readonly seen = new DigestSet();
  /** The pending bytes of the row whose keys are being made (see `PrefixKeys`), then each key's. */
  private readonly chain = new CanonicalWriter();
  private chainOwner: PrefixKeys | null = null;
  private readonly toolsWriter = new CanonicalWriter();
  // Rows of one file usually share their tool list: the previous row's tools hash is reused when they are equal.
  private lastTools: readonly PivotTool[] | null = null;
  private lastToolsKey = "";

  constructor(readonly hash: BytesHash) {}

  /** Records a candidate's key: true the first time, false for a duplicate. */
  add(key: string): boolean {
    return this.seen.add(key);
  }

  /** Keys for one row's candidates; a row's keys are made before the next row's. */
  forRow(tools: readonly PivotTool[]): PrefixKeys {
    const keys = new PrefixKeys(this, tools);
    this.chain.clear();
    this.chainOwner = keys;
    return keys;
  }

  /** The writer holding `keys`' pending bytes. */
  chainOf(keys: PrefixKeys): CanonicalWriter {
    if (this.chainOwner !== keys) throw new Error("PrefixKeys: another row's keys were made since this row's");
    return this.chain;
  }

  /** xxHash64 of the tools' canonical bytes. */
  toolsKey(tools: readonly PivotTool[]): string {
    if (this.lastTools !== null && sameJson(this.lastTools, tools)) return this.lastToolsKey;
    this.toolsWriter.clear();
    this.toolsWriter.value(tools);
    this.lastTools = tools;
    this.lastToolsKey = this.hash(this.toolsWriter.written());
    return this.lastToolsKey;
  }
}

/**
 * The duplicate keys of one row's candidates. Each call passes the candidate's whole prefix; a row's
 * prefixes only grow (each one extends the one before), so only the new items are encoded.
 */
export class PrefixKeys {
  private toolsKey: string | null = null;
  /** How many items the chain covers; their bytes after the last link are pending in the index's chain writer. */
  private linked = 0;
  private readonly callOrder = new Map<string, number>();

  constructor(
    readonly index: DuplicateIndex,
    private readonly tools: readonly PivotTool[],
  ) {}

  key(input: readonly InputItem[], action: ExpectedAction): string {
    const { hash } = this.index;
    const chain = this.index.chainOf(this);
    this.toolsKey ??= this.index.toolsKey(this.tools);
    if (input.length < this.linked) throw new Error("PrefixKeys: a prefix shorter than the one before");
    for (; this.linked < input.length; this.linked++) {
      this.item(chain, input[this.linked]!);
      if (chain.size >= LINK_BYTES) {
        const link = hash(chain.written());
        chain.clear();
        chain.string(link);
      }
    }
    const pending = chain.size;
    chain.byte(KEY);
    chain.string(this.toolsKey);
    chain.value(action);
    const key = hash(chain.written());
    chain.truncate(pending);
    return key;
  }

  /** The item without its ids (only top-level keys: content parts and summaries carry none). */
  private item(w: CanonicalWriter, item: InputItem): void {
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
