import type { ByteSource } from "../jsonl/byteSource";
import { describeBadByte, formatBytes } from "../jsonl/byteText";
import { DEFAULT_MAX_LINE, scanLines, type ScanOptions } from "../jsonl/lineScanner";
import type { RowHasher } from "../jsonl/rowHash";
import { summarizeRow, type RowSummary } from "../formats/rowSummary";
import type { Finding } from "../validate/finding";
import { validatePivotRow, type PivotValidationOptions } from "../validate/rowValidation";
import { createConversionRun, type ConvertOptions, type PivotTool } from "../convert";
import { candidateRows } from "./candidateRows";
import type { CandidateFacts, LoadError, RowLocation } from "./summaryBatch";

/** Receives what a range of a JSONL file holds: good rows with their summary and findings, and located errors. */
export interface RowSink {
  row(at: RowLocation, hash: string, summary: RowSummary, findings: Finding[], candidate?: CandidateFacts | null): void;
  error(e: LoadError): void;
}

/** Trajectories are converted into candidate rows as they are read (lib/convert), with these options. */
export interface RangeConversion {
  options: ConvertOptions;
  /** The source's name, as candidates' provenance records it. */
  fileName: string;
  /** The rows are a `.json` document's records (lib/ingest/jsonDocument): provenance numbers records, not lines. */
  document?: boolean;
  /** Tools attached to rows that carry none (a tools file the user loaded). */
  toolsFile?: readonly PivotTool[];
  /** That tools file as an export's manifest records it. */
  toolsFileDigest?: { name: string; size: number; sha256: string };
}

export interface ParseRangeOptions extends Pick<ScanOptions, "start" | "end" | "blockSize" | "maxLineBytes" | "onProgress"> {
  fileId: number;
  /** Pivot rows are checked against the Gym contract with these options; `null` turns validation off. */
  validation?: Omit<PivotValidationOptions, "line"> | null;
  /** Set for a file of trajectories: each row becomes its candidates (`line` then numbers candidates). */
  conversion?: RangeConversion | null;
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
  const convert = opts.conversion
    ? candidateRows(await createConversionRun(opts.conversion.options, opts.conversion.toolsFile), opts.conversion, sink)
    : null;
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
        if (convert) {
          const problem = convert(value, { fileId, line: l.line, offset: l.offset, length: l.length }, hasher(l.bytes.subarray(l.at, l.at + l.length)), l.text);
          if (problem) fail(l.line, l.offset, l.length, problem);
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
