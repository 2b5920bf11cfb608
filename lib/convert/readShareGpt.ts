/**
 * Reads ShareGPT / Hermes conversations: `[{from, value}]` (or `{role, content}`) with
 * - Hermes tags: `<tool_call>{"name", "arguments"}</tool_call>` in assistant text (JSON, or a Python literal as
 *   hermes-function-calling data writes it), `<tool_response>…</tool_response>` in tool (or user) turns;
 * - LLaMA-Factory / Glaive turns: `function_call` (a JSON call, or a list for parallel calls) and `observation`.
 * Outputs carry no call ids, so they answer the waiting calls in order.
 */
import { isObject, str } from "../formats/json";
import { contentText, inputContent, splitThinkTags } from "./content";
import { parseExactJson } from "./exactNumbers";
import { parsePythonLiteral } from "./pythonLiteral";
import type { TrajectoryBuilder } from "./trajectory";

const ASSISTANT = new Set(["gpt", "assistant", "model", "bot", "chatbot", "ai"]);
const USER = new Set(["human", "user"]);
const TOOL = new Set(["observation", "tool", "function_response", "tool_response", "ipython", "function"]);
const CALL = new Set(["function_call", "tool_call", "tool_calls"]);

const TOOL_CALL_TAG = /<tool_call>([\s\S]*?)<\/tool_call>/g;
const TOOL_RESPONSE_TAG = /<tool_response>([\s\S]*?)<\/tool_response>/g;

/** A call's text: JSON, else a Python literal; numbers keep their tokens (arguments are dumped as Python would). */
function callValue(text: string): unknown {
  return parseExactJson(text) ?? parsePythonLiteral(text);
}

/** Adds the calls a JSON value describes; false when it describes none. */
function addJsonCalls(value: unknown, source: number, b: TrajectoryBuilder): boolean {
  const list = Array.isArray(value) ? value : [value];
  let added = false;
  for (const c of list) {
    if (!isObject(c) || typeof c.name !== "string") continue;
    b.call({ name: c.name, arguments: c.arguments ?? c.parameters, callId: c.id }, source);
    added = true;
  }
  return added;
}

function readAssistantText(value: string, source: number, b: TrajectoryBuilder): void {
  b.startTurn(source);
  const split = splitThinkTags(value);
  if (split.reasoning) b.reasoning(split.reasoning, source);
  const bodies = [...split.text.matchAll(TOOL_CALL_TAG)].map((m) => m[1]!.trim());
  if (bodies.length === 0) {
    b.text(split.text, source);
    return;
  }
  const parsed = bodies.map(callValue);
  if (!parsed.every(isJsonCall)) {
    // Keep what the model wrote, verbatim, so later prefixes and the audit show it.
    b.text(split.text, source);
    b.markUnsupported("a <tool_call> tag whose body is not a call (JSON or a Python literal with a name)", source);
    return;
  }
  b.text(split.text.replace(TOOL_CALL_TAG, "").trim(), source);
  for (const call of parsed) addJsonCalls(call, source, b);
}

function isJsonCall(v: unknown): boolean {
  return isObject(v) && typeof v.name === "string";
}

function readToolText(value: string, source: number, b: TrajectoryBuilder): void {
  const bodies = [...value.matchAll(TOOL_RESPONSE_TAG)].map((m) => m[1]!.trim());
  for (const body of bodies.length > 0 ? bodies : [value]) b.output(body, body, {}, source);
}

export function readShareGptTurns(turns: readonly unknown[], b: TrajectoryBuilder): void {
  turns.forEach((m, source) => {
    if (!isObject(m)) {
      b.drop();
      return;
    }
    const from = (str(m.from) ?? str(m.role) ?? "").toLowerCase();
    const raw = m.value ?? m.content;
    const value = contentText(raw);
    if (from === "system") b.context("system", inputContent(raw));
    else if (ASSISTANT.has(from)) readAssistantText(value, source, b);
    else if (CALL.has(from)) {
      b.startTurn(source);
      if (!addJsonCalls(callValue(value), source, b)) b.markUnsupported(`a ${from} turn that is not a JSON call`, source);
    } else if (TOOL.has(from)) readToolText(value, source, b);
    else if (USER.has(from)) {
      // Some Hermes datasets put tool responses in the user turn.
      if (/^\s*<tool_response>/.test(value)) readToolText(value, source, b);
      else b.context("user", inputContent(raw));
    } else b.drop();
  });
}
