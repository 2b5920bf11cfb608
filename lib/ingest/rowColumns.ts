import { ITEM_BUCKETS } from "../formats/rowSummary";

/**
 * The `rows` table: one summary record per loaded row. Raw rows stay in the user's File and are read back by
 * (byte_offset, byte_len). This list is the single source for the DDL and the Arrow batches.
 */
export type ColumnType = "INTEGER" | "BIGINT" | "DOUBLE" | "VARCHAR" | "VARCHAR[]";

export const ROW_COLUMNS = [
  ["file_id", "INTEGER"],
  ["line", "INTEGER"],
  ["byte_offset", "BIGINT"],
  ["byte_len", "INTEGER"],
  ["content_hash", "VARCHAR"],
  ["row_kind", "VARCHAR"],
  ["provenance", "VARCHAR"],
  ["action_type", "VARCHAR"],
  ["tool_name", "VARCHAR"],
  ["tool_names", "VARCHAR[]"],
  ["call_count", "INTEGER"],
  ["trajectory_id", "VARCHAR"],
  ["turn", "INTEGER"],
  ["step", "INTEGER"],
  ["depth", "INTEGER"],
  ["input_items", "INTEGER"],
  ...ITEM_BUCKETS.map((b) => [`n_${b}`, "INTEGER"] as const),
  ["last_item", "VARCHAR"],
  ["tool_count", "INTEGER"],
  ["agent_ref", "VARCHAR"],
  ["reward", "DOUBLE"],
  ["task_index", "INTEGER"],
  ["rollout_index", "INTEGER"],
  // Validation: distinct finding codes in check order, and counts by severity (details in `findings`).
  ["finding_codes", "VARCHAR[]"],
  ["error_count", "INTEGER"],
  ["warning_count", "INTEGER"],
  // Converted trajectories: each row is one candidate of a source row (null on rows loaded as they are).
  // `line` then numbers the candidates; `source_line` is the trajectory's line in its file.
  ["source_line", "INTEGER"],
  ["candidate_index", "INTEGER"],
  ["skip_reason", "VARCHAR"],
  ["skip_detail", "VARCHAR"],
  ["task_id", "VARCHAR"],
  ["dup_key", "VARCHAR"],
  // Source-task reward group, set in SQL once every trajectory of the load is in (lib/ingest/conversionSql).
  ["reward_group", "VARCHAR"],
] as const satisfies readonly (readonly [string, ColumnType])[];

export type RowColumn = (typeof ROW_COLUMNS)[number][0];

export const ERROR_COLUMNS = [
  ["file_id", "INTEGER"],
  ["line", "INTEGER"],
  ["byte_offset", "BIGINT"],
  ["byte_len", "INTEGER"],
  ["message", "VARCHAR"],
] as const satisfies readonly (readonly [string, ColumnType])[];

function ddl(table: string, cols: readonly (readonly [string, ColumnType])[]): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (${cols.map(([n, t]) => `"${n}" ${t}`).join(", ")})`;
}

export const FILE_COLUMNS = [
  ["file_id", "INTEGER"],
  ["name", "VARCHAR"],
  ["size", "BIGINT"],
] as const satisfies readonly (readonly [string, ColumnType])[];

/** The `findings` table: every validation finding of every row, located like the row it belongs to. */
export const FINDING_COLUMNS = [
  ["file_id", "INTEGER"],
  ["line", "INTEGER"],
  ["byte_offset", "BIGINT"],
  ["code", "VARCHAR"],
  ["severity", "VARCHAR"],
  ["message", "VARCHAR"],
  ["path", "VARCHAR"],
] as const satisfies readonly (readonly [string, ColumnType])[];

/** The `decisions` table: the review log's current state, one row per decided content hash (lib/review mirrors it). */
export const DECISION_COLUMNS = [
  ["content_hash", "VARCHAR"],
  ["verdict", "VARCHAR"],
  ["reason", "VARCHAR"],
  ["note", "VARCHAR"],
  ["reviewer", "VARCHAR"],
  ["at", "VARCHAR"],
] as const satisfies readonly (readonly [string, ColumnType])[];

export const CREATE_TABLES = [
  ddl("files", FILE_COLUMNS),
  ddl("rows", ROW_COLUMNS),
  ddl("load_errors", ERROR_COLUMNS),
  ddl("findings", FINDING_COLUMNS),
  ddl("decisions", DECISION_COLUMNS),
];
