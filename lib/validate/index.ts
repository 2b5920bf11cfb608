/**
 * lib/validate: pivot-row validation as findings, framework-free (runs in workers, Node and the page).
 *
 * Terms:
 * - pivot row: one decision point, `{responses_create_params, expected_action, agent_ref, …provenance}`.
 * - finding: `{code, severity, message, path, line?}`; `code` is stable and listed in FINDING_CATALOGUE.
 * - the script: Gym's `validate_pivot_dataset.py` (pivot skill). Its rules keep its exact wording and order;
 *   `validateFirstError` / `runPivotValidatorScript` reproduce its fail-fast verdict and its printed output.
 * - request model: Gym's pydantic `NeMoGymResponseCreateParamsNonStreaming` (extra="forbid").
 * - beyond Gym: warnings for dataset bugs Gym accepts.
 */
import { FINDING_CATALOGUE, type FindingCode, type FindingLayer, type FindingSeverity } from "./finding";

export { FINDING_CATALOGUE, type Finding, type FindingCode, type FindingLayer, type FindingSeverity } from "./finding";
export { type GymRuleOptions, checkGymRules, extractToolName, getDottedPath, parseAnyFieldGroups } from "./gymRules";
export { REQUEST_MODEL_KEYS, checkRequestModel } from "./requestModel";
export { checkBeyondGym } from "./beyondGym";
export { type PivotSummary, addPivotRow, createPivotSummary, formatPivotSummary, summarizePivotRows } from "./gymSummary";
export {
  type FirstErrorOptions,
  type PivotValidationOptions,
  formatFirstError,
  validateFirstError,
  validatePivotRow,
} from "./rowValidation";
export { type PivotScriptOptions, type PivotScriptResult, pythonTextLines, runPivotValidatorScript } from "./gymScript";

export interface FindingCodeInfo {
  code: FindingCode;
  severity: FindingSeverity;
  layer: FindingLayer;
  description: string;
}

/** The catalogue as a list, in check order, for the UI. */
export function listFindingCodes(): FindingCodeInfo[] {
  return (Object.keys(FINDING_CATALOGUE) as FindingCode[]).map((code) => ({ code, ...FINDING_CATALOGUE[code] }));
}
