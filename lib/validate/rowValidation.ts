/** One pivot row through all three layers, or through the script's fail-fast order. */
import { addBeyondGymFindings } from "./beyondGym";
import { type Finding, getKey, isObject } from "./finding";
import { type GymRuleOptions, checkGymRules } from "./gymRules";
import { addRequestModelFindings, checkRequestModel } from "./requestModel";

export interface PivotValidationOptions extends GymRuleOptions {
  /** Stamped on every finding as `line`. */
  line?: number;
}

export interface FirstErrorOptions extends PivotValidationOptions {
  /**
   * Like the script's `--gym-repo`: request-model errors count too, at the script's place for them (after
   * expected_action, before the tool-name check). Their wording is ours; the script prints pydantic's text.
   */
  gymModels?: boolean;
}

function stampLine(findings: Finding[], line: number | undefined): Finding[] {
  if (line !== undefined) for (const finding of findings) finding.line = line;
  return findings;
}

function requestModelFindings(row: unknown): Finding[] {
  return isObject(row) ? checkRequestModel(getKey(row, "responses_create_params")) : [];
}

/** Every finding of every layer: the script's rules (in its order), then the request model, then beyond-Gym. */
export function validatePivotRow(row: unknown, options: PivotValidationOptions = {}): Finding[] {
  const findings = checkGymRules(row, options);
  if (isObject(row)) {
    addRequestModelFindings(getKey(row, "responses_create_params"), "responses_create_params", findings);
    addBeyondGymFindings(row, findings);
  }
  return stampLine(findings, options.line);
}

/** The error `validate_pivot_dataset.py` stops at for this row, or null when the script accepts it. */
export function validateFirstError(row: unknown, options: FirstErrorOptions = {}): Finding | null {
  const scriptFindings = checkGymRules(row, options);
  let first = scriptFindings.find((f) => f.code !== "expected_tool_not_in_tools");
  if (first === undefined && options.gymModels) first = requestModelFindings(row).find((f) => f.severity === "error");
  first ??= scriptFindings[0];
  return first === undefined ? null : (stampLine([first], options.line)[0] ?? null);
}

/** The script's stderr line for a finding: `validation failed: line N: …` (no line part for file-level ones). */
export function formatFirstError(finding: Pick<Finding, "message" | "line">): string {
  return finding.line === undefined
    ? `validation failed: ${finding.message}`
    : `validation failed: line ${finding.line}: ${finding.message}`;
}
