import { pivotId, walkCandidates, type ConversionRun } from "../convert";
import { CandidateSummaries } from "../formats/rowSummary";
import { sourceOfRow } from "./jsonDocument";
import type { RangeConversion, RowSink } from "./parseRange";
import type { RowLocation } from "./summaryBatch";

const NO_FINDINGS: never[] = [];

/**
 * A candidate's content hash, what review decisions are keyed by: xxHash64 of its stable id (`<source row
 * hash>-<action index>`), so it has the shape of a row's hash and survives renames and reordering like one.
 */
export function candidateHash(run: Pick<ConversionRun, "hashText">, id: string): string {
  return run.hashText(id);
}

/**
 * Turns each source row into one `rows` entry per candidate (converted or skipped), numbered in order from 1
 * within the range. Candidates are summarized from the conversion's walk (`walkCandidates`), without building
 * their rows, and not validated here: each one repeats its trajectory's prefix, so checking all of them costs a
 * multiple of the file; the decision-point view and the export check the rows they show or write. Returns a
 * message when the row holds no readable trajectory.
 */
export function candidateRows(run: ConversionRun, conversion: Pick<RangeConversion, "fileName" | "document">, sink: RowSink) {
  let ordinal = 0;
  return (value: unknown, source: RowLocation, rowHash: string, text: string): string | null => {
    const summaries = new CandidateSummaries();
    const walk = walkCandidates(value, sourceOfRow(conversion, source.line, rowHash, text), run, (c, row) => {
      const { verdict } = c;
      const skip = verdict.ok ? null : verdict.skip;
      const summary = summaries.ofParts({
        prefix: c.prefix,
        inputLength: c.inputLength,
        tools: row.tools,
        action: verdict.action,
        agentName: row.agentRef.name,
        provenance: row.base,
        position: c.position,
      });
      const at = { fileId: source.fileId, line: ++ordinal, offset: source.offset, length: source.length };
      sink.row(at, candidateHash(run, pivotId(row.rowHash, c.index)), summary, NO_FINDINGS, {
        sourceLine: source.line,
        candidateIndex: c.index,
        skipReason: skip?.reason ?? null,
        skipDetail: skip?.detail ?? null,
        taskId: row.base.task_id ?? null,
        duplicateKey: c.duplicateKey ?? null,
      });
    });
    return walk.error ?? null;
  };
}
