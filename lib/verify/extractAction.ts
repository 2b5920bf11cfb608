/**
 * The canonical action shapes both sides of a comparison use, and the two ways to get one:
 * `parseAction` for a row's `expected_action` (Gym's pydantic models in common/verification_utils.py)
 * and `extractAction` for a model response (common/response_utils.py).
 */

export interface MessageAction {
  type: "message";
  content: string;
}

export interface FunctionCallAction {
  type: "function_call";
  name: string;
  /** The raw JSON string, never parsed here: the comparator parses it with Python semantics. */
  arguments: string;
}

export interface FunctionCallBatchAction {
  type: "function_call_batch";
  calls: FunctionCallAction[];
}

export type Action = MessageAction | FunctionCallAction | FunctionCallBatchAction;

/** A Responses API `response`: only `output` is read. */
export interface ResponseLike {
  readonly output: readonly unknown[];
}

/** Gym's request validation would reject this input with HTTP 422, before any scoring happens. */
export class InvalidVerifyRequestError extends Error {
  override name = "InvalidVerifyRequestError";
}

/** Gym's `verify()` raises here, so the request fails with HTTP 500 instead of getting a reward. */
export class VerifierServerError extends Error {
  override name = "VerifierServerError";
}

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function requireString(fields: Fields, key: string, where: string): string {
  const value = fields[key];
  if (typeof value !== "string") throw new InvalidVerifyRequestError(`${where}.${key} must be a string`);
  return value;
}

function parseFunctionCall(value: unknown, where: string): FunctionCallAction {
  if (!isFields(value) || value.type !== "function_call") {
    throw new InvalidVerifyRequestError(`${where} must be an object with type "function_call"`);
  }
  // A dict for `arguments` fails validation: Gym requires the JSON string.
  const name = requireString(value, "name", where);
  return { type: "function_call", name, arguments: requireString(value, "arguments", where) };
}

/**
 * Validate an `expected_action` the way Gym's discriminated union does: `type` picks the shape, the
 * read fields must be strings, a batch needs at least one call, and extra keys are dropped.
 */
export function parseAction(value: unknown, where = "expected_action"): Action {
  if (!isFields(value)) throw new InvalidVerifyRequestError(`${where} must be an object`);
  switch (value.type) {
    case "message":
      return { type: "message", content: requireString(value, "content", where) };
    case "function_call":
      return parseFunctionCall(value, where);
    case "function_call_batch": {
      const calls = value.calls;
      // Field(min_length=1) on FunctionCallBatchAction.calls.
      if (!Array.isArray(calls) || calls.length === 0) {
        throw new InvalidVerifyRequestError(`${where}.calls must be a non-empty list`);
      }
      return { type: "function_call_batch", calls: calls.map((call, i) => parseFunctionCall(call, `${where}.calls[${i}]`)) };
    }
    default:
      throw new InvalidVerifyRequestError(`${where}.type must be "message", "function_call" or "function_call_batch"`);
  }
}

/** The first `output_text` of an assistant message, or null when it has none (e.g. refusal only). */
function firstOutputText(item: Fields, where: string): string | null {
  const content = item.content;
  // An easy-input assistant message may carry a string: Gym iterates its characters and crashes on
  // `char.type` (AttributeError), unless the string is empty and the loop never runs.
  if (content === "") return null;
  if (typeof content === "string") throw new VerifierServerError(`${where}.content is a string, which Gym cannot read`);
  if (!Array.isArray(content)) throw new InvalidVerifyRequestError(`${where}.content must be a list`);
  for (const [i, part] of content.entries()) {
    if (!isFields(part)) throw new InvalidVerifyRequestError(`${where}.content[${i}] must be an object`);
    // NeMoGymResponseOutputText defaults `type` to "output_text" (nemo_gym/openai_utils.py).
    const type = part.type ?? (typeof part.text === "string" ? "output_text" : undefined);
    if (type === "output_text") return requireString(part, "text", `${where}.content[${i}]`);
  }
  return null;
}

/**
 * Turn a response into the action it takes. Every `function_call` item counts, in emission order
 * (two or more become a batch), and tool calls beat text; otherwise the first `output_text` of the
 * first assistant message that has one is the action. Returns null when there is neither.
 */
export function extractAction(response: ResponseLike | readonly unknown[]): Action | null {
  const output = "output" in response ? response.output : response;
  const toolCalls: FunctionCallAction[] = [];
  let assistantText: string | null = null;

  for (const [i, item] of output.entries()) {
    const where = `response.output[${i}]`;
    // _require_response_output_item_type: an untagged output item is rejected, not guessed at.
    if (!isFields(item) || typeof item.type !== "string") {
      throw new InvalidVerifyRequestError(`${where} must be an object with a string type`);
    }
    if (item.type === "function_call") {
      toolCalls.push(parseFunctionCall(item, where));
    } else if (item.type === "message" && assistantText === null) {
      // An output message's role defaults to "assistant"; user/system items in output are skipped.
      if ((item.role ?? "assistant") === "assistant") assistantText = firstOutputText(item, where);
    }
  }

  if (toolCalls.length === 1 && toolCalls[0]) return toolCalls[0];
  if (toolCalls.length > 1) return { type: "function_call_batch", calls: toolCalls };
  // An empty string is still text: only null means "no message".
  if (assistantText !== null) return { type: "message", content: assistantText };
  return null;
}
