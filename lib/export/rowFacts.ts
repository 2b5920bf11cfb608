/**
 * What a pivot row says about where it came from, read from its provenance (every top-level key other than
 * the contract's three, and objects nested up to three levels inside them). The converters spell the same
 * fact differently (spec §6: `info`, `meta_info`, `conversation_info`, `tool_use_info`, `source_model_info`),
 * so each fact has aliases, tried breadth-first: a shallower key wins, then the row's key order.
 */
import { isObject, type JsonObject } from "../formats/json";

const CONTRACT_KEYS = new Set(["responses_create_params", "expected_action", "agent_ref"]);
const MAX_DEPTH = 3;

/** Provenance facts the skill recommends (spec §2.4), with the key names the converters use. */
export const PROVENANCE_FIELDS = {
  trajectory_id: ["trajectory_id"],
  task_id: ["task_id", "_ng_task_index", "sample_id"],
  source_uuid: ["uuid"],
  // `source_reward` is what Pivot Studio's own conversion writes.
  source_reward: ["reward", "reward_mean", "rewards", "source_reward"],
  turn: ["turn"],
  step: ["step"],
  depth: ["depth", "assistant_depth"],
  pivot_message_index: ["pivot_message_index", "source_message_index"],
  pivot_assistant_index: ["pivot_assistant_index", "source_assistant_index"],
  trajectory_length: ["trajectory_num_messages", "trajectory_num_assistant_actions"],
} as const;
export type ProvenanceField = keyof typeof PROVENANCE_FIELDS;
export const PROVENANCE_FIELD_NAMES = Object.keys(PROVENANCE_FIELDS) as ProvenanceField[];

/** Facts read like the fields above but not counted in the coverage: the source trajectory's row (our conversion's). */
const SOURCE_ROW = "source_row";
type FactField = ProvenanceField | typeof SOURCE_ROW;

/** The top-level keys that are not part of the pivot contract. */
export function provenanceKeys(row: JsonObject): string[] {
  return Object.keys(row).filter((k) => !CONTRACT_KEYS.has(k));
}

export function idText(v: unknown): string | null {
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

function intOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isInteger(v) ? v : null;
}

/**
 * Reward group of the source: from a list of sampled rewards, a mean, or the trajectory's single reward. No
 * reward is `no_reward`, as the source-task groups of converted rows (lib/convert/rewardGroups) name it.
 */
export type RewardGroup = "all_pass" | "all_fail" | "mixed" | "no_reward";

export function rewardGroup(value: unknown): RewardGroup {
  const rewards = (Array.isArray(value) ? value : [value]).filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  if (rewards.length === 0) return "no_reward";
  if (rewards.every((r) => r >= 1)) return "all_pass";
  if (rewards.every((r) => r <= 0)) return "all_fail";
  return "mixed";
}

export interface RowFacts {
  trajectoryId: string | null;
  taskId: string | null;
  turn: number | null;
  step: number | null;
  depth: number | null;
  rewardGroup: RewardGroup;
  /** The source trajectory's row hash (`source_row_hash`, written by conversion): its candidates share it. */
  sourceRow: string | null;
  /** Which provenance fields the row carries. */
  present: ProvenanceField[];
}

/** Each alias: the field it names and its rank among the field's aliases. */
const ALIASES = new Map<string, { field: FactField; rank: number }>([
  ...PROVENANCE_FIELD_NAMES.flatMap((field) => PROVENANCE_FIELDS[field].map((alias, rank) => [alias, { field, rank }] as const)),
  ["source_row_hash", { field: SOURCE_ROW, rank: 0 }],
]);

interface Found {
  value: unknown;
  /** The object it was found in (its place in the breadth-first order) and the alias's rank. */
  object: number;
  rank: number;
}

/**
 * Every field's value, in one breadth-first walk over the provenance's keys: the export asks this of every row.
 * A field's value comes from the first object that has a non-null value under one of its aliases, and there
 * from the alias listed first.
 */
function provenanceFields(row: JsonObject): Map<FactField, Found> {
  const found = new Map<FactField, Found>();
  let object = 0;
  const visit = (obj: JsonObject, keys: readonly string[], next: JsonObject[] | null) => {
    for (const key of keys) {
      const value = obj[key];
      if (next !== null && isObject(value)) next.push(value);
      const alias = ALIASES.get(key);
      if (alias === undefined || value === undefined || value === null) continue;
      const before = found.get(alias.field);
      if (before === undefined || (before.object === object && alias.rank < before.rank)) found.set(alias.field, { value, object, rank: alias.rank });
    }
    object++;
  };
  let level: JsonObject[] = [];
  visit(row, provenanceKeys(row), level);
  for (let depth = 1; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: JsonObject[] | null = depth + 1 < MAX_DEPTH ? [] : null;
    for (const obj of level) visit(obj, Object.keys(obj), next);
    level = next ?? [];
  }
  return found;
}

export function rowFacts(row: JsonObject): RowFacts {
  const found = provenanceFields(row);
  const valueOf = (field: FactField) => found.get(field)?.value;
  return {
    trajectoryId: idText(valueOf("trajectory_id")),
    taskId: idText(valueOf("task_id")),
    turn: intOrNull(valueOf("turn")),
    step: intOrNull(valueOf("step")),
    depth: intOrNull(valueOf("depth")),
    rewardGroup: rewardGroup(valueOf("source_reward")),
    sourceRow: idText(valueOf(SOURCE_ROW)),
    present: PROVENANCE_FIELD_NAMES.filter((field) => found.has(field)),
  };
}
