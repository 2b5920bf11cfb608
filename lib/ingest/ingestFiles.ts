import type { StudioDb } from "../db/browserDb";
import { FingerprintAccumulator, type FingerprintSums } from "../review/fileFingerprint";
import { blobSource } from "../jsonl/byteSource";
import { planRanges, type ByteRange } from "./planRanges";
import type { ParseJob, WorkerReply } from "./protocol";
import { duplicateRowsSql } from "./duplicateRows";
import { errorsToIpc, type LoadError } from "./summaryBatch";
import type { RangeConversion } from "./parseRange";
import { DUPLICATES_ACROSS_RANGES_SQL, rewardGroupsSql } from "./conversionSql";
import { passRewardOf } from "../convert/rewardGroups";
import { renumberErrors, renumberSql, type RangeCounts } from "./renumber";

/**
 * Browser ingestion: each file is split into line-aligned ranges, parse workers read their own ranges straight
 * from the File, and their Arrow batches are inserted into DuckDB as they arrive. Workers number lines from 1
 * within their range; once a file is done its rows are shifted to file line numbers.
 */
export interface IngestProgress {
  bytesDone: number;
  bytesTotal: number;
  rows: number;
  errors: number;
  elapsedMs: number;
  fileName: string;
}

export interface FileLoad {
  fileId: number;
  rows: number;
  /** Total bad lines; `errors` holds the first ones (all of them unless there are more than 10,000). */
  errorTotal: number;
  errors: LoadError[];
  /** The file's share of the load's fingerprint (lib/review/fileFingerprint): its rows' content hashes, summed. */
  fingerprint: FingerprintSums;
}

export interface IngestOptions {
  workers: number;
  /** Contract checks for pivot rows; null turns them off. Default: Gym's script defaults. */
  validation?: ParseJob["validation"];
  signal: AbortSignal;
  onProgress(p: IngestProgress): void;
  onFileDone?(load: FileLoad): void;
}

const BATCH_ROWS = 20_000;

type RangeDone = { lines: number; rows: number; errors: number; fingerprint: FingerprintSums };
type Pending = { resolve(v: RangeDone): void; reject(e: Error): void };

class WorkerPool {
  private workers: Worker[] = [];
  private pending = new Map<number, Pending & { onReply(r: WorkerReply): void }>();
  private nextJob = 1;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL("./parse.worker.ts", import.meta.url), { type: "module" });
      w.onmessage = (ev: MessageEvent<WorkerReply>) => this.dispatch(ev.data);
      w.onerror = (ev) => this.failAll(new Error(`parse worker crashed: ${ev.message || "out of memory?"}`));
      this.workers.push(w);
    }
  }

  get size() {
    return this.workers.length;
  }

  run(worker: number, job: Omit<ParseJob, "jobId" | "type">, onReply: (r: WorkerReply) => void) {
    const jobId = this.nextJob++;
    return new Promise<RangeDone>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject, onReply });
      this.workers[worker % this.workers.length]!.postMessage({ ...job, type: "parse", jobId } satisfies ParseJob);
    });
  }

  private dispatch(r: WorkerReply) {
    const p = this.pending.get(r.jobId);
    if (!p) return;
    if (r.type === "done") {
      this.pending.delete(r.jobId);
      p.resolve(r);
    } else if (r.type === "failed") {
      this.pending.delete(r.jobId);
      p.reject(Object.assign(new Error(r.error.message), { name: r.error.name }));
    } else p.onReply(r);
  }

  failAll(e: Error) {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  terminate() {
    this.failAll(new DOMException("cancelled", "AbortError"));
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}

let sharedPool: WorkerPool | null = null;

/** Creates the parse workers ahead of time (module load + hash-wasm compile happen before a file is chosen). */
export function warmIngest(workers: number): void {
  if (sharedPool?.size === workers) return;
  sharedPool?.terminate();
  sharedPool = new WorkerPool(workers);
}

/** One file to load; with `conversion`, its trajectories are converted into candidate rows as they are read. */
export interface IngestFile {
  fileId: number;
  file: File;
  conversion?: RangeConversion | null;
}

export async function ingestFiles(files: IngestFile[], db: StudioDb, opts: IngestOptions): Promise<FileLoad[]> {
  const bytesTotal = files.reduce((n, f) => n + f.file.size, 0);
  const started = performance.now();
  let bytesBefore = 0;
  let rows = 0;
  let errors = 0;
  warmIngest(Math.max(1, opts.workers));
  const pool = sharedPool!;
  const abort = () => {
    pool.terminate();
    if (sharedPool === pool) sharedPool = null;
  };
  opts.signal.addEventListener("abort", abort);
  const loads: FileLoad[] = [];
  try {
    for (const { fileId, file, conversion = null } of files) {
      opts.signal.throwIfAborted();
      const ranges = await planRanges(blobSource(file), pool.size);
      const rangeBytes = ranges.map(() => 0);
      const rangeErrors: LoadError[][] = ranges.map(() => []);
      const inserts: Promise<void>[] = [];
      const report = () =>
        opts.onProgress({
          bytesDone: bytesBefore + rangeBytes.reduce((a, b) => a + b, 0),
          bytesTotal,
          rows,
          errors,
          elapsedMs: performance.now() - started,
          fileName: file.name,
        });
      const results = await Promise.all(
        ranges.map((range, k) =>
          pool.run(k, { file, fileId, start: range.start, end: range.end, batchRows: BATCH_ROWS, validation: opts.validation ?? {}, conversion }, (r) => {
            if (r.type === "batch") {
              rows += r.rows;
              inserts.push(db.insertIpc("rows", r.ipc));
              if (r.findings) inserts.push(db.insertIpc("findings", r.findings));
            } else if (r.type === "progress") {
              rangeBytes[k] = r.bytes;
              report();
            } else if (r.type === "errors") {
              rangeErrors[k]!.push(...r.errors);
              errors += r.errors.length;
            }
          }),
        ),
      );
      await Promise.all(inserts);
      const errorTotal = results.reduce((n, r) => n + r.errors, 0);
      errors += errorTotal - rangeErrors.reduce((n, e) => n + e.length, 0);
      const fileErrors = await renumberLines(db, fileId, ranges, results, rangeErrors, conversion !== null);
      await db.exec(conversion ? `${DUPLICATES_ACROSS_RANGES_SQL};\n${rewardGroupsSql(passRewardOf(conversion.options))}` : duplicateRowsSql(fileId));
      bytesBefore += file.size;
      rangeBytes.fill(0);
      const fingerprint = new FingerprintAccumulator();
      for (const r of results) fingerprint.mergeSums(r.fingerprint);
      const load = { fileId, rows: results.reduce((n, r) => n + r.rows, 0), errorTotal, errors: fileErrors, fingerprint: fingerprint.sums() };
      loads.push(load);
      opts.onFileDone?.(load);
      report();
    }
    return loads;
  } catch (e) {
    if (opts.signal.aborted) {
      const done = new Set(loads.map((l) => l.fileId));
      const partial = files.filter((f) => !done.has(f.fileId)).map((f) => f.fileId);
      if (partial.length) {
        const ids = partial.join(",");
        await db.exec(
          `DELETE FROM rows WHERE file_id IN (${ids}); DELETE FROM load_errors WHERE file_id IN (${ids}); ` +
            `DELETE FROM findings WHERE file_id IN (${ids})`,
        );
      }
      throw new DOMException("cancelled", "AbortError");
    }
    throw e;
  } finally {
    opts.signal.removeEventListener("abort", abort);
  }
}

/** Shifts range-local line numbers to file line numbers: in DuckDB for rows and findings, in memory for errors. */
async function renumberLines(
  db: StudioDb,
  fileId: number,
  ranges: ByteRange[],
  results: RangeCounts[],
  rangeErrors: LoadError[][],
  converted: boolean,
): Promise<LoadError[]> {
  const sql = renumberSql(fileId, ranges, results, converted);
  if (sql) await db.exec(sql);
  const all = renumberErrors(rangeErrors, results);
  if (all.length) await db.insertIpc("load_errors", errorsToIpc(all));
  return all;
}
