/**
 * Gym validates a `/verify` request's response as `NeMoGymResponse` before scoring, and answers 422 when it fails.
 * - Its required fields (`id`, `created_at`, `model`, `object`, `parallel_tool_calls`, `tool_choice`, `tools`) are
 *   checked for presence and type, lax as pydantic is (`created_at: "12.5"` passes); a tool choice or a tool is
 *   only checked to be a known choice or a typed object.
 * - Its output items are the request input's item union with a required `type` (`NeMoGymResponseOutputItem`), so
 *   each one is held to the input item rules: a function call without `call_id`, an assistant message whose
 *   status is not a status, `output_text` without `annotations` are refused, not scored.
 * Not checked: the optional fields (`status`, `usage`, `temperature`, …), which a model server fills correctly.
 */
import { type Finding, isObject } from "../validate/finding";
import { checkInputItems } from "../validate/inputItems";
import { laxBool, laxFloatValue } from "../validate/requestModel";
import { InvalidVerifyRequestError } from "./extractAction";

const isTyped = (v: unknown): boolean => isObject(v) && typeof v.type === "string";

const REQUIRED: [string, (v: unknown) => boolean, string][] = [
  ["id", (v) => typeof v === "string", "a string"],
  ["created_at", (v) => laxFloatValue(v) !== null, "a number"],
  ["model", (v) => typeof v === "string", "a string"],
  ["object", (v) => v === "response", '"response"'],
  ["parallel_tool_calls", laxBool, "a boolean"],
  ["tool_choice", (v) => v === "none" || v === "auto" || v === "required" || isTyped(v), 'none, auto, required or a typed choice'],
  ["tools", (v) => Array.isArray(v) && v.every(isTyped), "a list of typed tools"],
];

export function checkResponse(response: Record<string, unknown>, output: readonly unknown[]): void {
  for (const [key, ok, expected] of REQUIRED) {
    if (!Object.hasOwn(response, key)) throw new InvalidVerifyRequestError(`response.${key} is required (Gym's response model)`);
    if (!ok(response[key])) throw new InvalidVerifyRequestError(`response.${key} must be ${expected}`);
  }
  output.forEach((item, i) => {
    // _require_response_output_item_type: an untagged item is not guessed at.
    if (!isTyped(item)) throw new InvalidVerifyRequestError(`response.output[${i}] must be an object with a string type`);
  });
  const findings: Finding[] = [];
  checkInputItems(output, "response.output", findings);
  const error = findings.find((f) => f.severity === "error");
  if (error) throw new InvalidVerifyRequestError(`${error.path}: ${error.message}`);
}
