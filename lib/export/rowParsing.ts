/**
 * Per-row steps shared by the checking and writing passes: parsing a line as Gym would, deciding whether a
 * row is kept, skipped or left out, and normalizing plus validating a kept row.
 */
import { isObject } from "../formats/json";
import { type Finding, makeFinding } from "../validate/finding";
import { validatePivotRow } from "../validate";
import { pythonJsonLoads } from "../formats/pythonJson";
import { EXCLUDED, KEPT, SKIPPED } from "./rowPlan";
import { normalizedValue } from "./normalizeRow";
import { planNormalization, type NormalizeOptions, type RepairCode } from "./normalizePlan";
import type { ExportOptions } from "./options";
import type { ExportDecisions, SourceRow } from "./sourceRows";

export type ParsedLine = { ok: true; value: unknown } | { ok: false; finding: Finding };

/** Python's `json.loads` rules (NaN, Infinity; its error text), at `JSON.parse` speed for ordinary rows. */
export function parseLine(text: string | null): ParsedLine {
  if (text === null) return { ok: false, finding: makeFinding("jsonl_invalid_json", "invalid JSON: the line is not valid UTF-8", "") };
  const result = pythonJsonLoads(text);
  return result.ok ? result : { ok: false, finding: makeFinding("jsonl_invalid_json", `invalid JSON: ${result.error}`, "") };
}

/** Kept, skipped (rejected or auto-skipped) or left out (unreviewed under `keep: "accepted"`). */
export function rowKind(row: SourceRow, decisions: ExportDecisions, keep: ExportOptions["keep"]): number {
  const verdict = decisions.verdictOf(row.hash);
  if (verdict === "rejected" || row.autoSkip) return SKIPPED;
  if (verdict === "accepted" || keep === "not-rejected") return KEPT;
  return EXCLUDED;
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

export interface CheckedRow {
  parsed: unknown;
  /** The normalized row (what would be written), as parsed. */
  value: unknown;
  repairs: RepairCode[];
  errors: Finding[];
  warnings: Finding[];
}

/** Normalizes a kept row (as a value only) and validates the result against the export contract. */
export function checkKeptRow(row: SourceRow, options: ExportOptions): CheckedRow {
  const parsed = parseLine(row.text);
  if (!parsed.ok) return { parsed: undefined, value: undefined, repairs: [], errors: [{ ...parsed.finding, line: row.line }], warnings: [] };
  let value = parsed.value;
  let repairs: RepairCode[] = [];
  if (isObject(value) && row.text !== null) {
    const normalize = normalizeOptionsOf(options);
    const plan = planNormalization(row.text, value, normalize);
    repairs = plan.repairs;
    if (repairs.length > 0) value = normalizedValue(value, plan, normalize);
  }
  const findings = validatePivotRow(value, { expectedAgentName: options.agentName, allowBatch: options.batch, line: row.line });
  return {
    parsed: parsed.value,
    value,
    repairs,
    errors: findings.filter((f) => f.severity === "error"),
    warnings: findings.filter((f) => f.severity !== "error"),
  };
}

/** Findings reported for a skipped row in the audit: the converter's, else the row's own as it stands. */
export function skippedRowFindings(row: SourceRow, parsed: ParsedLine, options: ExportOptions): Finding[] {
  if (row.autoSkip?.findings) return [...row.autoSkip.findings];
  if (!parsed.ok) return [parsed.finding];
  return validatePivotRow(parsed.value, { allowBatch: options.batch, line: row.line });
}
