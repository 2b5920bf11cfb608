/**
 * The rows conversion writes: a candidate pivot row in Gym's single-step contract (spec §2), and a skipped
 * candidate for the audit. Optional fields are omitted, never null.
 */
import type { SourceFormat } from "./options";

/** A Responses input item, as written into `responses_create_params.input`. */
export type InputItem = Record<string, unknown>;

/** A function tool in Gym's flat shape (spec §1.3); `strict` is always written. */
export interface FlatTool {
  type: "function";
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
  strict: boolean;
}

/** A tool is flat-function or a hosted tool (`{type: "web_search", …}`) passed through unchanged. */
export type PivotTool = FlatTool | Record<string, unknown>;

export interface ExpectedCall {
  type: "function_call";
  name: string;
  /** A JSON string, as Gym's verifier requires. */
  arguments: string;
}

export type ExpectedAction =
  | ExpectedCall
  | { type: "message"; content: string }
  | { type: "function_call_batch"; calls: ExpectedCall[] };

export type ActionType = ExpectedAction["type"];

export interface PivotParams {
  input: InputItem[];
  tools: PivotTool[];
  tool_choice: "auto";
  parallel_tool_calls: boolean;
}

/**
 * Where a decision point comes from. turn / step / depth follow Gym's `generic_pivot_dataset_reference`,
 * counted over the prefix (no +1): turn = user messages in the prefix; step = assistant turns since the last
 * user message; depth = all assistant turns in the prefix (a seeded greeting included).
 */
export interface PivotProvenance {
  /** Stable id: the source row's content hash and the action index, `<row hash>-<action index>`. */
  pivot_id: string;
  source_file: string;
  /** 1-based physical line (JSONL sources). */
  source_line?: number;
  /** 0-based position in the list of a `.json` source. */
  source_record?: number;
  /** xxHash64 of the source line's bytes (the app's row hash), or of the record's JSON text. */
  source_row_hash: string;
  source_format: SourceFormat;
  trajectory_id?: string;
  task_id?: string;
  /** Gym's `_ng_task_index` / `_ng_rollout_index`. */
  task_index?: number;
  rollout_index?: number;
  source_reward?: number;
  /** Index in the source's message (or item) list of the action's first message. */
  pivot_message_index: number;
  /** Index of the action among the trajectory's assistant actions (candidates). */
  pivot_assistant_index: number;
  trajectory_num_messages: number;
  trajectory_num_assistant_actions: number;
  turn: number;
  step: number;
  depth: number;
  pivot_has_reasoning: boolean;
  /** Source messages that have no place in a Responses prefix (unknown roles, user-simulator tool use). */
  dropped_messages?: number;
}

export interface AgentRef {
  type: "responses_api_agents";
  name: string;
}

export interface PivotRow {
  responses_create_params: PivotParams;
  expected_action: ExpectedAction;
  agent_ref: AgentRef;
  provenance: PivotProvenance;
}

export const SKIP_REASONS = [
  "no_expected_action",
  "malformed_arguments",
  "missing_tool_schema",
  "unsupported_action",
  "multi_tool_call",
  "empty_prefix",
  "tool_error_response",
  "doom_loop",
  "source_reward_below",
  "message_pivot",
  "duplicate",
] as const;

/**
 * Why a candidate is not a pivot row. The first five are structural (the skill's list); `empty_prefix` is an
 * action with no context before it (Gym rejects an empty input); the rest are Gym's converters' optional filters.
 */
export type SkipReason = (typeof SKIP_REASONS)[number];

/** A candidate that was not converted, with as much of its row as could be built, for the audit. */
export interface SkippedCandidate {
  skip_reason: SkipReason;
  skip_detail: string;
  responses_create_params: PivotParams;
  /** Present when an action could be formed (e.g. the batch of a multi-call turn, a call with bad arguments). */
  expected_action?: ExpectedAction;
  /** The turn's own items, when no action could be formed from them. */
  action_items?: InputItem[];
  agent_ref: AgentRef;
  provenance: PivotProvenance;
}
