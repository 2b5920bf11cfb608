import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { readRowText } from "./readRow";
import { rebuildCandidate, type CandidateRef } from "./candidateRow";

/**
 * Recently shown rows, parsed, so stepping back and forth never re-reads the file, and the neighbours of the
 * current row are read ahead while the reviewer looks at it. Small on purpose: a row can be tens of MB.
 */
export interface CachedRow {
  text: string;
  value: unknown;
}

const MAX = 12;
const cache = new Map<string, Promise<CachedRow>>();
const resolved = new Map<string, CachedRow>();

/** The row if it has been read already: lets a view render a cached row in the same pass as the step. */
export function peekRow(key: string): CachedRow | undefined {
  return resolved.get(key);
}

export function rowKey(fileId: number, line: number): string {
  return `${fileId}:${line}`;
}

interface SourceRow {
  value: unknown;
  /** The row's text: candidates' object arguments keep its number tokens, as on load. */
  text: string;
  /** The row hash candidates' ids are made of (as the ingestion worker computed it). */
  hash: string;
}

/** The last source row read for candidates: a trajectory's candidates are usually stepped through together. */
let lastSource: { file: Blob; offset: number; row: Promise<SourceRow> } | null = null;
let hasher: Promise<RowHasher> | null = null;

function readSource(file: Blob, offset: number, length: number): Promise<SourceRow> {
  if (lastSource?.file === file && lastSource.offset === offset) return lastSource.row;
  hasher ??= createRowHasher();
  const row = Promise.all([file.slice(offset, offset + length).arrayBuffer(), hasher]).then(([buffer, hash]) => {
    const bytes = new Uint8Array(buffer);
    const text = new TextDecoder().decode(bytes);
    return { value: JSON.parse(text) as unknown, text, hash: hash(bytes) };
  });
  lastSource = { file, offset, row };
  return row;
}

/** Reads a row (or, with `candidate`, rebuilds a converted candidate from its source row), cached by `key`. */
export function loadRow(key: string, file: Blob, offset: number, length: number, candidate?: CandidateRef): Promise<CachedRow> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recent last
    return hit;
  }
  const read: Promise<CachedRow> = candidate
    ? readSource(file, offset, length).then((source) => {
        const value = rebuildCandidate(source.value, source.hash, candidate, source.text);
        return { text: JSON.stringify(value), value };
      })
    : readRowText(file, offset, length).then((text) => ({ text, value: JSON.parse(text) as unknown }));
  const p = read.then((row) => {
    if (cache.get(key) === p) resolved.set(key, row);
    return row;
  });
  p.catch(() => cache.delete(key));
  cache.set(key, p);
  while (cache.size > MAX) {
    const oldest = cache.keys().next().value!;
    cache.delete(oldest);
    resolved.delete(oldest);
  }
  return p;
}

export function clearRowCache(): void {
  lastSource = null;
  cache.clear();
  resolved.clear();
}
