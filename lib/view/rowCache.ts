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
  const p = readRowText(file, offset, length).then((text) => ({ text, value: JSON.parse(text) as unknown }));
  p.catch(() => cache.delete(key));
  cache.set(key, p);
  while (cache.size > MAX) cache.delete(cache.keys().next().value!);
  return p;
}

export function clearRowCache(): void {
  cache.clear();
}
