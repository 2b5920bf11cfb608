import { candidatesInOrder, convertRow, type PivotRow, type SkippedCandidate } from "../convert";
import { sourceOfRow } from "../ingest/jsonDocument";
import type { RangeConversion } from "../ingest/parseRange";

/** Where a converted candidate comes from: its trajectory's row, and its place among that row's actions. */
export interface CandidateRef {
  conversion: RangeConversion;
  sourceLine: number;
  candidateIndex: number;
}

/**
 * Rebuilds one candidate from its parsed source row, exactly as the ingestion worker built it. Candidates are
 * never stored: each repeats its trajectory's prefix, so storing them would multiply the file's size.
 * Duplicates are not looked for here (that needs every earlier row); the `rows` table has the verdict.
 */
export function rebuildCandidate(source: unknown, rowHash: string, ref: CandidateRef, text?: string): PivotRow | SkippedCandidate {
  const conv = convertRow(
    source,
    sourceOfRow(ref.conversion, ref.sourceLine, rowHash, text),
    { options: ref.conversion.options, hashText: () => "", toolsFile: ref.conversion.toolsFile },
  );
  const found = candidatesInOrder(conv).find((c) => c.provenance.pivot_assistant_index === ref.candidateIndex);
  if (!found) throw new Error(`line ${ref.sourceLine} no longer has action #${ref.candidateIndex}: was the file changed?`);
  return found;
}
