/**
 * Where an export pass gets its processed rows. The page (and any caller with `SourceRow`s) processes them in
 * the calling thread; the Node CLI processes byte ranges of its input files in worker threads
 * (`nodeThreads.ts`). Either way the rows come back in source order, so the bundle is the same.
 */
import { type ProcessedRow, processRow, type RowWork } from "./processRow";
import { RequestMemo } from "./requestMemo";
import type { ExportDecisions, SourceRow } from "./sourceRows";

export interface RowProcessor {
  /** Every source row through `processRow`, in source order, a batch at a time. Called once per pass. */
  process(work: RowWork, signal?: AbortSignal): AsyncIterable<readonly ProcessedRow[]>;
}

const BATCH = 64;

/** Processes `rows()` in this thread. */
export function inlineRowProcessor(rows: () => AsyncIterable<SourceRow>, decisions: ExportDecisions): RowProcessor {
  return {
    async *process(work) {
      let batch: ProcessedRow[] = [];
      const memo = new RequestMemo();
      for await (const row of rows()) {
        batch.push(processRow(row, work, decisions, { memo }));
        if (batch.length === BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}
