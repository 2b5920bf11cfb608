/**
 * What normalization changes in one pivot row, decided from the parsed row alone (plus, rarely, the raw text
 * of object arguments). The plan is pure data; `normalizeRow.ts` applies it to the parsed value (to validate)
 * and to the raw text (to write), so both always agree.
 *
 * Repaired here: findings a tool can fix without guessing intent — null optional request keys, a missing or
 * foreign `agent_ref`, `tool_choice` other than "auto", a one-call batch when batches are off, arguments
 * written as an object. Everything else (a multi-call batch with batches off, unknown request keys, bad
 * input items, …) is left for validation to report, and blocks the export.
 */
import { isObject, type JsonObject } from "../formats/json";
import { parsePythonJson, PythonIntDigitsLimitError } from "../formats/pythonJson";
import { arrayElements, type MemberSpan, objectMembers, skipWhitespace, uniqueMembers } from "./jsonSpans";
import type { ProvenanceMode } from "./options";
import { pyJsonDumps } from "./pyJsonDumps";
import { provenanceKeys } from "./rowFacts";

/** Every repair, in the order the manifest lists them. */
export const REPAIR_CODES = [
  "params_null_dropped",
  "metadata_null_dropped",
  "tool_choice_set_auto",
  "tool_choice_added",
  "parallel_tool_calls_set",
  "batch_unwrapped",
  "arguments_stringified",
  "agent_ref_set",
  "provenance_grouped",
  "provenance_dropped",
] as const;
export type RepairCode = (typeof REPAIR_CODES)[number];

export interface NormalizeOptions {
  agentName: string;
  batch: boolean;
  parallelToolCalls: boolean | "keep";
  provenance: ProvenanceMode;
  provenanceKey: string;
}

export interface ParamsEdit {
  drop: Set<string>;
  /** Replaced in place, or appended in this order when absent. */
  set: Map<string, string | boolean>;
}

/** A call's index in `calls`, or "self" for a single call (also the call a one-call batch unwraps to). */
export type CallRef = number | "self";

export interface ActionEdit {
  unwrap: boolean;
  /** New `arguments` strings (Python `json.dumps` of the object that was there). */
  args: Map<CallRef, string>;
}

export interface NormalizationPlan {
  repairs: RepairCode[];
  params: ParamsEdit | null;
  action: ActionEdit | null;
  agentRef: boolean;
  provenance: { mode: "group" | "drop"; keys: Set<string> } | null;
}

export const RCP = "responses_create_params";
export const EXPECTED_ACTION = "expected_action";
export const AGENT_REF_TYPE = "responses_api_agents";

const has = (obj: JsonObject, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

export function planNormalization(text: string, row: JsonObject, options: NormalizeOptions): NormalizationPlan {
  const repairs = new Set<RepairCode>();
  const params = isObject(row[RCP]) ? planParams(row[RCP], options, repairs) : null;
  const action = isObject(row[EXPECTED_ACTION]) ? planAction(text, row[EXPECTED_ACTION], options.batch, repairs) : null;
  const agentRef = !isAgentRef(row.agent_ref, options.agentName);
  if (agentRef) repairs.add("agent_ref_set");
  const provenance = planProvenance(row, options, repairs);
  return { repairs: REPAIR_CODES.filter((c) => repairs.has(c)), params, action, agentRef, provenance };
}

function isAgentRef(value: unknown, name: string): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && value.type === AGENT_REF_TYPE && value.name === name;
}

function planParams(params: JsonObject, o: NormalizeOptions, repairs: Set<RepairCode>): ParamsEdit | null {
  const edit: ParamsEdit = { drop: new Set(), set: new Map() };
  for (const [key, value] of Object.entries(params)) {
    if (key === "tool_choice") {
      if (value !== "auto") {
        edit.set.set(key, "auto");
        repairs.add("tool_choice_set_auto");
      }
    } else if (key === "parallel_tool_calls" && o.parallelToolCalls !== "keep") {
      if (value !== o.parallelToolCalls) {
        edit.set.set(key, o.parallelToolCalls);
        repairs.add("parallel_tool_calls_set");
      }
    } else if (value === null) {
      // The skill says omit unset keys; the validator rejects `metadata: null` outright.
      edit.drop.add(key);
      repairs.add(key === "metadata" ? "metadata_null_dropped" : "params_null_dropped");
    }
  }
  if (!has(params, "tool_choice")) {
    edit.set.set("tool_choice", "auto");
    repairs.add("tool_choice_added");
  }
  if (o.parallelToolCalls !== "keep" && !has(params, "parallel_tool_calls")) {
    edit.set.set("parallel_tool_calls", o.parallelToolCalls);
    repairs.add("parallel_tool_calls_set");
  }
  return edit.drop.size + edit.set.size > 0 ? edit : null;
}

const isFunctionCall = (v: unknown): v is JsonObject => isObject(v) && v.type === "function_call";
const hasObjectArguments = (call: JsonObject) => has(call, "arguments") && typeof call.arguments === "object" && call.arguments !== null;

function planAction(text: string, action: JsonObject, batch: boolean, repairs: Set<RepairCode>): ActionEdit | null {
  const edit: ActionEdit = { unwrap: false, args: new Map() };
  const calls = action.calls;
  // A batch of one behaves exactly like a single call (spec §2.2), so it can be written as one.
  if (action.type === "function_call_batch" && !batch && Array.isArray(calls) && calls.length === 1 && isFunctionCall(calls[0])) {
    edit.unwrap = true;
    repairs.add("batch_unwrapped");
  }
  const targets: [CallRef, JsonObject][] = [];
  if (edit.unwrap) targets.push(["self", (calls as JsonObject[])[0] as JsonObject]);
  else if (action.type === "function_call") targets.push(["self", action]);
  else if (action.type === "function_call_batch" && Array.isArray(calls)) {
    calls.forEach((call, i) => {
      if (isFunctionCall(call)) targets.push([i, call]);
    });
  }
  for (const [ref, call] of targets) {
    if (!hasObjectArguments(call)) continue;
    const dumped = dumpArgumentsText(text, ref, edit.unwrap);
    if (dumped === null) continue;
    edit.args.set(ref, dumped);
    repairs.add("arguments_stringified");
  }
  return edit.unwrap || edit.args.size > 0 ? edit : null;
}

/**
 * `json.dumps(arguments)` as Gym's converters write it, from the value's raw text (so `1.0` stays a float and
 * big ints stay exact). Null when Python itself could not load it (an int over 4300 digits).
 */
function dumpArgumentsText(text: string, ref: CallRef, unwrap: boolean): string | null {
  const action = memberSpan(text, skipWhitespace(text, 0), EXPECTED_ACTION);
  if (!action) return null;
  let callStart = action.valueStart;
  if (ref !== "self" || unwrap) {
    const calls = memberSpan(text, callStart, "calls");
    const span = calls && arrayElements(text, calls.valueStart)[ref === "self" ? 0 : ref];
    if (!span) return null;
    callStart = span[0];
  }
  const args = memberSpan(text, callStart, "arguments");
  if (!args) return null;
  try {
    return pyJsonDumps(parsePythonJson(text.slice(args.valueStart, args.valueEnd)));
  } catch (e) {
    if (e instanceof PythonIntDigitsLimitError) return null;
    throw e;
  }
}

/** The member `key` of the object at `objectStart` (its last occurrence's value, as parsers read it). */
export function memberSpan(text: string, objectStart: number, key: string): MemberSpan | undefined {
  return uniqueMembers(objectMembers(text, objectStart)).find((m) => m.key === key);
}

function planProvenance(row: JsonObject, o: NormalizeOptions, repairs: Set<RepairCode>): NormalizationPlan["provenance"] {
  const keys = provenanceKeys(row);
  if (keys.length === 0 || o.provenance === "keep") return null;
  if (o.provenance === "drop") {
    repairs.add("provenance_dropped");
    return { mode: "drop", keys: new Set(keys) };
  }
  // Already one object: nothing to group (whatever its name).
  if (keys.length === 1 && isObject(row[keys[0]!])) return null;
  repairs.add("provenance_grouped");
  return { mode: "group", keys: new Set(keys) };
}
