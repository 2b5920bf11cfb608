/**
 * The decision view's "try it" panel: score an action a reviewer types against the row's expected action under
 * the current knobs. The typed text may be an action in `expected_action` shape (message / function_call /
 * function_call_batch), a Responses output item (a `message` with output_text parts), or a whole `response.output`
 * list — the last two go through Gym's `extract_action`, exactly as a rollout would.
 */
import { compareAction, type ActionComparisonResult, type ToolCallComparatorConfig } from "./compareAction";
import { StepRewardCategory } from "./categories";
import { extractAction, InvalidVerifyRequestError, parseAction, VerifierServerError, type Action } from "./extractAction";

export type TryResult = ({ ok: true } & ActionComparisonResult) | { ok: false; error: string };

function typedAction(value: unknown): Action | null {
  if (Array.isArray(value)) return extractAction({ output: value });
  const isOutputMessage =
    typeof value === "object" && value !== null && (value as { type?: unknown }).type === "message" && Array.isArray((value as { content?: unknown }).content);
  return isOutputMessage ? extractAction({ output: [value] }) : parseAction(value, "your action");
}

export function tryAction(expectedAction: unknown, typed: string, config: ToolCallComparatorConfig): TryResult {
  let value: unknown;
  try {
    value = JSON.parse(typed);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  try {
    const expected = parseAction(expectedAction);
    const actual = typedAction(value);
    if (actual === null) return { ok: true, reward: 0.0, category: StepRewardCategory.NO_ACTION_FOUND };
    return { ok: true, ...compareAction(expected, actual, config) };
  } catch (e) {
    if (e instanceof InvalidVerifyRequestError || e instanceof VerifierServerError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The panel's starting text: the expected action (scores 1.0) or a rollout's output, pretty-printed. */
export function tryActionStart(start: unknown): string {
  return JSON.stringify(start, null, 2) ?? "";
}
