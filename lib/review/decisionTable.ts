import { type ContentHash, type Decision, isEmptyDecision } from "./decision";

/**
 * An immutable map from content hash to decision, split into 256 buckets by a hash of the key. An update copies
 * only the buckets it touches, so one decision costs O(n/256) instead of copying every decision, while each
 * state stays a plain value the store can keep for undo and compare by reference. A bulk over every row copies
 * every bucket once: O(n + k).
 */
export interface DecisionTable {
  readonly buckets: readonly ReadonlyMap<ContentHash, Decision>[];
  readonly size: number;
}

const BUCKET_COUNT = 256;

export const EMPTY_TABLE: DecisionTable = {
  buckets: Array.from({ length: BUCKET_COUNT }, () => new Map<ContentHash, Decision>()),
  size: 0,
};

/** FNV-1a of the key, low 8 bits. Any string works; content hashes spread evenly. */
export function bucketOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 8) ^ (h >>> 16) ^ (h >>> 24)) & (BUCKET_COUNT - 1);
}

export function getDecision(table: DecisionTable, key: ContentHash): Decision | undefined {
  return table.buckets[bucketOf(key)]!.get(key);
}

/** A change: the key's new decision, or undefined to remove it. Empty decisions are removed too. */
export type DecisionChange = readonly [ContentHash, Decision | undefined];

export function setDecisions(table: DecisionTable, changes: Iterable<DecisionChange>): DecisionTable {
  let buckets: ReadonlyMap<ContentHash, Decision>[] | null = null;
  const copied = new Set<number>();
  let size = table.size;
  for (const [key, decision] of changes) {
    const b = bucketOf(key);
    buckets ??= table.buckets.slice();
    let bucket = buckets[b] as Map<ContentHash, Decision>;
    if (!copied.has(b)) {
      bucket = new Map(bucket);
      buckets[b] = bucket;
      copied.add(b);
    }
    const had = bucket.has(key);
    if (decision === undefined || isEmptyDecision(decision)) {
      if (had) {
        bucket.delete(key);
        size--;
      }
    } else {
      bucket.set(key, decision);
      if (!had) size++;
    }
  }
  return buckets ? { buckets, size } : table;
}

export function* decisionEntries(table: DecisionTable): IterableIterator<[ContentHash, Decision]> {
  for (const bucket of table.buckets) yield* bucket;
}
