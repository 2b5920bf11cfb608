import type { ByteSource } from "../jsonl/byteSource";

export interface ByteRange {
  start: number;
  end: number;
}

const PROBE = 1 << 16;

/**
 * Splits a file into up to `parts` byte ranges that each start at a line start, so parse workers can read their
 * own ranges in parallel. A split point moves forward to just after the next newline.
 */
export async function planRanges(source: ByteSource, parts: number, minPart = 4 << 20): Promise<ByteRange[]> {
  const size = source.size;
  const n = Math.max(1, Math.min(parts, Math.floor(size / minPart)));
  const cuts = [0];
  for (let k = 1; k < n; k++) {
    let p = Math.max(Math.floor((k * size) / n), cuts[cuts.length - 1]!);
    let cut = -1;
    while (p < size) {
      // A cut at p is a line start if byte p-1 is a newline, so search from p-1.
      const from = Math.max(0, p - 1);
      const probe = await source.read(from, Math.min(size, from + PROBE));
      const nl = probe.indexOf(10);
      if (nl >= 0) {
        cut = from + nl + 1;
        break;
      }
      p = from + probe.length + 1;
    }
    if (cut < 0 || cut >= size) break;
    if (cut > cuts[cuts.length - 1]!) cuts.push(cut);
  }
  return cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? size }));
}
