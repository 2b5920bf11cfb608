/**
 * Reads Anthropic Messages: assistant content blocks `text`, `thinking`, `redacted_thinking` and `tool_use`
 * (arguments are an object); user blocks `text`, `image` and `tool_result` (which answers a `tool_use_id`).
 * Each assistant message is one turn; a user message of tool results is tool output, not a user turn.
 * Server tools run by Anthropic are not function calls: a web search (`server_tool_use` named `web_search`) is kept
 * as the Responses `web_search_call` it corresponds to, whose results, as in Responses, stay with the server.
 */
import { isObject, str, type JsonObject } from "../formats/json";
import { contentText, inputContent } from "./content";
import type { TrajectoryBuilder } from "./trajectory";

function readAssistant(content: unknown, source: number, b: TrajectoryBuilder): void {
  b.startTurn(source);
  if (!Array.isArray(content)) {
    b.text(contentText(content), source);
    return;
  }
  for (const block of content) {
    if (!isObject(block)) continue;
    if (block.type === "text") b.text(str(block.text) ?? "", source);
    else if (block.type === "thinking") b.reasoning(str(block.thinking) ?? "", source);
    else if (block.type === "redacted_thinking") {
      b.reasoningItem({ type: "reasoning", summary: [], encrypted_content: str(block.data) ?? "" }, source);
    } else if (block.type === "tool_use") b.call({ name: block.name, arguments: block.input ?? {}, callId: block.id }, source);
    else if (block.type === "server_tool_use" && block.name === "web_search") b.unsupported(webSearchCall(block), "an Anthropic web search (a server tool) is not a function call", source);
    else if (block.type === "web_search_tool_result") continue;
    else b.unsupported({ ...block }, `an Anthropic ${String(block.type)} block is not a function call`, source);
  }
}

function webSearchCall(block: JsonObject): JsonObject {
  const query = isObject(block.input) ? str(block.input.query) : null;
  return { type: "web_search_call", id: str(block.id) ?? "", status: "completed", ...(query !== null ? { action: { type: "search", query } } : {}) };
}

function readUser(content: unknown, source: number, b: TrajectoryBuilder): void {
  if (!Array.isArray(content)) {
    b.context("user", inputContent(content));
    return;
  }
  const rest: JsonObject[] = [];
  for (const block of content) {
    if (!isObject(block)) continue;
    if (block.type === "tool_result") {
      const flaggedError = block.is_error === true;
      b.output(inputContent(block.content), contentText(block.content), { callId: block.tool_use_id, flaggedError }, source);
    } else {
      rest.push(block);
    }
  }
  if (rest.length > 0) b.context("user", inputContent(rest));
}

export function readAnthropicMessages(messages: readonly unknown[], b: TrajectoryBuilder): void {
  messages.forEach((m, source) => {
    if (!isObject(m)) b.drop();
    else if (m.role === "assistant") readAssistant(m.content, source, b);
    else if (m.role === "user") readUser(m.content, source, b);
    else if (m.role === "system") b.context("system", inputContent(m.content));
    else b.drop();
  });
}
