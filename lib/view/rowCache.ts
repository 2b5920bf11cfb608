import { readRowText } from "./readRow";

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

export function loadRow(key: string, file: Blob, offset: number, length: number): Promise<CachedRow> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit); // most recent last
    return hit;
  }
  const p = readRowText(file, offset, length).then((text) => {
    const row = { text, value: JSON.parse(text) as unknown };
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
  cache.clear();
  resolved.clear();
}
