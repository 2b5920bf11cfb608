import type { ByteSource } from "../jsonl/byteSource";
import { DEFAULT_MAX_LINE, scanLines, type ScanOptions } from "../jsonl/lineScanner";
import type { RowHasher } from "../jsonl/rowHash";
import { summarizeRow, type RowSummary } from "../formats/rowSummary";
import type { Finding } from "../validate/finding";
import { validatePivotRow, type PivotValidationOptions } from "../validate/rowValidation";
import type { LoadError, RowLocation } from "./summaryBatch";

/** Receives what a range of a JSONL file holds: good rows with their summary and findings, and located errors. */
export interface RowSink {
  row(at: RowLocation, hash: string, summary: RowSummary, findings: Finding[]): void;
  error(e: LoadError): void;
}

export interface ParseRangeOptions extends Pick<ScanOptions, "start" | "end" | "blockSize" | "maxLineBytes" | "onProgress"> {
  fileId: number;
  /** Pivot rows are checked against the Gym contract with these options; `null` turns validation off. */
  validation?: Omit<PivotValidationOptions, "line"> | null;
}

const NO_FINDINGS: Finding[] = [];

const MAX_MESSAGE = 300;

/** Parses a byte range of a JSONL file: each line is JSON-parsed, classified and summarized, or reported. */
export async function parseRange(
  source: ByteSource,
  sink: RowSink,
  hasher: RowHasher,
  opts: ParseRangeOptions,
): Promise<{ lines: number; completed: boolean }> {
  const { fileId } = opts;
  const validation = opts.validation === undefined ? {} : opts.validation;
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
        // Rollouts and trajectories are not pivot rows: the contract applies to what would be exported.
        const findings =
          validation !== null && result.summary.row_kind === "pivot" ? validatePivotRow(value, validation) : NO_FINDINGS;
        sink.row(at, hasher(l.bytes.subarray(l.at, l.at + l.length)), result.summary, findings);
      },
      tooLong(line, offset, length) {
        fail(line, offset, length, `line is ${formatBytes(length)}, over the ${formatBytes(opts.maxLineBytes ?? DEFAULT_MAX_LINE)} limit; skipped`);
      },
    },
    opts,
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 2 ** 20) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${+(n / 2 ** 20).toFixed(1)} MiB`;
}

/** Where the first invalid UTF-8 sequence of a line starts, for the error message. */
export function describeBadByte(bytes: Uint8Array): string {
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return "invalid sequence";
  return `byte 0x${bytes[at]!.toString(16).padStart(2, "0")} at column ${at + 1}`;
}

/** Index of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}
