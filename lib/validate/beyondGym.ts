/**
 * Checks Gym does not make, for bugs that still ruin a pivot row. All are warnings: Gym trains on such rows
 * without complaint, and each check is a heuristic about intent (the verifier never reads tool schemas, and a
 * repeated call or an output without its call can be legitimate history).
 */
import { checkArgumentSchema, jsonEqual } from "./argumentSchema";
import { type Finding, type JsonObject, getKey, hasKey, indexPath, isObject, makeFinding } from "./finding";
import { extractToolName } from "./gymRules";
import { inputItemKind } from "./inputItems";

const RCP = "responses_create_params";
// Null keys the script already rejects as errors; the warning lists only the others.
const NULL_KEYS_REPORTED_BY_SCRIPT = new Set(["metadata", "tool_choice", "parallel_tool_calls"]);

interface ExpectedCall {
  call: JsonObject;
  path: string;
}

function expectedCalls(action: JsonObject): ExpectedCall[] {
  if (action.type === "function_call") return [{ call: action, path: "expected_action" }];
  if (action.type !== "function_call_batch" || !Array.isArray(action.calls)) return [];
  return action.calls.flatMap((call, i) => (isObject(call) ? [{ call, path: indexPath("expected_action.calls", i) }] : []));
}

function parseJson(text: unknown): { ok: boolean; value?: unknown } {
  if (typeof text !== "string") return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Beyond-Gym findings for one row; parts that are missing or malformed are the other layers' to report. */
export function checkBeyondGym(row: unknown): Finding[] {
  const out: Finding[] = [];
  if (!isObject(row)) return out;
  const params = getKey(row, RCP);
  const action = getKey(row, "expected_action");
  const input = isObject(params) && Array.isArray(params.input) ? params.input : [];
  const tools = isObject(params) && Array.isArray(params.tools) ? params.tools : [];
  if (isObject(params)) checkNullFields(params, out);
  if (isObject(action)) {
    for (const expected of expectedCalls(action)) checkArgumentsAgainstTool(expected, tools, out);
  }
  checkOrphanOutputs(input, out);
  if (isObject(action) && input.length > 0) checkRepeatsPrefix(action, input, out);
  return out;
}

function checkNullFields(params: JsonObject, out: Finding[]): void {
  const keys = Object.keys(params).filter((key) => params[key] === null && !NULL_KEYS_REPORTED_BY_SCRIPT.has(key));
  if (keys.length === 0) return;
  const message = `${RCP} has null optional keys that the pivot skill says to omit: ${keys.join(", ")}`;
  out.push(makeFinding("params_null_fields", message, RCP));
}

function findToolSchema(tools: readonly unknown[], name: string): unknown {
  for (const tool of tools) {
    if (extractToolName(tool) !== name || !isObject(tool)) continue;
    const fn = tool.function;
    return hasKey(tool, "parameters") ? tool.parameters : isObject(fn) ? fn.parameters : undefined;
  }
  return undefined;
}

function checkArgumentsAgainstTool({ call, path }: ExpectedCall, tools: readonly unknown[], out: Finding[]): void {
  if (typeof call.name !== "string") return;
  const schema = findToolSchema(tools, call.name);
  const args = parseJson(call.arguments);
  if (!isObject(schema) || !args.ok) return;
  for (const problem of checkArgumentSchema(args.value, schema)) {
    out.push(makeFinding(problem.code, `${problem.message} (tool ${call.name})`, `${path}.arguments`));
  }
}

function checkOrphanOutputs(input: readonly unknown[], out: Finding[]): void {
  const callIds = new Set<string>();
  input.forEach((item, i) => {
    if (!isObject(item) || typeof item.call_id !== "string") return;
    const kind = inputItemKind(item);
    if (kind === "function_call") callIds.add(item.call_id);
    else if (kind === "function_call_output" && !callIds.has(item.call_id)) {
      const message = `function_call_output call_id ${JSON.stringify(item.call_id)} has no earlier function_call`;
      out.push(makeFinding("function_call_output_orphan", message, `${indexPath(`${RCP}.input`, i)}.call_id`));
    }
  });
}

function sameCall(item: unknown, call: JsonObject): boolean {
  if (!isObject(item) || inputItemKind(item) !== "function_call" || item.name !== call.name) return false;
  if (item.arguments === call.arguments) return true;
  const a = parseJson(item.arguments);
  const b = parseJson(call.arguments);
  return a.ok && b.ok && jsonEqual(a.value, b.value);
}

function assistantText(item: unknown): string | null {
  if (!isObject(item) || inputItemKind(item) !== "message" || (item.role !== "assistant" && item.role !== undefined)) return null;
  if (typeof item.content === "string") return item.content;
  if (!Array.isArray(item.content)) return null;
  return item.content.map((part) => (isObject(part) && typeof part.text === "string" ? part.text : "")).join("");
}

// The prefix must stop strictly before the pivot action; a copy of it at the end leaks the answer.
function checkRepeatsPrefix(action: JsonObject, input: readonly unknown[], out: Finding[]): void {
  const lastPath = indexPath(`${RCP}.input`, input.length - 1);
  if (action.type === "message") {
    const text = assistantText(input[input.length - 1]);
    if (text !== null && typeof action.content === "string" && text.trim() === action.content.trim()) {
      out.push(makeFinding("expected_action_repeats_prefix", "the expected message is already the last input item", lastPath));
    }
    return;
  }
  const calls = expectedCalls(action).map((e) => e.call);
  if (calls.length === 0 || calls.length > input.length) return;
  const tail = input.slice(input.length - calls.length);
  const unmatched = [...calls];
  for (const item of tail) {
    const j = unmatched.findIndex((call) => sameCall(item, call));
    if (j === -1) return;
    unmatched.splice(j, 1);
  }
  const what = calls.length === 1 ? "the expected function call is" : "the expected calls are";
  out.push(makeFinding("expected_action_repeats_prefix", `${what} already at the end of the input`, lastPath));
}
