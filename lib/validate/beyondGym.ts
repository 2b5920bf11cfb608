/**
 * Checks Gym does not make, for bugs that still ruin a pivot row. All are warnings: Gym trains on such rows
 * without complaint, and each check is a heuristic about intent (the verifier never reads tool schemas, and a
 * repeated call or an output without its call can be legitimate history).
 */
import { checkArgumentSchema, jsonEqual } from "./argumentSchema";
import { NOT_JSON, parseArguments } from "./argumentsJson";
import { type Finding, type JsonObject, getKey, hasKey, indexPath, isObject, makeFinding } from "./finding";
import { extractToolName } from "./gymRules";
import { inputItemKind } from "./inputItems";
import { pythonJsonLoads } from "../formats/pythonJson";

const RCP = "responses_create_params";
// Null keys the script already rejects as errors; the warning lists only the others.
const NULL_KEYS_REPORTED_BY_SCRIPT = new Set(["metadata", "tool_choice", "parallel_tool_calls"]);

const NONE: readonly unknown[] = [];

/** Beyond-Gym findings for one row; parts that are missing or malformed are the other layers' to report. */
export function checkBeyondGym(row: unknown): Finding[] {
  const out: Finding[] = [];
  addBeyondGymFindings(row, out);
  return out;
}

/** `checkBeyondGym`, appending to `out`. */
export function addBeyondGymFindings(row: unknown, out: Finding[]): void {
  if (!isObject(row)) return;
  const params = getKey(row, RCP);
  const action = getKey(row, "expected_action");
  const input = isObject(params) && Array.isArray(params.input) ? params.input : NONE;
  const tools = isObject(params) && Array.isArray(params.tools) ? params.tools : NONE;
  if (isObject(params)) checkNullFields(params, out);
  if (isObject(action)) checkExpectedArguments(action, tools, out);
  if (isObject(action)) checkNeverMatching(action, out);
  checkOrphanOutputs(input, out);
  if (isObject(action) && input.length > 0) checkRepeatsPrefix(action, input, out);
}

function checkNullFields(params: JsonObject, out: Finding[]): void {
  let keys: string[] | null = null;
  for (const key in params) {
    if (hasKey(params, key) && params[key] === null && !NULL_KEYS_REPORTED_BY_SCRIPT.has(key)) (keys ??= []).push(key);
  }
  if (keys === null) return;
  const message = `${RCP} has null optional keys that the pivot skill says to omit: ${keys.join(", ")}`;
  out.push(makeFinding("params_null_fields", message, RCP));
}

/** The expected calls, in order: the action itself, or a batch's calls that are objects. */
function expectedCalls(action: JsonObject): JsonObject[] {
  if (action.type === "function_call") return [action];
  if (action.type !== "function_call_batch" || !Array.isArray(action.calls)) return [];
  return action.calls.filter(isObject);
}

function checkExpectedArguments(action: JsonObject, tools: readonly unknown[], out: Finding[]): void {
  if (action.type === "function_call") {
    checkArgumentsAgainstTool(action, "expected_action", tools, out);
  } else if (action.type === "function_call_batch" && Array.isArray(action.calls)) {
    const calls: unknown[] = action.calls;
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      if (isObject(call)) checkArgumentsAgainstTool(call, indexPath("expected_action.calls", i), tools, out);
    }
  }
}

/**
 * Arguments Python's json.loads reads with NaN or ±Infinity in them (JSON.parse refuses those tokens): Gym's
 * comparator tests abs(actual − expected) < threshold, false for every actual value, so no action is ever rewarded.
 */
function checkNeverMatching(action: JsonObject, out: Finding[]): void {
  expectedCalls(action).forEach((call, i) => {
    const text = call.arguments;
    if (typeof text !== "string" || !/NaN|Infinity/.test(text) || parseArguments(text) !== NOT_JSON) return;
    const value = pythonJsonLoads(text);
    if (!value.ok || !holdsNonFinite(value.value)) return;
    const path = action.type === "function_call" ? "expected_action.arguments" : `${indexPath("expected_action.calls", i)}.arguments`;
    out.push(makeFinding("arguments_never_match", "expected arguments hold NaN or Infinity, which Gym's verifier never matches: no action can be rewarded", path));
  });
}

function holdsNonFinite(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(holdsNonFinite);
  return isObject(value) && Object.values(value).some(holdsNonFinite);
}

function findToolSchema(tools: readonly unknown[], name: string): unknown {
  for (const tool of tools) {
    if (extractToolName(tool) !== name || !isObject(tool)) continue;
    const fn = tool.function;
    return hasKey(tool, "parameters") ? tool.parameters : isObject(fn) ? fn.parameters : undefined;
  }
  return undefined;
}

function checkArgumentsAgainstTool(call: JsonObject, path: string, tools: readonly unknown[], out: Finding[]): void {
  if (typeof call.name !== "string") return;
  const schema = findToolSchema(tools, call.name);
  if (!isObject(schema)) return;
  const args = parseArguments(call.arguments);
  if (args === NOT_JSON) return;
  for (const problem of checkArgumentSchema(args, schema)) {
    out.push(makeFinding(problem.code, `${problem.message} (tool ${call.name})`, `${path}.arguments`));
  }
}

/** Whether a function_call with this call_id comes before index `before` (looking backwards), and the items looked at. */
function callBefore(input: readonly unknown[], before: number, callId: string): { found: boolean; steps: number } {
  for (let j = before - 1; j >= 0; j--) {
    const item = input[j];
    if (isObject(item) && item.call_id === callId && inputItemKind(item) === "function_call") return { found: true, steps: before - j };
  }
  return { found: false, steps: before };
}

function callIdsBefore(input: readonly unknown[], before: number): Set<string> {
  const ids = new Set<string>();
  for (let j = 0; j < before; j++) {
    const item = input[j];
    if (isObject(item) && typeof item.call_id === "string" && inputItemKind(item) === "function_call") ids.add(item.call_id);
  }
  return ids;
}

// An output nearly always comes right after its call, so looking back from it is cheaper than a set of every
// call_id; a row where looking back grows long (many parallel calls) builds the set once and uses it from then on.
function checkOrphanOutputs(input: readonly unknown[], out: Finding[]): void {
  let lookBackBudget = 4 * input.length;
  let callIds: Set<string> | null = null;
  for (let i = 0; i < input.length; i++) {
    const item = input[i];
    if (!isObject(item) || typeof item.call_id !== "string") continue;
    const kind = inputItemKind(item);
    if (kind === "function_call") {
      callIds?.add(item.call_id);
      continue;
    }
    if (kind !== "function_call_output") continue;
    let found: boolean;
    if (callIds !== null) {
      found = callIds.has(item.call_id);
    } else {
      const back = callBefore(input, i, item.call_id);
      found = back.found;
      lookBackBudget -= back.steps;
      if (lookBackBudget < 0) callIds = callIdsBefore(input, i);
    }
    if (!found) {
      const message = `function_call_output call_id ${JSON.stringify(item.call_id)} has no earlier function_call`;
      out.push(makeFinding("function_call_output_orphan", message, `${indexPath(`${RCP}.input`, i)}.call_id`));
    }
  }
}

function sameCall(item: unknown, call: JsonObject): boolean {
  if (!isObject(item) || inputItemKind(item) !== "function_call" || item.name !== call.name) return false;
  if (item.arguments === call.arguments) return true;
  const a = parseArguments(item.arguments);
  const b = parseArguments(call.arguments);
  return a !== NOT_JSON && b !== NOT_JSON && jsonEqual(a, b);
}

function assistantText(item: unknown): string | null {
  if (!isObject(item) || inputItemKind(item) !== "message" || (item.role !== "assistant" && item.role !== undefined)) return null;
  if (typeof item.content === "string") return item.content;
  if (!Array.isArray(item.content)) return null;
  return item.content.map((part) => (isObject(part) && typeof part.text === "string" ? part.text : "")).join("");
}

function reportRepeat(message: string, input: readonly unknown[], out: Finding[]): void {
  out.push(makeFinding("expected_action_repeats_prefix", message, indexPath(`${RCP}.input`, input.length - 1)));
}

// The prefix must stop strictly before the pivot action; a copy of it at the end leaks the answer.
function checkRepeatsPrefix(action: JsonObject, input: readonly unknown[], out: Finding[]): void {
  const last = input[input.length - 1];
  if (action.type === "message") {
    const text = assistantText(last);
    if (text !== null && typeof action.content === "string" && text.trim() === action.content.trim()) {
      reportRepeat("the expected message is already the last input item", input, out);
    }
    return;
  }
  // A single call (most rows) needs no matching of the tail against a set of calls.
  if (action.type === "function_call") {
    if (sameCall(last, action)) reportRepeat("the expected function call is already at the end of the input", input, out);
    return;
  }
  const calls = expectedCalls(action);
  if (calls.length === 0 || calls.length > input.length) return;
  const unmatched = [...calls];
  for (const item of input.slice(input.length - calls.length)) {
    const j = unmatched.findIndex((call) => sameCall(item, call));
    if (j === -1) return;
    unmatched.splice(j, 1);
  }
  const what = calls.length === 1 ? "the expected function call is" : "the expected calls are";
  reportRepeat(`${what} already at the end of the input`, input, out);
}
