import { summarizeExpectedAction, type ActionSummary, type ActionType } from "./expectedAction";
import { int, isObject, jsonTypeName, num, str, type JsonObject } from "./json";

export type RowKind = "pivot" | "rollout" | "trajectory";

/**
 * Where a pivot row's provenance comes from, named after the Gym converter that writes it (spec §6):
 * `fc_pivot` (trajectory_id + info{turn,step,depth}), `conversational` (meta_info / conversation_info / pass_rate*),
 * `tool_messages` (tool_use_info), `generic` (source_model_info), `swe_pivot` (uuid + metadata),
 * `terminal_harness` (harness), `converted` (this app's converter: one `provenance` object), or `none`.
 */
export type Provenance =
  | "fc_pivot"
  | "conversational"
  | "tool_messages"
  | "generic"
  | "swe_pivot"
  | "terminal_harness"
  | "converted"
  | "none";

/** Input item buckets counted per row. Messages count by role; other items by `type`. */
export const ITEM_BUCKETS = [
  "system",
  "developer",
  "user",
  "assistant",
  "reasoning",
  "function_call",
  "function_call_output",
  "other",
] as const;
export type ItemBucket = (typeof ITEM_BUCKETS)[number];

/** The derived, queryable summary of one row. Keys are the DuckDB column names. */
export interface RowSummary {
  row_kind: RowKind;
  provenance: Provenance;
  action_type: ActionType | null;
  /** Comma-joined tool names of the action ("" for a message), the `data-tool-name` users see. */
  tool_name: string;
  tool_names: string[];
  call_count: number;
  trajectory_id: string | null;
  turn: number | null;
  step: number | null;
  depth: number | null;
  input_items: number;
  items: Record<ItemBucket, number>;
  /** Bucket of the last prefix item: what the decision point answers. */
  last_item: ItemBucket | null;
  tool_count: number;
  tools_offered: string[];
  agent_ref: string | null;
  reward: number | null;
  task_index: number | null;
  rollout_index: number | null;
}

export type SummaryResult = { ok: true; summary: RowSummary } | { ok: false; error: string };

const TRAJECTORY_KEYS = ["messages", "conversations", "conversation", "traj", "trajectory", "history", "chat", "turns"];

/** Classifies one parsed JSONL value and derives its summary, or says what makes it unloadable. */
export function summarizeRow(value: unknown): SummaryResult {
  const error = rowShapeError(value);
  if (error !== null) return { ok: false, error };
  const row = value as JsonObject;
  const response = row.response;
  if (isObject(response) && Array.isArray(response.output)) return { ok: true, summary: rolloutSummary(row, response) };
  if ("responses_create_params" in row) return { ok: true, summary: pivotSummary(row, row.responses_create_params as JsonObject) };
  const messagesKey = TRAJECTORY_KEYS.find((k) => Array.isArray(row[k]))!;
  return { ok: true, summary: trajectorySummary(row, row[messagesKey] as unknown[]) };
}

/**
 * Why a parsed line is not a row the app loads (a bad line: not an object, half a pivot row, of no known kind),
 * or null when it is one: a rollout, a pivot row or a trajectory.
 */
export function rowShapeError(value: unknown): string | null {
  if (!isObject(value)) return `line is ${jsonTypeName(value)}, not a JSON object`;
  const row = value;
  const response = row.response;
  if (isObject(response) && Array.isArray(response.output)) return null;
  const hasParams = "responses_create_params" in row;
  const hasAction = "expected_action" in row;
  if (hasParams || hasAction) {
    if (!hasParams) return 'pivot row is missing "responses_create_params"';
    if (!hasAction) return 'pivot row is missing "expected_action"';
    if (!isObject(row.responses_create_params)) return `"responses_create_params" is ${jsonTypeName(row.responses_create_params)}, not an object`;
    return null;
  }
  if (TRAJECTORY_KEYS.some((k) => Array.isArray(row[k]))) return null;
  const keys = Object.keys(row).slice(0, 6).join(", ");
  return (
    `unrecognized row (keys: ${keys || "none"}): not a pivot row (responses_create_params + expected_action), ` +
    "a Gym rollout (response.output) or a trajectory (messages)"
  );
}

function emptyItems(): Record<ItemBucket, number> {
  return { system: 0, developer: 0, user: 0, assistant: 0, reasoning: 0, function_call: 0, function_call_output: 0, other: 0 };
}

export function itemBucket(item: unknown): ItemBucket {
  if (!isObject(item)) return "other";
  const type = item.type ?? (item.role !== undefined ? "message" : undefined);
  if (type === "message") {
    const role = item.role;
    return role === "system" || role === "developer" || role === "user" || role === "assistant" ? role : "other";
  }
  if (type === "reasoning" || type === "function_call" || type === "function_call_output") return type;
  return "other";
}

function countInput(input: unknown, s: RowSummary) {
  if (typeof input === "string") {
    s.items.user = 1;
    s.input_items = 1;
    s.last_item = "user";
    return;
  }
  if (!Array.isArray(input)) return;
  s.input_items = input.length;
  let last: ItemBucket | null = null;
  for (const item of input) {
    last = itemBucket(item);
    s.items[last]++;
  }
  s.last_item = last;
}

function toolName(tool: unknown): string | null {
  if (!isObject(tool)) return null;
  return str(tool.name) ?? (isObject(tool.function) ? str(tool.function.name) : null);
}

function countTools(tools: unknown, s: RowSummary) {
  if (!Array.isArray(tools)) return;
  s.tool_count = tools.length;
  s.tools_offered = tools.map((t) => toolName(t) ?? "");
}

/** How a pivot row's summary counts its input items and tools. */
interface Counting {
  input(input: unknown, s: RowSummary): void;
  tools(tools: unknown, s: RowSummary): void;
}

const FROM_SCRATCH: Counting = { input: countInput, tools: countTools };

/**
 * Counting for the candidates of one row, in order. Each candidate's prefix extends the one before (the same
 * items, then more), so only the new items are counted, and the tool list is the same object, so its names are
 * listed once (summaries share that `tools_offered` array). Any other input is counted from scratch.
 */
class IncrementalCounting implements Counting {
  private counted: readonly unknown[] = [];
  private countedLength = 0;
  private readonly items = emptyItems();
  private last: ItemBucket | null = null;
  private toolList: unknown = null;
  private offered: string[] = [];

  input(input: unknown, s: RowSummary): void {
    if (!Array.isArray(input)) return countInput(input, s);
    this.count(input, input.length, this.extendsCounted(input), s);
  }

  /** Counts the first `length` items of a list that only grows (the converter's prefix along a row). */
  prefix(items: readonly unknown[], length: number, s: RowSummary): void {
    this.count(items, length, items === this.counted && length >= this.countedLength, s);
  }

  tools(tools: unknown, s: RowSummary): void {
    if (!Array.isArray(tools)) return;
    if (tools !== this.toolList) {
      this.toolList = tools;
      this.offered = tools.map((t) => toolName(t) ?? "");
    }
    s.tool_count = tools.length;
    s.tools_offered = this.offered;
  }

  private count(items: readonly unknown[], length: number, extendsCounted: boolean, s: RowSummary): void {
    if (!extendsCounted) {
      this.countedLength = 0;
      Object.assign(this.items, emptyItems());
      this.last = null;
    }
    for (let i = this.countedLength; i < length; i++) {
      this.last = itemBucket(items[i]);
      this.items[this.last]++;
    }
    this.counted = items;
    this.countedLength = length;
    s.input_items = length;
    s.items = { ...this.items };
    s.last_item = this.last;
  }

  private extendsCounted(input: readonly unknown[]): boolean {
    const before = this.counted;
    if (input.length < this.countedLength) return false;
    for (let i = 0; i < this.countedLength; i++) if (input[i] !== before[i]) return false;
    return true;
  }
}

function setAction(s: RowSummary, a: ActionSummary) {
  s.action_type = a.actionType;
  s.tool_names = a.toolNames;
  s.tool_name = a.toolNames.join(",");
  s.call_count = a.toolNames.length;
}

function idString(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

function blank(kind: RowKind, row: JsonObject): RowSummary {
  return {
    row_kind: kind,
    provenance: "none",
    action_type: null,
    tool_name: "",
    tool_names: [],
    call_count: 0,
    trajectory_id: idString(row.trajectory_id),
    turn: null,
    step: null,
    depth: null,
    input_items: 0,
    items: emptyItems(),
    last_item: null,
    tool_count: 0,
    tools_offered: [],
    agent_ref: isObject(row.agent_ref) ? str(row.agent_ref.name) : null,
    reward: null,
    task_index: null,
    rollout_index: null,
  };
}

/** The `provenance` object this app's converter writes (lib/convert), recognised by its stable id. */
function convertedProvenance(row: JsonObject): JsonObject | null {
  const p = row.provenance;
  return isObject(p) && typeof p.pivot_id === "string" ? p : null;
}

function provenanceOf(row: JsonObject): Provenance {
  if (convertedProvenance(row)) return "converted";
  if (isObject(row.info) && "trajectory_id" in row) return "fc_pivot";
  if (isObject(row.tool_use_info)) return "tool_messages";
  if (isObject(row.source_model_info)) return "generic";
  if (isObject(row.conversation_info) || isObject(row.meta_info)) return "conversational";
  if (Object.keys(row).some((k) => k.startsWith("pass_rate"))) return "conversational";
  if ("harness" in row) return "terminal_harness";
  if ("uuid" in row && isObject(row.metadata)) return "swe_pivot";
  return "none";
}

/** turn / step / depth as the row's converter wrote them: FC-pivot `info`, or `meta_info` (assistant_depth). */
function setPosition(row: JsonObject, s: RowSummary) {
  const info = isObject(row.info) ? row.info : isObject(row.meta_info) ? row.meta_info : convertedProvenance(row);
  if (!info) return;
  s.turn = int(info.turn);
  s.step = int(info.step);
  s.depth = int(info.depth) ?? int(info.assistant_depth);
}

function pivotSummary(row: JsonObject, params: JsonObject, counting = FROM_SCRATCH): RowSummary {
  const s = blank("pivot", row);
  s.provenance = provenanceOf(row);
  counting.input(params.input, s);
  counting.tools(params.tools, s);
  setAction(s, summarizeExpectedAction(row.expected_action));
  setPosition(row, s);
  const converted = convertedProvenance(row);
  if (converted) {
    // Without an id of its own, a trajectory is its source row.
    s.trajectory_id ??= idString(converted.trajectory_id) ?? idString(converted.source_row_hash);
    s.reward = num(converted.source_reward);
    s.task_index = int(converted.task_index);
    s.rollout_index = int(converted.rollout_index);
  }
  return s;
}

/**
 * The summary of a candidate this app converted (a pivot row, or a skipped candidate that may have no
 * `expected_action`): a pivot row's summary, with trajectory, reward and position read from its provenance.
 */
export function candidateSummary(candidate: { responses_create_params: object }): RowSummary {
  return summarizeCandidate(candidate, FROM_SCRATCH);
}

function summarizeCandidate(candidate: { responses_create_params: object }, counting: Counting): RowSummary {
  const row = candidate as unknown as JsonObject;
  const s = pivotSummary(row, candidate.responses_create_params as JsonObject, counting);
  if (!("expected_action" in row)) s.action_type = null;
  return s;
}

/**
 * A candidate as the converter walks it (lib/convert `walkCandidates`), before its row is built: what
 * `candidateSummary` reads of that row.
 */
export interface CandidateParts {
  /** The row's prefix so far, which only grows along the row: the candidate's input is its first `inputLength` items. */
  prefix: readonly unknown[];
  inputLength: number;
  tools: readonly unknown[];
  /** The expected action; undefined when the candidate has none. */
  action: unknown;
  agentName: string;
  /** The provenance the row's candidates share, and the candidate's own position. */
  provenance: Readonly<JsonObject>;
  position: Readonly<{ turn: number; step: number; depth: number }>;
}

const NO_ROW: JsonObject = {};

/**
 * `candidateSummary` for the candidates of one source row, in order: they share the tool list and each prefix
 * extends the one before, so both are counted once per row rather than once per candidate.
 */
export class CandidateSummaries {
  private readonly counting = new IncrementalCounting();

  of(candidate: { responses_create_params: object }): RowSummary {
    return summarizeCandidate(candidate, this.counting);
  }

  /** The summary of the candidate these parts make, as `of` gives it, without the candidate's row. */
  ofParts(c: CandidateParts): RowSummary {
    const s = blank("pivot", NO_ROW);
    s.provenance = "converted";
    this.counting.prefix(c.prefix, c.inputLength, s);
    this.counting.tools(c.tools, s);
    setAction(s, summarizeExpectedAction(c.action));
    if (c.action === undefined) s.action_type = null;
    s.turn = int(c.position.turn);
    s.step = int(c.position.step);
    s.depth = int(c.position.depth);
    s.agent_ref = str(c.agentName);
    const p = c.provenance;
    s.trajectory_id = idString(p.trajectory_id) ?? idString(p.source_row_hash);
    s.reward = num(p.source_reward);
    s.task_index = int(p.task_index);
    s.rollout_index = int(p.rollout_index);
    return s;
  }
}

function rolloutSummary(row: JsonObject, response: JsonObject): RowSummary {
  const s = blank("rollout", row);
  const params = isObject(row.responses_create_params) ? row.responses_create_params : {};
  countInput(params.input, s);
  countTools(params.tools ?? response.tools, s);
  setAction(s, "expected_action" in row ? summarizeExpectedAction(row.expected_action) : firstAssistantAction(response.output as unknown[]));
  setPosition(row, s);
  s.reward = num(row.reward);
  s.task_index = int(row._ng_task_index);
  s.rollout_index = int(row._ng_rollout_index);
  return s;
}

/**
 * The first decision of a trajectory rollout: its first assistant turn in `response.output`, i.e. the run of
 * assistant items (messages, reasoning, calls) before the next tool output or user message. As in Gym's
 * extract_action, calls win over text: one call → function_call, several → a batch, none → message.
 */
export function firstAssistantAction(output: unknown[]): ActionSummary {
  const names: string[] = [];
  let text = false;
  let started = false;
  for (const item of output) {
    const bucket = itemBucket(item);
    if (bucket === "function_call") names.push(str((item as JsonObject).name) ?? "");
    else if (bucket === "assistant") text = true;
    else if (bucket !== "reasoning") {
      if (started) break;
      continue; // simulated-user messages before the first assistant item
    }
    started = true;
  }
  if (names.length > 1) return { actionType: "function_call_batch", toolNames: names };
  if (names.length === 1) return { actionType: "function_call", toolNames: names };
  return { actionType: text ? "message" : "other", toolNames: [] };
}

function trajectorySummary(row: JsonObject, messages: unknown[]): RowSummary {
  const s = blank("trajectory", row);
  s.trajectory_id ??= idString(row.id) ?? idString(row.task_id);
  countInput(messages, s);
  countTools(row.tools, s);
  s.reward = num(row.reward) ?? (isObject(row.metadata) ? num(row.metadata.reward) : null);
  return s;
}
