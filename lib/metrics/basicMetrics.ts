import { viewFrom, whereSql, type ViewState } from "../view/viewState";

/**
 * The basic metrics panel: counts and percents of the rows in view by action type, tool, depth, turn and step,
 * and the share of lines that failed to load. Each is one SQL query over `rows`; results are {key, n, pct}.
 */
export interface MetricRow {
  key: string;
  n: number;
  pct: number;
}

export type BreakdownName = "action_type" | "tool" | "depth" | "turn" | "step" | "finding" | "skip_reason" | "reward_group";

function breakdown(valueSql: string, from: string, orderByKey: boolean): string {
  return (
    `SELECT coalesce(CAST(k AS VARCHAR), '(none)') AS key, count(*)::INTEGER AS n, ` +
    `round(100.0 * count(*) / sum(count(*)) OVER (), 1)::DOUBLE AS pct ` +
    `FROM (SELECT ${valueSql} AS k FROM ${from}) GROUP BY k ORDER BY ${orderByKey ? "k NULLS LAST" : "n DESC, key"}`
  );
}

export function breakdownSql(name: BreakdownName, view: ViewState): string {
  return breakdownFrom(name, `${viewFrom(view)} WHERE ${whereSql(view)}`);
}

/** The breakdown over `from`, which names the rows `r`. */
function breakdownFrom(name: BreakdownName, from: string): string {
  switch (name) {
    case "action_type":
      return breakdown("r.action_type", from, false);
    case "tool":
      // One count per call: a batch contributes each of its tools; messages count as "(message)".
      return breakdown(
        "unnest(CASE WHEN r.action_type = 'message' THEN ['(message)'] WHEN len(r.tool_names) = 0 THEN [NULL::VARCHAR] ELSE r.tool_names END)",
        from,
        false,
      );
    case "depth":
    case "turn":
    case "step":
      return breakdown(`r.${name}`, from, true);
    case "finding":
      return findingBreakdown(from);
    case "skip_reason":
      // Converted candidates only: "(kept)" or why conversion skipped them.
      return breakdown("CASE WHEN r.candidate_index IS NULL THEN NULL ELSE coalesce(r.skip_reason, '(kept)') END", from, false);
    case "reward_group":
      return breakdown("r.reward_group", from, false);
  }
}

/** Rows per finding code, with the percent of rows in view (a row can have several codes, so no sum to 100). */
function findingBreakdown(from: string): string {
  return (
    `SELECT coalesce(k, '(none)') AS key, count(*)::INTEGER AS n, ` +
    `round(100.0 * count(*) / (SELECT count(*) FROM ${from}), 1)::DOUBLE AS pct ` +
    `FROM (SELECT unnest(CASE WHEN len(r.finding_codes) = 0 THEN [NULL::VARCHAR] ELSE r.finding_codes END) AS k FROM ${from}) ` +
    `GROUP BY k ORDER BY k IS NULL, n DESC, key`
  );
}

export const BREAKDOWNS: BreakdownName[] = ["action_type", "tool", "depth", "turn", "step", "finding", "skip_reason", "reward_group"];

/** The columns the breakdowns read. */
const BREAKDOWN_COLUMNS = ["action_type", "tool_names", "depth", "turn", "step", "finding_codes", "candidate_index", "skip_reason", "reward_group"];

/**
 * Every breakdown in one query (one round trip to the database worker): rows of {metric, key, n, pct}. The rows
 * in view are selected once (the view's joins run once, not once per breakdown).
 */
export function allBreakdownsSql(view: ViewState): string {
  const inView = `SELECT ${BREAKDOWN_COLUMNS.map((c) => `r.${c}`).join(", ")} FROM ${viewFrom(view)} WHERE ${whereSql(view)}`;
  const parts = BREAKDOWNS.map(
    (name, i) => `SELECT ${i} AS m, row_number() OVER () AS o, '${name}' AS metric, * FROM (${breakdownFrom(name, "in_view r")})`,
  );
  return `WITH in_view AS MATERIALIZED (${inView}) SELECT metric, key, n, pct FROM (${parts.join(" UNION ALL ")}) ORDER BY m, o`;
}

/** Loaded rows vs lines with errors, over all files. */
export const LOAD_HEALTH_SQL =
  "SELECT (SELECT count(*) FROM rows)::INTEGER AS rows, (SELECT count(*) FROM load_errors)::INTEGER AS errors";
