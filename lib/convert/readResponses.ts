/**
 * Reads Responses items (a Gym rollout's `responses_create_params.input` + `response.output`, spec §7.4).
 * A turn is a run of reasoning / assistant message / call items; a tool output or a user message ends it.
 * Reasoning that follows the call it explains stays in that call's turn, and is moved before it when the
 * turn is replayed in a prefix (see `pushTurn` in convertRow.ts).
 */
import { isObject, str, type JsonObject } from "../formats/json";
import { contentText, responsesInputContent, stripNulls, withMembers } from "./content";
import type { TrajectoryBuilder } from "./trajectory";

const CONTEXT_ROLES = new Set(["system", "developer", "user"]);
/** Hosted tool results: outputs, not actions. */
const HOSTED_OUTPUT_TYPES = new Set(["computer_call_output", "local_shell_call_output", "custom_tool_call_output", "mcp_approval_response"]);

function itemType(item: JsonObject): unknown {
  if (item.type !== undefined) return item.type;
  if ("role" in item || "content" in item) return "message";
  if ("output" in item) return "function_call_output";
  if ("arguments" in item || "call_id" in item) return "function_call";
  if ("summary" in item) return "reasoning";
  return undefined;
}

/** Text of an assistant output message: output_text parts (refusals are not text, as in Gym's extract_action). */
function assistantText(content: unknown): string {
  if (!Array.isArray(content)) return contentText(content);
  return content
    .filter((p) => isObject(p) && (p.type === "output_text" || p.type === "text" || p.type === "input_text"))
    .map((p) => str((p as JsonObject).text) ?? "")
    .join("\n");
}

/**
 * An assistant message's content as Gym's input accepts it (spec §1.2): `output_text` parts carry `annotations`
 * (required), a bare `text` part is an `output_text`, and a missing content is empty text. The same value when
 * nothing needs changing.
 */
function assistantContent(content: unknown): unknown {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let changed = false;
  const parts = content.map((p) => {
    if (!isObject(p) || (p.type !== "text" && p.type !== "output_text") || Array.isArray(p.annotations)) return p;
    changed = true;
    return p.type === "text" ? { type: "output_text", text: str(p.text) ?? "", annotations: [] } : withMembers(p, { annotations: [] });
  });
  return changed ? parts : content;
}

export function readResponsesItem(raw: unknown, source: number, b: TrajectoryBuilder): void {
  if (!isObject(raw)) {
    b.drop();
    return;
  }
  const item = stripNulls(raw);
  const type = itemType(item);
  if (type === "message") {
    const role = str(item.role) ?? "user";
    // Items are never mutated: one that already reads as written here is kept rather than copied.
    if (role === "assistant") {
      const content = assistantContent(item.content);
      const kept = item.type === "message" && content === item.content;
      b.textItem(kept ? item : withMembers(item, { type: "message", content }), assistantText(item.content), source);
    } else if (CONTEXT_ROLES.has(role)) {
      const content = responsesInputContent(item.content);
      b.contextItem(role, item.type === "message" && content === item.content ? item : withMembers(item, { type: "message", content }));
    } else {
      b.drop();
    }
  } else if (type === "function_call") {
    b.call({ name: item.name, arguments: item.arguments, callId: item.call_id, id: item.id }, source);
  } else if (type === "function_call_output") {
    b.output(responsesInputContent(item.output), contentText(item.output), { callId: item.call_id }, source);
  } else if (type === "reasoning") {
    b.reasoningItem(Array.isArray(item.summary) ? item : withMembers(item, { summary: [] }), source);
  } else if (typeof type === "string" && HOSTED_OUTPUT_TYPES.has(type)) {
    b.outputItem(item, contentText(item.output));
  } else if (typeof type === "string") {
    b.unsupported(item, `a ${type} item is not a function call`, source);
  } else {
    b.drop();
  }
}

export function readResponsesItems(items: readonly unknown[], b: TrajectoryBuilder, firstSource = 0): void {
  items.forEach((item, i) => readResponsesItem(item, firstSource + i, b));
}
