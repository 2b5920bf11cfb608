import type { FingerprintSums } from "../review/fileFingerprint";
import type { PivotValidationOptions } from "../validate/rowValidation";
import type { LoadError } from "./summaryBatch";
import type { RangeConversion } from "./parseRange";

/** Messages between the page and a parse worker. One job = one byte range of one file. */
export interface ParseJob {
  type: "parse";
  jobId: number;
  file: Blob;
  fileId: number;
  start: number;
  end: number;
  /** Rows per Arrow batch sent back. */
  batchRows: number;
  /** Contract checks for pivot rows (null = off). */
  validation: Omit<PivotValidationOptions, "line"> | null;
  /** Set for a file of trajectories: rows become their candidates. */
  conversion: RangeConversion | null;
}

export type WorkerReply =
  | { type: "batch"; jobId: number; ipc: Uint8Array; findings: Uint8Array | null; rows: number }
  | { type: "progress"; jobId: number; bytes: number; rows: number }
  | { type: "errors"; jobId: number; errors: LoadError[]; total: number }
  /** `fingerprint`: the range's share of the rows' fingerprint (lib/review/fileFingerprint), added up per file. */
  | { type: "done"; jobId: number; lines: number; rows: number; errors: number; fingerprint: FingerprintSums }
  | { type: "failed"; jobId: number; error: { name: string; message: string; stack?: string } };
