import { candidatesInOrder, convertRow, type ConversionRun } from "../convert";
import { CandidateSummaries } from "../formats/rowSummary";
import { sourceOfRow } from "./jsonDocument";
import type { RangeConversion, RowSink } from "./parseRange";
import type { RowLocation } from "./summaryBatch";

const NO_FINDINGS: never[] = [];

/**
 * A candidate's content hash, what review decisions are keyed by: xxHash64 of its stable id (`<source row
 * hash>-<action index>`), so it has the shape of a row's hash and survives renames and reordering like one.
 */
export function candidateHash(run: Pick<ConversionRun, "hashText">, pivotId: string): string {
  return run.hashText(pivotId);
}

/**
 * Turns each source row into one `rows` entry per candidate (converted or skipped), numbered in order from 1
 * within the range. Candidates are summarized but not validated here: each one repeats its trajectory's
 * prefix, so checking all of them costs a multiple of the file; the decision-point view and the export check
 * the rows they show or write. Returns a message when the row holds no readable trajectory.
 */
export function candidateRows(run: ConversionRun, conversion: Pick<RangeConversion, "fileName" | "document">, sink: RowSink) {
  let ordinal = 0;
  return (value: unknown, source: RowLocation, rowHash: string): string | null => {
    const conv = convertRow(value, sourceOfRow(conversion, source.line, rowHash), run);
    if (conv.error !== undefined) return conv.error;
    const summaries = new CandidateSummaries();
    for (const c of candidatesInOrder(conv)) {
      const p = c.provenance;
      const skip = "skip_reason" in c ? c : null;
      const at = { fileId: source.fileId, line: ++ordinal, offset: source.offset, length: source.length };
      sink.row(at, candidateHash(run, p.pivot_id), summaries.of(c), NO_FINDINGS, {
        sourceLine: source.line,
        candidateIndex: p.pivot_assistant_index,
        skipReason: skip?.skip_reason ?? null,
        skipDetail: skip?.skip_detail ?? null,
        taskId: p.task_id ?? null,
        duplicateKey: conv.duplicateKeys.get(p.pivot_assistant_index) ?? null,
      });
    }
    return null;
  };
}
