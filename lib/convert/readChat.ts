/**
 * Reads chat-completions messages: OpenAI (nested `tool_calls[{id, function: {name, arguments}}]`, `tool`
 * role with `tool_call_id`, legacy `function_call` and `function` role, `reasoning_content`, content parts)
 * and τ²-bench (flat `tool_calls[{id, name, arguments: object}]`, tool messages keyed by `id`, `error` flag,
 * reasoning under `raw_data.choices[0].message`). Each assistant message is one turn.
 */
import { isObject, str, type JsonObject } from "../formats/json";
import { contentText, inputContent, splitThinkTags } from "./content";
import type { TrajectoryBuilder } from "./trajectory";

const ASSISTANT_ROLES = new Set(["assistant", "model", "gpt", "bot", "ai", "chatbot"]);
const TOOL_ROLES = new Set(["tool", "function", "ipython", "observation", "tool_response", "function_response"]);
const CONTEXT_ROLES = new Map([["system", "system"], ["developer", "developer"], ["user", "user"], ["human", "user"]]);

/** Reasoning a message carries beside its content, however the source names it. */
function reasoningOf(m: JsonObject): string | null {
  for (const key of ["reasoning_content", "reasoning", "thinking"]) {
    const v = str(m[key]);
    if (v) return v;
  }
  // τ² keeps the model's raw reply under raw_data; its reasoning is not copied to the message.
  const raw = isObject(m.raw_data) && Array.isArray(m.raw_data.choices) ? m.raw_data.choices[0] : undefined;
  if (isObject(raw) && isObject(raw.message) && raw.message !== m) return reasoningOf(raw.message);
  return null;
}

function stripThinkMarkers(text: string): string {
  return text.replace(/<\/?think>/g, "").trim();
}

function readAssistant(m: JsonObject, source: number, b: TrajectoryBuilder): void {
  b.startTurn(source);
  const split = splitThinkTags(contentText(m.content));
  const reasoning = reasoningOf(m) ?? split.reasoning;
  if (reasoning) b.reasoning(stripThinkMarkers(reasoning), source);
  b.text(split.text, source);
  const calls = Array.isArray(m.tool_calls) ? m.tool_calls : [];
  for (const tc of calls) {
    if (!isObject(tc)) continue;
    const fn = isObject(tc.function) ? tc.function : tc; // nested (OpenAI) or flat (τ²)
    b.call({ name: fn.name, arguments: fn.arguments, callId: tc.id ?? tc.call_id }, source);
  }
  if (isObject(m.function_call)) b.call({ name: m.function_call.name, arguments: m.function_call.arguments }, source);
}

/** Reads a chat message list into the builder. */
export function readChatMessages(messages: readonly unknown[], b: TrajectoryBuilder): void {
  // τ²'s user simulator can call its own tools; those calls and their outputs are not the agent's.
  const userCallIds = new Set<string>();
  messages.forEach((raw, source) => {
    if (!isObject(raw)) {
      b.drop();
      return;
    }
    const role = str(raw.role)?.toLowerCase() ?? "";
    if (ASSISTANT_ROLES.has(role)) {
      readAssistant(raw, source, b);
    } else if (TOOL_ROLES.has(role)) {
      const callId = raw.tool_call_id ?? raw.call_id ?? raw.id;
      if (raw.requestor === "user" || (typeof callId === "string" && userCallIds.has(callId))) {
        b.drop();
        return;
      }
      const flaggedError = raw.error === true || raw.is_error === true;
      b.output(inputContent(raw.content), contentText(raw.content), { callId, name: raw.name, flaggedError }, source);
    } else if (CONTEXT_ROLES.has(role)) {
      const userCalls = role === "user" && Array.isArray(raw.tool_calls) ? raw.tool_calls : [];
      for (const tc of userCalls) if (isObject(tc) && typeof tc.id === "string") userCallIds.add(tc.id);
      const content = inputContent(raw.content);
      if (userCalls.length > 0 && contentText(raw.content).trim() === "") b.drop();
      else b.context(CONTEXT_ROLES.get(role)!, content);
    } else {
      b.drop();
    }
  });
}
