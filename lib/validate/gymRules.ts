/**
 * The per-row rules of Gym's `.agents/skills/nemo-gym-pivot-datasets/scripts/validate_pivot_dataset.py`
 * (NVIDIA-NeMo/Gym 07d6b0d), in the script's order and with its messages (minus the "line N: " prefix).
 *
 * The script stops at the first error; `checkGymRules` keeps going where later checks still make sense, so
 * its first finding is always the script's error and the rest are what a fixed row would hit next.
 */
import { type Finding, type JsonObject, getKey, hasKey, indexPath, isObject, makeFinding } from "./finding";
import { pythonJsonError } from "../formats/pythonJson";
import { NOT_JSON, parseArguments } from "./argumentsJson";
import { comparePyStrings, pyRepr, pyStrip } from "./pythonText";

export interface GymRuleOptions {
  /** `--agent-ref NAME`: every agent_ref.name must equal it. */
  expectedAgentName?: string;
  /** Default true; false is `--no-check-tool-names`. */
  checkToolNames?: boolean;
  /** `--require-field a.b.c`, repeatable: the dotted path must resolve to a non-null value. */
  requireFields?: readonly string[];
  /** `--require-any-field a,b.c`, repeatable, each written as on the command line. */
  requireAnyFields?: readonly string[];
  /** Accept `function_call_batch` as Gym's verifier does (the script rejects it); each call is checked. */
  allowBatch?: boolean;
  /** Accept a missing `tools` key (swe_pivot / image_tools rows); the tool-name check then has nothing to check. */
  allowMissingTools?: boolean;
}

const REQUIRED_KEYS = ["responses_create_params", "expected_action", "agent_ref"] as const;
const RCP = "responses_create_params";

/**
 * The script's messages that print a value of the row (its `!r`), by finding code, given that value's repr. The
 * row reaches these rules through `JSON.parse`, which cannot tell `1.0` from `1`; `scriptRun` prints these
 * messages again with the value as Python read it.
 */
export const VALUE_MESSAGES = {
  tool_choice_not_auto: (repr: string) => `${RCP}.tool_choice should be 'auto', found ${repr}`,
  expected_action_type_unsupported: (repr: string) => `unsupported expected_action type ${repr}`,
  expected_call_type_invalid: (repr: string) => `expected call has type ${repr}`,
} as const;

/** The script's `get_path`: a missing key, a non-object step or a null value all give undefined/null. */
export function getDottedPath(row: JsonObject, dotted: string): unknown {
  let current: unknown = row;
  for (const part of dotted.split(".")) {
    if (!isObject(current) || !hasKey(current, part)) return undefined;
    current = current[part];
  }
  return current;
}

/** The script's `parse_any_field_groups`: split on commas, strip (Python whitespace), drop empty items and groups. */
export function parseAnyFieldGroups(values: readonly string[]): string[][] {
  const groups: string[][] = [];
  for (const value of values) {
    const group = value.split(",").map(pyStrip).filter((item) => item !== "");
    if (group.length > 0) groups.push(group);
  }
  return groups;
}

/**
 * The script's `extract_tool_name`: flat `tool.name`, else Chat-style `tool.function.name`.
 * Quirk: a string `name` wins even when empty, so `{"name": "", "function": {"name": "x"}}` names no tool.
 */
export function extractToolName(tool: unknown): string | null {
  if (!isObject(tool)) return null;
  const name = tool.name;
  if (typeof name === "string") return name;
  const fn = tool.function;
  if (isObject(fn)) {
    const nested = fn.name;
    if (typeof nested === "string") return nested;
  }
  return null;
}

/** Collect-all run of the script's rules over one parsed row. */
export function checkGymRules(row: unknown, options: GymRuleOptions = {}): Finding[] {
  const out: Finding[] = [];
  if (!isObject(row)) {
    out.push(makeFinding("row_not_object", "row must be an object", ""));
    return out;
  }
  for (const key of REQUIRED_KEYS) {
    if (!hasKey(row, key)) out.push(makeFinding("required_key_missing", `missing required key ${pyRepr(key)}`, key));
  }
  for (const field of options.requireFields ?? []) {
    // get_path() returning None covers both absent and null.
    if (getDottedPath(row, field) == null) {
      out.push(makeFinding("required_field_missing", `missing required field ${pyRepr(field)}`, field));
    }
  }
  for (const group of options.requireAnyFields?.length ? parseAnyFieldGroups(options.requireAnyFields) : []) {
    if (!group.some((candidate) => getDottedPath(row, candidate) != null)) {
      const message = `none of required alternative fields are present: ${group.join(", ")}`;
      out.push(makeFinding("required_any_field_missing", message, group[0] ?? ""));
    }
  }
  // The script validates agent_ref before responses_create_params, then expected_action, then tool names.
  if (hasKey(row, "agent_ref")) checkAgentRef(row.agent_ref, options.expectedAgentName, out);
  const tools = hasKey(row, RCP) ? checkParams(row[RCP], options.allowMissingTools === true, out) : null;
  const expected = hasKey(row, "expected_action")
    ? checkExpectedAction(row.expected_action, options.allowBatch === true, out)
    : NO_CALLS;
  if (options.checkToolNames !== false && tools !== null) checkToolNamesListed(expected, tools, out);
  return out;
}

function checkAgentRef(agentRef: unknown, expectedName: string | undefined, out: Finding[]): void {
  if (!isObject(agentRef)) {
    out.push(makeFinding("agent_ref_not_object", "agent_ref must be an object", "agent_ref"));
    return;
  }
  if (getKey(agentRef, "type") !== "responses_api_agents") {
    out.push(makeFinding("agent_ref_type_invalid", "agent_ref.type must be responses_api_agents", "agent_ref.type"));
  }
  const name = getKey(agentRef, "name");
  if (typeof name !== "string" || name === "") {
    out.push(makeFinding("agent_ref_name_invalid", "agent_ref.name must be a non-empty string", "agent_ref.name"));
  } else if (expectedName !== undefined && name !== expectedName) {
    const message = `agent_ref.name ${pyRepr(name)} does not match expected ${pyRepr(expectedName)}`;
    out.push(makeFinding("agent_ref_name_mismatch", message, "agent_ref.name"));
  }
}

/** Returns the tools list to check expected calls against, or null when there is no usable tools list. */
function checkParams(params: unknown, allowMissingTools: boolean, out: Finding[]): readonly unknown[] | null {
  if (!isObject(params)) {
    out.push(makeFinding("responses_create_params_not_object", `${RCP} must be an object`, RCP));
    return null;
  }
  // `"metadata" in params and params["metadata"] is None`: only an explicit null fails, absence is fine.
  if (hasKey(params, "metadata") && params.metadata === null) {
    out.push(makeFinding("metadata_null", `${RCP}.metadata must be omitted or non-null`, `${RCP}.metadata`));
  }
  if (hasKey(params, "tool_choice") && params.tool_choice !== "auto") {
    const message = VALUE_MESSAGES.tool_choice_not_auto(pyRepr(params.tool_choice));
    out.push(makeFinding("tool_choice_not_auto", message, `${RCP}.tool_choice`));
  }
  const input = getKey(params, "input");
  if (!Array.isArray(input) || input.length === 0) {
    // A string input is valid for Gym's request model but not for the script.
    out.push(makeFinding("input_not_nonempty_list", `${RCP}.input must be a non-empty list`, `${RCP}.input`));
  }
  const tools = getKey(params, "tools");
  if (!Array.isArray(tools) && !(allowMissingTools && !hasKey(params, "tools"))) {
    // `params.get("tools")` is None for a missing key, so absence fails exactly like null.
    out.push(makeFinding("tools_not_list", `${RCP}.tools must be a list`, `${RCP}.tools`));
  }
  if (hasKey(params, "parallel_tool_calls") && typeof params.parallel_tool_calls !== "boolean") {
    const message = `${RCP}.parallel_tool_calls must be a boolean`;
    out.push(makeFinding("parallel_tool_calls_not_bool", message, `${RCP}.parallel_tool_calls`));
  }
  return Array.isArray(tools) ? tools : null;
}

/** One expected call's tool name, and where the call is ("expected_action" or "expected_action.calls[i]"). */
interface ExpectedToolName {
  name: string;
  callPath: string;
}

const NO_CALLS: readonly ExpectedToolName[] = [];

/** Returns the expected tool names (one per valid call) for the tool-name check. */
function checkExpectedAction(action: unknown, allowBatch: boolean, out: Finding[]): readonly ExpectedToolName[] {
  if (!isObject(action)) {
    out.push(makeFinding("expected_action_not_object", "expected_action must be an object", "expected_action"));
    return NO_CALLS;
  }
  const type = getKey(action, "type");
  if (type === "message") {
    if (typeof getKey(action, "content") !== "string") {
      const message = "message expected_action.content must be a string";
      out.push(makeFinding("message_content_not_string", message, "expected_action.content"));
    }
    return NO_CALLS;
  }
  if (type === "function_call_batch" && allowBatch) return checkBatch(action, out);
  if (type !== "function_call") {
    const message = VALUE_MESSAGES.expected_action_type_unsupported(pyRepr(type));
    out.push(makeFinding("expected_action_type_unsupported", message, "expected_action.type"));
    return NO_CALLS;
  }
  const name = checkFunctionCall(action, "expected_action", out);
  return name === null ? NO_CALLS : [{ name, callPath: "expected_action" }];
}

// The verifier's FunctionCallBatchAction: `calls: list[FunctionCallAction] = Field(min_length=1)`.
function checkBatch(action: JsonObject, out: Finding[]): readonly ExpectedToolName[] {
  const calls = getKey(action, "calls");
  if (!Array.isArray(calls) || calls.length === 0) {
    const message = "function_call_batch.calls must be a non-empty list";
    out.push(makeFinding("batch_calls_invalid", message, "expected_action.calls"));
    return NO_CALLS;
  }
  const names: ExpectedToolName[] = [];
  for (let i = 0; i < calls.length; i++) {
    const callPath = indexPath("expected_action.calls", i);
    const name = checkFunctionCall(calls[i], callPath, out);
    if (name !== null) names.push({ name, callPath });
  }
  return names;
}

/**
 * The script's `validate_function_call`. Its first two messages are unreachable for a single call (the
 * type was already checked) and only speak for batch calls, which is what they were written for.
 */
function checkFunctionCall(call: unknown, path: string, out: Finding[]): string | null {
  if (!isObject(call)) {
    out.push(makeFinding("expected_call_not_object", "expected function call must be an object", path));
    return null;
  }
  const type = getKey(call, "type");
  if (type !== "function_call") {
    out.push(makeFinding("expected_call_type_invalid", VALUE_MESSAGES.expected_call_type_invalid(pyRepr(type)), `${path}.type`));
    return null;
  }
  const name = getKey(call, "name");
  const nameOk = typeof name === "string" && name !== "";
  if (!nameOk) {
    const message = "function_call is missing a non-empty name";
    out.push(makeFinding("function_call_name_missing", message, `${path}.name`));
  }
  const args = getKey(call, "arguments");
  if (typeof args !== "string") {
    const message = "function_call.arguments must be a JSON string";
    out.push(makeFinding("function_call_arguments_not_string", message, `${path}.arguments`));
  } else {
    // JSON.parse accepts a subset of what Python accepts, so only its failures need Python's own parser.
    const error = parseArguments(args) !== NOT_JSON ? null : pythonJsonError(args);
    if (error !== null) {
      const message = `function_call.arguments is not valid JSON: ${error}`;
      out.push(makeFinding("function_call_arguments_invalid_json", message, `${path}.arguments`));
    }
  }
  return nameOk ? (name as string) : null;
}

/** The script's `tool_names` membership: some tool's extracted name equals `name` (expected names are never ""). */
function isToolListed(tools: readonly unknown[], name: string): boolean {
  for (const tool of tools) if (extractToolName(tool) === name) return true;
  return false;
}

function firstUnlisted(expected: readonly ExpectedToolName[], tools: readonly unknown[]): ExpectedToolName | undefined {
  for (const e of expected) if (!isToolListed(tools, e.name)) return e;
  return undefined;
}

// A plain scan per expected call rather than a Set of every tool name: a row expects one call, rarely a few.
function checkToolNamesListed(expected: readonly ExpectedToolName[], tools: readonly unknown[], out: Finding[]): void {
  const first = firstUnlisted(expected, tools);
  if (first === undefined) return;
  const absent = expected.filter((e) => !isToolListed(tools, e.name));
  // `sorted(set(expected) - tool_names)`, printed as a Python list repr.
  const missing = [...new Set(absent.map((e) => e.name))].sort(comparePyStrings);
  const message = `expected_action uses tools absent from ${RCP}.tools: ${pyRepr(missing)}`;
  out.push(makeFinding("expected_tool_not_in_tools", message, `${first.callPath}.name`));
}
