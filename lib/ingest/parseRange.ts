import type { ByteSource } from "../jsonl/byteSource";
import { scanLines, type ScanOptions } from "../jsonl/lineScanner";
import type { RowHasher } from "../jsonl/rowHash";
import { summarizeRow, type RowSummary } from "../formats/rowSummary";
import type { LoadError, RowLocation } from "./summaryBatch";

/** Receives what a range of a JSONL file holds: good rows with their summary, and located errors. */
export interface RowSink {
  row(at: RowLocation, hash: string, summary: RowSummary): void;
  error(e: LoadError): void;
}

export interface ParseRangeOptions extends Pick<ScanOptions, "start" | "end" | "blockSize" | "maxLineBytes" | "onProgress"> {
  fileId: number;
}

const MAX_MESSAGE = 300;

/** Parses a byte range of a JSONL file: each line is JSON-parsed, classified and summarized, or reported. */
export async function parseRange(
  source: ByteSource,
  sink: RowSink,
  hasher: RowHasher,
  opts: ParseRangeOptions,
): Promise<{ lines: number; completed: boolean }> {
  const { fileId } = opts;
  const fail = (line: number, offset: number, length: number, message: string) =>
    sink.error({ fileId, line, offset, length, message: message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE) + "…" : message });
  return scanLines(
    source,
    {
      line(l) {
        if (l.text === null) {
          fail(l.line, l.offset, l.length, `not valid UTF-8 (${describeBadByte(l.bytes.subarray(l.at, l.at + l.length))})`);
          return;
        }
        let value: unknown;
        try {
          value = JSON.parse(l.text);
        } catch (e) {
          fail(l.line, l.offset, l.length, `invalid JSON: ${(e as Error).message}`);
          return;
        }
        const result = summarizeRow(value);
        if (!result.ok) {
          fail(l.line, l.offset, l.length, result.error);
          return;
        }
        const at = { fileId, line: l.line, offset: l.offset, length: l.length };
        sink.row(at, hasher(l.bytes.subarray(l.at, l.at + l.length)), result.summary);
      },
      tooLong(line, offset, length) {
        fail(line, offset, length, `line is ${(length / 2 ** 20).toFixed(0)} MiB, over the ${(opts.maxLineBytes ?? 256 * 2 ** 20) / 2 ** 20} MiB limit; skipped`);
      },
    },
    opts,
  );
}

/** Where the first invalid UTF-8 sequence of a line is, for the error message. */
function describeBadByte(bytes: Uint8Array): string {
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode; stream mode tolerates an unfinished tail.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  const byte = bytes[lo];
  return byte === undefined ? "truncated sequence at end of line" : `byte 0x${byte.toString(16).padStart(2, "0")} at column ${lo + 1}`;
}
