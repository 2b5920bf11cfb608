/**
 * Gym validates a `/verify` request's response as `NeMoGymResponse` before scoring, and answers 422 when it fails.
 * Its output items are the request input's item union with a required `type` (`NeMoGymResponseOutputItem`), so
 * each one is held to the input item rules: an assistant message whose status is not a status, a function call
 * without `call_id`, a reasoning item without `id` are refused, not scored.
 */
import { type Finding } from "../validate/finding";
import { checkInputItems } from "../validate/inputItems";
import { InvalidVerifyRequestError } from "./extractAction";

export function checkResponseOutput(output: readonly unknown[]): void {
  output.forEach((item, i) => {
    // _require_response_output_item_type: an untagged item is not guessed at.
    if (typeof item !== "object" || item === null || Array.isArray(item) || typeof (item as { type?: unknown }).type !== "string") {
      throw new InvalidVerifyRequestError(`response.output[${i}] must be an object with a string type`);
    }
  });
  const findings: Finding[] = [];
  checkInputItems(output, "response.output", findings);
  const error = findings.find((f) => f.severity === "error");
  if (error) throw new InvalidVerifyRequestError(`${error.path}: ${error.message}`);
}
