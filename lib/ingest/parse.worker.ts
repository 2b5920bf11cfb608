/// <reference lib="webworker" />
import { blobSource } from "../jsonl/byteSource";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { FingerprintAccumulator } from "../review/fileFingerprint";
import { parseRange } from "./parseRange";
import type { ParseJob, WorkerReply } from "./protocol";
import { SummaryBatch, type LoadError } from "./summaryBatch";

// Thin shell: all logic is in parseRange (shared with the CLI); this file only moves bytes and messages.
declare const self: DedicatedWorkerGlobalScope;
// Compiled as soon as the worker starts, before the first job arrives.
const hasher: Promise<RowHasher> = createRowHasher();
const MAX_ERRORS_SENT = 10_000;
// Each insert costs DuckDB a fixed overhead (~20 ms on 2 cores), so a block's rows are sent at its end only once
// there are this many: blocks of big rows (pivot rows: ~1.4k per 32 MB) are inserted two or three at a time.
const MIN_INSERT_ROWS = 2048;

const post = (msg: WorkerReply, transfer: Transferable[] = []) => self.postMessage(msg, transfer);

self.onmessage = async (ev: MessageEvent<ParseJob>) => {
  const job = ev.data;
  const { jobId } = job;
  try {
    const hash = await hasher;
    const batch = new SummaryBatch();
    // Folded here as rows are made, so the page never reads every content hash back to fingerprint a load.
    const fingerprint = new FingerprintAccumulator();
    let rows = 0;
    let errorCount = 0;
    let pendingErrors: LoadError[] = [];
    const flush = (minRows = 1) => {
      if (batch.size >= minRows) {
        const n = batch.size;
        const findings = batch.takeFindings();
        const ipc = batch.take();
        post({ type: "batch", jobId, ipc, findings, rows: n }, findings ? [ipc.buffer, findings.buffer] : [ipc.buffer]);
      }
      if (pendingErrors.length > 0) {
        post({ type: "errors", jobId, errors: pendingErrors, total: errorCount });
        pendingErrors = [];
      }
    };
    const result = await parseRange(
      blobSource(job.file),
      {
        row(at, h, summary, findings, candidate) {
          batch.add(at, h, summary, findings, candidate);
          fingerprint.add(h);
          rows++;
          if (batch.size >= job.batchRows) flush();
        },
        error(e) {
          errorCount++;
          // Count every error, keep the first ones: a file of garbage must not exhaust memory.
          if (errorCount <= MAX_ERRORS_SENT) pendingErrors.push(e);
        },
      },
      hash,
      {
        fileId: job.fileId,
        validation: job.validation,
        conversion: job.conversion,
        start: job.start,
        end: job.end,
        onProgress(bytes) {
          flush(MIN_INSERT_ROWS);
          post({ type: "progress", jobId, bytes, rows });
        },
      },
    );
    flush();
    post({ type: "done", jobId, lines: result.lines, rows, errors: errorCount, fingerprint: fingerprint.sums() });
  } catch (e) {
    const err = e as Error;
    post({ type: "failed", jobId, error: { name: err.name, message: err.message, stack: err.stack } });
  }
};
