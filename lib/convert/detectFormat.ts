/**
 * Which source format a row is written in (see `SourceFormat`), by its shape. The first decisive message
 * wins; a chat list with no decisive message is `openai_chat`, which also reads plain text conversations.
 */
import { isObject, type JsonObject } from "../formats/json";
import { findMessageList } from "./findByMeaning";
import type { SourceFormat } from "./options";

const RESPONSES_ITEM_TYPES = new Set(["function_call", "function_call_output", "reasoning"]);
const ANTHROPIC_BLOCK_TYPES = new Set(["tool_use", "tool_result", "thinking", "redacted_thinking"]);

/** A Gym rollout: `response.output`, or a trajectory kept in `responses_create_params.input` (not a pivot row). */
export function isGymRollout(row: unknown): row is JsonObject {
  if (!isObject(row)) return false;
  if (isObject(row.response) && Array.isArray(row.response.output)) return true;
  return isObject(row.responses_create_params) && Array.isArray(row.responses_create_params.input) && !("expected_action" in row);
}

function isFlatToolCall(tc: unknown): boolean {
  return isObject(tc) && !isObject(tc.function) && typeof tc.name === "string";
}

/**
 * Hermes data written as `{role, content}`: calls only as `<tool_call>` tags in assistant text, never as
 * `tool_calls` / `function_call` fields. The ShareGPT reader reads those tags (and `<tool_response>` outputs).
 */
function hermesTagged(messages: readonly unknown[]): boolean {
  let tags = false;
  for (const m of messages) {
    if (!isObject(m)) continue;
    if ("tool_calls" in m || "function_call" in m) return false;
    if (m.role === "assistant" && typeof m.content === "string" && m.content.includes("<tool_call>")) tags = true;
  }
  return tags;
}

export function detectListFormat(messages: readonly unknown[]): SourceFormat {
  let flatCalls = false;
  for (const m of messages) {
    if (!isObject(m)) continue;
    if ("from" in m && "value" in m) return "sharegpt";
    if (typeof m.type === "string" && RESPONSES_ITEM_TYPES.has(m.type)) return "gym_rollout";
    if (Array.isArray(m.content) && m.content.some((b) => isObject(b) && typeof b.type === "string" && ANTHROPIC_BLOCK_TYPES.has(b.type))) {
      return "anthropic";
    }
    if (Array.isArray(m.tool_calls) && m.tool_calls.some(isFlatToolCall)) flatCalls = true;
  }
  if (flatCalls) return "tau2";
  return hermesTagged(messages) ? "sharegpt" : "openai_chat";
}

/** The row's format, or null when it holds no trajectory. */
export function detectRowFormat(row: unknown): SourceFormat | null {
  if (isGymRollout(row)) return "gym_rollout";
  const list = findMessageList(row);
  return list ? detectListFormat(list) : null;
}
