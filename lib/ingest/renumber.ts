import type { ByteRange } from "./planRanges";
import type { LoadError } from "./summaryBatch";

/** What a worker reports for its range: lines read and rows emitted (candidates, for a converted file). */
export interface RangeCounts {
  lines: number;
  rows: number;
}

/**
 * Workers number lines from 1 within their range; once a file is in, rows move to file line numbers. Rows of a
 * converted file number candidates, so they shift by the candidates of earlier ranges, and their `source_line`
 * by the lines. Returns null when nothing moves (one range).
 */
export function renumberSql(fileId: number, ranges: ByteRange[], results: RangeCounts[], converted: boolean): string | null {
  let lines = 0;
  let rows = 0;
  const updates: string[] = [];
  ranges.forEach((range, k) => {
    if (k > 0) {
      const inRange = `file_id = ${fileId} AND byte_offset >= ${range.start} AND byte_offset < ${range.end}`;
      const shift = converted ? `line = line + ${rows}, source_line = source_line + ${lines}` : `line = line + ${lines}`;
      updates.push(`UPDATE rows SET ${shift} WHERE ${inRange}`, `UPDATE findings SET line = line + ${converted ? rows : lines} WHERE ${inRange}`);
    }
    lines += results[k]!.lines;
    rows += results[k]!.rows;
  });
  return updates.length ? updates.join(";\n") : null;
}

/** Load errors are located by source line in every file. */
export function renumberErrors(rangeErrors: LoadError[][], results: RangeCounts[]): LoadError[] {
  let lines = 0;
  return rangeErrors.flatMap((errors, k) => {
    const shifted = errors.map((e) => ({ ...e, line: e.line + lines }));
    lines += results[k]!.lines;
    return shifted;
  });
}
