/**
 * Normalizing one pivot row to the export contract (spec §2): the plan from `normalizePlan.ts`, applied to
 * the parsed value (what validation sees) and to the raw text (what is written). Unchanged parts of the text
 * are copied verbatim; a row with nothing to change is its original text.
 */
import { isObject, type JsonObject } from "../formats/json";
import { arrayElements, type MemberSpan, objectMembers, renderObject, skipWhitespace, uniqueMembers } from "./jsonSpans";
import { arrayPieces, joinPieces, type LinePiece, objectPieces } from "./linePieces";
import {
  AGENT_REF_TYPE,
  type ActionEdit,
  EXPECTED_ACTION,
  memberSpan,
  type NormalizationPlan,
  type NormalizeOptions,
  type ParamsEdit,
  planNormalization,
  RCP,
  type RepairCode,
} from "./normalizePlan";

export interface NormalizedRow {
  /** The line to write (no terminator). */
  text: string;
  /** The row as a parser reads `text`. */
  value: unknown;
  changed: boolean;
  repairs: RepairCode[];
}

/**
 * Normalizes one row. `parsed` is the parse of `rawLineText`; a value that is not an object cannot be
 * normalized and comes back unchanged (validation then reports it).
 */
export function normalizePivotRow(rawLineText: string, parsed: unknown, options: NormalizeOptions): NormalizedRow {
  if (!isObject(parsed)) return { text: rawLineText, value: parsed, changed: false, repairs: [] };
  const plan = planNormalization(rawLineText, parsed, options);
  if (plan.repairs.length === 0) return { text: rawLineText, value: parsed, changed: false, repairs: [] };
  return {
    text: renderNormalizedText(rawLineText, plan, options),
    value: normalizedValue(parsed, plan, options),
    changed: true,
    repairs: plan.repairs,
  };
}

function agentRefValue(name: string): JsonObject {
  return { type: AGENT_REF_TYPE, name };
}

function agentRefText(name: string): string {
  return renderObject([['"type"', JSON.stringify(AGENT_REF_TYPE)], ['"name"', JSON.stringify(name)]]);
}

/** The plan applied to the parsed row (shallow copies; the input is not modified). */
export function normalizedValue(row: JsonObject, plan: NormalizationPlan, options: NormalizeOptions): JsonObject {
  const out: [string, unknown][] = [];
  let grouped = false;
  for (const [key, value] of Object.entries(row)) {
    if (key === RCP && plan.params && isObject(value)) out.push([key, editParamsValue(value, plan.params)]);
    else if (key === EXPECTED_ACTION && plan.action && isObject(value)) out.push([key, editActionValue(value, plan.action)]);
    else if (key === "agent_ref" && plan.agentRef) out.push([key, agentRefValue(options.agentName)]);
    else if (plan.provenance?.keys.has(key)) {
      if (plan.provenance.mode === "group" && !grouped) {
        grouped = true;
        out.push([options.provenanceKey, Object.fromEntries([...plan.provenance.keys].map((k) => [k, row[k]]))]);
      }
    } else out.push([key, value]);
  }
  if (plan.agentRef && !Object.prototype.hasOwnProperty.call(row, "agent_ref")) out.push(["agent_ref", agentRefValue(options.agentName)]);
  return Object.fromEntries(out);
}

function editParamsValue(params: JsonObject, edit: ParamsEdit): JsonObject {
  const out: [string, unknown][] = [];
  for (const [key, value] of Object.entries(params)) {
    if (edit.drop.has(key)) continue;
    out.push([key, edit.set.has(key) ? edit.set.get(key) : value]);
  }
  for (const [key, value] of edit.set) if (!Object.prototype.hasOwnProperty.call(params, key)) out.push([key, value]);
  return Object.fromEntries(out);
}

function editActionValue(action: JsonObject, edit: ActionEdit): JsonObject {
  const withArgs = (call: JsonObject, ref: number | "self"): JsonObject => {
    const args = edit.args.get(ref);
    return args === undefined ? call : { ...call, arguments: args };
  };
  if (edit.unwrap) return withArgs((action.calls as JsonObject[])[0] as JsonObject, "self");
  if (action.type !== "function_call_batch") return withArgs(action, "self");
  const calls = (action.calls as unknown[]).map((call, i) => (isObject(call) ? withArgs(call, i) : call));
  return { ...action, calls };
}

/** The plan applied to the raw text: edited objects are rewritten in `json.dumps` layout, the rest copied. */
export function renderNormalizedText(text: string, plan: NormalizationPlan, options: NormalizeOptions): string {
  return joinPieces(text, renderNormalizedPieces(text, plan, options));
}

/**
 * `renderNormalizedText` as pieces: the source spans it copies and the text it writes. `members`: the row's
 * members (unique keys) when the caller has them, with the request's own members.
 */
export function renderNormalizedPieces(text: string, plan: NormalizationPlan, options: NormalizeOptions, members?: MemberSpan[]): LinePiece[] {
  // The request's members are found in the same scan as the row's when the request is edited.
  const top = members ?? uniqueMembers(objectMembers(text, skipWhitespace(text, 0), plan.params ? { key: RCP } : undefined));
  const out: [LinePiece, LinePiece[]][] = [];
  let grouped = false;
  for (const m of top) {
    if (m.key === RCP && plan.params && text[m.valueStart] === "{") out.push([m.keyText, renderParams(text, m, plan.params)]);
    else if (m.key === EXPECTED_ACTION && plan.action && text[m.valueStart] === "{") out.push([m.keyText, renderAction(text, m, plan.action)]);
    else if (m.key === "agent_ref" && plan.agentRef) out.push([m.keyText, [agentRefText(options.agentName)]]);
    else if (plan.provenance?.keys.has(m.key)) {
      if (plan.provenance.mode === "group" && !grouped) {
        grouped = true;
        const members = top.filter((p) => plan.provenance?.keys.has(p.key)).map((p) => [p.keyText, valueOf(p)] as const);
        out.push([JSON.stringify(options.provenanceKey), objectPieces(members)]);
      }
    } else out.push([m.keyText, valueOf(m)]);
  }
  if (plan.agentRef && !top.some((m) => m.key === "agent_ref")) {
    out.push(['"agent_ref"', [agentRefText(options.agentName)]]);
  }
  return objectPieces(out);
}

/** A member's value, copied. */
const valueOf = (m: MemberSpan): LinePiece[] => [[m.valueStart, m.valueEnd]];

function renderParams(text: string, rcp: MemberSpan, edit: ParamsEdit): LinePiece[] {
  const members = uniqueMembers(rcp.members ?? objectMembers(text, rcp.valueStart));
  const out: [LinePiece, LinePiece[]][] = [];
  for (const m of members) {
    if (edit.drop.has(m.key)) continue;
    out.push([m.keyText, edit.set.has(m.key) ? [JSON.stringify(edit.set.get(m.key))] : valueOf(m)]);
  }
  for (const [key, value] of edit.set) if (!members.some((m) => m.key === key)) out.push([JSON.stringify(key), [JSON.stringify(value)]]);
  return objectPieces(out);
}

/** A call object with its `arguments` replaced by a JSON string, or copied verbatim. */
function renderCall(text: string, start: number, end: number, args: string | undefined): LinePiece[] {
  if (args === undefined) return [[start, end]];
  const members = uniqueMembers(objectMembers(text, start));
  return objectPieces(members.map((m) => [m.keyText, m.key === "arguments" ? [JSON.stringify(args)] : valueOf(m)]));
}

function renderAction(text: string, action: MemberSpan, edit: ActionEdit): LinePiece[] {
  const calls = memberSpan(text, action.valueStart, "calls");
  if (edit.unwrap) {
    const [start, end] = arrayElements(text, (calls as MemberSpan).valueStart)[0] as [number, number];
    return renderCall(text, start, end, edit.args.get("self"));
  }
  if (edit.args.has("self")) return renderCall(text, action.valueStart, action.valueEnd, edit.args.get("self"));
  const members = uniqueMembers(objectMembers(text, action.valueStart));
  return objectPieces(
    members.map((m) => {
      if (m.key !== "calls" || text[m.valueStart] !== "[") return [m.keyText, valueOf(m)];
      return [m.keyText, arrayPieces(arrayElements(text, m.valueStart).map(([s, e], i) => renderCall(text, s, e, edit.args.get(i))))];
    }),
  );
}
