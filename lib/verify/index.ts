/**
 * Pivot verifier: a framework-free port of NeMo Gym's `single_step_tool_use_with_argument_comparison`
 * resources server, reproducing its rewards and categories exactly.
 *
 * Vocabulary:
 * - action: what a step does, `message` | `function_call` | `function_call_batch` (Gym's ExpectedAction).
 * - expected action: the row's `expected_action`; actual action: what `extractAction` finds in `response`.
 * - category: Gym's StepRewardCategory, serialized as its long English string (as rollouts store it).
 * - comparator config: Gym's `tool_call_comparator_config`, keys kept in snake_case.
 */
import { StepRewardCategory } from "./categories";
import { compareAction, type ActionComparisonResult, type ToolCallComparatorConfig } from "./compareAction";
import { extractAction, InvalidVerifyRequestError, parseAction } from "./extractAction";
import { checkResponse } from "./responseModel";

export { isStepRewardCategory, StepRewardCategory, stepRewardCategoryName, type StepRewardCategoryName } from "./categories";
export {
  compareAction,
  compareToolCall,
  compareToolCallArguments,
  compareToolCalls,
  defaultComparatorConfig,
  findMaximumMatching,
  getToolCalls,
  InvalidExpectedArgumentsError,
  stringsMatch,
  type ActionComparisonResult,
  type ParallelToolCallRewardMode,
  type ToolCallComparatorConfig,
} from "./compareAction";
export {
  extractAction,
  InvalidVerifyRequestError,
  parseAction,
  VerifierServerError,
  type Action,
  type FunctionCallAction,
  type FunctionCallBatchAction,
  type MessageAction,
  type ResponseLike,
} from "./extractAction";
export { parsePythonJson, PythonIntDigitsLimitError, PythonJsonDecodeError, type PyValue } from "../formats/pythonJson";

/** The two fields of a rollout or `/verify` request that scoring reads; anything else is ignored. */
export interface VerifyRequestLike {
  response: unknown;
  expected_action: unknown;
}

export type VerifyResult = ActionComparisonResult;

/**
 * Gym's `POST /verify` without the request echo: validates `expected_action` and `response`, then
 * scores. Throws `InvalidVerifyRequestError` where Gym answers 422 and `VerifierServerError` where it answers 500.
 */
export function verifyRollout(row: VerifyRequestLike, config: ToolCallComparatorConfig): VerifyResult {
  const expected = parseAction(row.expected_action);
  const response = row.response;
  if (typeof response !== "object" || response === null || !("output" in response) || !Array.isArray(response.output)) {
    throw new InvalidVerifyRequestError("response.output must be a list");
  }
  checkResponse(response as Record<string, unknown>, response.output);
  const actual = extractAction({ output: response.output });
  if (actual === null) return { reward: 0.0, category: StepRewardCategory.NO_ACTION_FOUND };
  return compareAction(expected, actual, config);
}
