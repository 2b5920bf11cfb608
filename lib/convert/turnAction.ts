/**
 * A turn's expected action, or the structural reason it has none. As in Gym's extract_action, calls win over
 * text: one call is a `function_call`, several a `function_call_batch` (only with the batch option), none a
 * `message` from the turn's text.
 */
import { isJsonText } from "./jsonText";
import type { ExpectedAction, ExpectedCall, SkipReason } from "./pivotRow";
import type { TurnCall, TurnStep } from "./trajectory";

export type TurnAction =
  | { ok: true; action: ExpectedAction }
  | { ok: false; reason: SkipReason; detail: string; action?: ExpectedAction };

// Tool calls written into the text by a chat template the source did not parse (Hermes, Llama, Mistral …).
const TEXT_CALL_MARKERS = /<tool_call>|<function[=\s>]|<\|python_tag\|>|\[TOOL_CALLS\]|<\|tool_call/;

function expectedCall(c: TurnCall): ExpectedCall {
  return { type: "function_call", name: c.name, arguments: c.arguments };
}

function noActionDetail(turn: TurnStep): string {
  if (turn.items.some((i) => Array.isArray(i.content) && i.content.some((p) => (p as { type?: unknown })?.type === "refusal"))) {
    return "the turn holds only a refusal";
  }
  if (turn.hasReasoning) return "the turn holds only reasoning";
  return "the assistant message is empty";
}

export function turnAction(turn: TurnStep, opts: { batch: boolean; toolNames: ReadonlySet<string> }): TurnAction {
  if (turn.unsupported !== null) return { ok: false, reason: "unsupported_action", detail: turn.unsupported };
  const calls = turn.calls;
  if (calls.length === 0) {
    if (TEXT_CALL_MARKERS.test(turn.text)) {
      return { ok: false, reason: "unsupported_action", detail: "a tool call written into the text (try --format sharegpt for Hermes tags)" };
    }
    if (turn.text.trim() === "") return { ok: false, reason: "no_expected_action", detail: noActionDetail(turn) };
    return { ok: true, action: { type: "message", content: turn.text } };
  }
  const action: ExpectedAction =
    calls.length === 1 ? expectedCall(calls[0]!) : { type: "function_call_batch", calls: calls.map(expectedCall) };
  if (calls.length > 1 && !opts.batch) {
    return { ok: false, reason: "multi_tool_call", detail: `${calls.length} calls in one turn: ${calls.map((c) => c.name).join(", ")}`, action };
  }
  const unnamed = calls.find((c) => c.name === "");
  if (unnamed) return { ok: false, reason: "unsupported_action", detail: "a call without a tool name", action };
  // JSON validity as Python's json.loads sees it, for the texts JSON.parse accepts (Python accepts those too).
  const malformed = calls.find((c) => !isJsonText(c.arguments));
  if (malformed) {
    return { ok: false, reason: "malformed_arguments", detail: `arguments of ${malformed.name} are not JSON: ${clip(malformed.arguments)}`, action };
  }
  const unknown = calls.filter((c) => !opts.toolNames.has(c.name)).map((c) => c.name);
  if (unknown.length > 0) {
    const detail = opts.toolNames.size === 0
      ? `no tool schemas for ${unknown.join(", ")} (the row carries no tools; load a tools file)`
      : `${unknown.join(", ")} not among the row's tools`;
    return { ok: false, reason: "missing_tool_schema", detail, action };
  }
  return { ok: true, action };
}

function clip(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
}
