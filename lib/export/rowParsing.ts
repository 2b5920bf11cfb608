/**
 * Per-row steps of `processRow`: parsing a line as Gym would, deciding whether a row is kept, skipped or left
 * out, and what the audit says about a skipped row.
 */
import { type Finding, makeFinding } from "../validate/finding";
import { type PivotValidationOptions, validatePivotRow } from "../validate";
import { pythonJsonLoads } from "../formats/pythonJson";
import { EXCLUDED, KEPT, SKIPPED } from "./rowPlan";
import type { NormalizeOptions } from "./normalizePlan";
import type { ExportOptions } from "./options";
import type { AutoSkip, ExportDecisions, SourceRow } from "./sourceRows";

export type ParsedLine = { ok: true; value: unknown } | { ok: false; finding: Finding };

/** Python's `json.loads` rules (NaN, Infinity; its error text), at `JSON.parse` speed for ordinary rows. */
export function parseLine(text: string | null): ParsedLine {
  if (text === null) return { ok: false, finding: makeFinding("jsonl_invalid_json", "invalid JSON: the line is not valid UTF-8", "") };
  const result = pythonJsonLoads(text);
  return result.ok ? result : { ok: false, finding: makeFinding("jsonl_invalid_json", `invalid JSON: ${result.error}`, "") };
}

/** Conversion's skip reason for a candidate already converted earlier (same prefix, tools and action). */
export const DUPLICATE_SKIP = "duplicate";

/**
 * Kept, skipped (rejected, or auto-skipped by conversion and not accepted) or left out (unreviewed under
 * `keep: "accepted"`). A reviewer's decision overrides conversion's skip, as in the app's audit (a blanket
 * verdict, `--accept-all`, does not; nor does anything override a `duplicate`). `undecided`: no reviewer
 * decided and conversion did not skip it; such a row is auto-skipped after all when it has an error
 * normalization does not repair (`processRow`), so only rows a reviewer accepted can refuse the export.
 */
export function rowKind(row: SourceRow, decisions: ExportDecisions, keep: ExportOptions["keep"]): { kind: number; undecided: boolean } {
  const verdict = decisions.verdictOf(row.hash);
  if (verdict === "rejected") return { kind: SKIPPED, undecided: false };
  // A duplicate repeats an earlier decision point (a copy in another file even shares its hash, and so its
  // decision): it stays skipped, so the bundle holds each decision point once.
  const overridden = verdict === "accepted" && !decisions.blanket && row.autoSkip?.reason !== DUPLICATE_SKIP;
  if (row.autoSkip && !overridden) return { kind: SKIPPED, undecided: false };
  if (verdict === "accepted") return { kind: KEPT, undecided: false };
  return { kind: keep === "not-rejected" ? KEPT : EXCLUDED, undecided: true };
}

/** The audit's entry for an undecided row with errors: the first code (as the app's audit names it) and all. */
export function validationSkip(errors: readonly Finding[], warnings: readonly Finding[]): AutoSkip {
  const codes = [...new Set(errors.map((f) => f.code))].sort();
  return { reason: codes[0] as string, note: codes.join(", "), findings: [...errors, ...warnings], by: "validator" };
}

/**
 * What the export's contract check accepts (batches, rows without tools), for the row at `line`; with the agent
 * name every row must carry, for a row as it is written. One object per row: kept rows pass here one by one.
 */
export function contractCheckOf(o: ExportOptions, line: number, expectedAgentName?: string): PivotValidationOptions {
  return { allowBatch: o.batch, allowMissingTools: o.allowMissingTools, line, expectedAgentName };
}

export function normalizeOptionsOf(o: ExportOptions): NormalizeOptions {
  return {
    agentName: o.agentName,
    batch: o.batch,
    parallelToolCalls: o.parallelToolCalls,
    provenance: o.provenance,
    provenanceKey: o.provenanceKey,
  };
}

/** Findings reported for a skipped row in the audit: the converter's, else the row's own as it stands. */
export function skippedRowFindings(row: SourceRow, parsed: ParsedLine, options: ExportOptions): Finding[] {
  if (row.autoSkip?.findings) return [...row.autoSkip.findings];
  if (!parsed.ok) return [parsed.finding];
  return validatePivotRow(parsed.value, contractCheckOf(options, row.line));
}
