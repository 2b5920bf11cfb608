import { z } from "zod";
import { likeContains, sqlIdent, sqlString } from "./sqlLiteral";

/**
 * What a reviewer is looking at: column filters and a sort. Kept as structured values (validated when read back
 * from a URL) and rendered to SQL here, so a shared link replays the view but cannot inject SQL.
 */
export const FILTERABLE = {
  file_name: "text",
  line: "number",
  row_kind: "text",
  action_type: "text",
  tool_name: "text",
  tool_names: "list",
  call_count: "number",
  trajectory_id: "text",
  turn: "number",
  step: "number",
  depth: "number",
  input_items: "number",
  last_item: "text",
  tool_count: "number",
  agent_ref: "text",
  reward: "number",
  provenance: "text",
  content_hash: "text",
  finding_codes: "list",
  verdict: "text",
  reason: "text",
  error_count: "number",
  warning_count: "number",
  source_line: "number",
  candidate_index: "number",
  skip_reason: "text",
  task_id: "text",
  reward_group: "text",
} as const;
export type FilterColumn = keyof typeof FILTERABLE;

const columnSchema = z.enum(Object.keys(FILTERABLE) as [FilterColumn, ...FilterColumn[]]);

export const viewStateSchema = z.object({
  filters: z.array(z.object({ column: columnSchema, value: z.string().max(500) })).max(40).default([]),
  sort: z.object({ column: columnSchema, desc: z.boolean() }).nullable().default(null),
});
export type ViewState = z.infer<typeof viewStateSchema>;
export const EMPTY_VIEW: ViewState = { filters: [], sort: null };

/** `file_name` lives in `files`, `verdict` and `reason` in `decisions` (no row there = unreviewed); the rest on `rows`. */
function columnSql(column: string): string {
  if (column === "file_name") return "f.name";
  if (column === "verdict") return "coalesce(d.verdict, 'unreviewed')";
  if (column === "reason") return "d.reason";
  return `r.${sqlIdent(column)}`;
}

const NUMBER = /^\s*(>=|<=|!=|>|<|=)?\s*(-?\d+(?:\.\d+)?)\s*$/;
const RANGE = /^\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * One filter box → one SQL predicate. Numbers: `3`, `>2`, `<=5`, `!=1`, `2..5`; text: substring, case-insensitive,
 * `=exact`, `!=exact`, or `null` / `!null` (empty text counts as null); lists: has an element equal to the
 * value, or (`!=value`) none. `!=` keeps rows without a value, as "differs from" reads. A value that does not
 * parse for its column matches nothing rather than everything.
 */
export function filterPredicate(column: FilterColumn, value: string): string | null {
  const v = value.trim();
  if (v === "") return null;
  const col = columnSql(column);
  const kind = FILTERABLE[column];
  // An empty text cell reads as nothing, as NULL does (a message's tool is "").
  const empty = kind === "text" ? `coalesce(${col}, '') = ''` : `${col} IS NULL`;
  if (v === "null") return empty;
  // "!=null" reads as "not null" to anyone who wrote it, not as "differs from the text null".
  if (v === "!null" || v === "!=null") return `NOT (${empty})`;
  if (kind === "number") {
    const range = RANGE.exec(v);
    if (range) return `${col} BETWEEN ${Number(range[1])} AND ${Number(range[2])}`;
    const m = NUMBER.exec(v);
    if (!m) return "FALSE";
    if (m[1] === "!=") return `${col} IS DISTINCT FROM ${Number(m[2])}`;
    return `${col} ${m[1] ?? "="} ${Number(m[2])}`;
  }
  if (kind === "list") {
    if (v.startsWith("!=")) return `NOT coalesce(list_contains(${col}, ${sqlString(v.slice(2))}), FALSE)`;
    return `list_contains(${col}, ${sqlString(v.replace(/^=/, ""))})`;
  }
  if (v.startsWith("!=")) return `${col} IS DISTINCT FROM ${sqlString(v.slice(2))}`;
  if (v.startsWith("=")) return `${col} = ${sqlString(v.slice(1))}`;
  return `${col} ILIKE ${likeContains(v)}`;
}

export function whereSql(view: ViewState): string {
  const preds = view.filters.map((f) => filterPredicate(f.column, f.value)).filter((p): p is string => p !== null);
  return preds.length ? preds.join(" AND ") : "TRUE";
}

export function orderSql(view: ViewState): string {
  const tie = "r.file_id, r.line";
  if (!view.sort) return tie;
  return `${columnSql(view.sort.column)} ${view.sort.desc ? "DESC" : "ASC"} NULLS LAST, ${tie}`;
}

/**
 * The FROM clause of a view query: rows (`r`), joined to their file (`f`) and their review decision (`d`) only
 * when the view's filters, sort or `columns` read them — each join costs a pass over every row (measured:
 * the view keys of 52k candidates take twice as long with both joins). Every row has its file.
 */
export function viewFrom(view: ViewState, columns: readonly string[] = []): string {
  const read = [...columnsRead(view), ...columns];
  let from = "rows r";
  if (read.includes("file_name")) from += " JOIN files f ON f.file_id = r.file_id";
  if (read.some(isDecisionColumn)) from += " LEFT JOIN decisions d ON d.content_hash = r.content_hash";
  return from;
}

/** Whether the view's rows depend on review decisions (so a decision must refresh the row order). */
export function viewUsesDecisions(view: ViewState): boolean {
  return columnsRead(view).some(isDecisionColumn);
}

/** The columns the view's filters and sort read. */
function columnsRead(view: ViewState): string[] {
  return [...view.filters.map((f) => f.column), ...(view.sort ? [view.sort.column] : [])];
}

/** A column read from the row's review decision (`d`). */
const isDecisionColumn = (column: string) => column === "verdict" || column === "reason";

export function viewKeysSql(view: ViewState): string {
  return `SELECT r.file_id, r.line, r.byte_offset, r.byte_len, r.content_hash, coalesce(r.candidate_index, -1) AS candidate_index, coalesce(r.source_line, -1) AS source_line FROM ${viewFrom(view)} WHERE ${whereSql(view)} ORDER BY ${orderSql(view)}`;
}

/**
 * How many rows of the view conversion skipped for a reason a decision overrides (`n`), and how many as
 * duplicates (`duplicates`): a bulk accept overrides the first kind, and a duplicate stays skipped whatever the
 * verdict (the bundle holds each decision point once), so it says both.
 */
export function viewSkippedCountSql(view: ViewState): string {
  return (
    `SELECT count(*) FILTER (WHERE r.skip_reason <> 'duplicate')::INTEGER AS n, count(*) FILTER (WHERE r.skip_reason = 'duplicate')::INTEGER AS duplicates ` +
    `FROM ${viewFrom(view)} WHERE (${whereSql(view)}) AND r.skip_reason IS NOT NULL`
  );
}

/** How many rows of the view a reviewer already accepted or rejected: a bulk decision overwrites them, so it says so. */
export function viewDecidedCountSql(view: ViewState): string {
  return (
    `SELECT count(*) FILTER (WHERE d.verdict = 'accepted')::INTEGER AS accepted, count(*) FILTER (WHERE d.verdict = 'rejected')::INTEGER AS rejected ` +
    `FROM ${viewFrom(view, ["verdict"])} WHERE ${whereSql(view)}`
  );
}

export function viewPageSql(view: ViewState, columns: string[], offset: number, limit: number): string {
  return (
    `SELECT ${columns.map((c) => `${columnSql(c)} AS ${sqlIdent(c)}`).join(", ")} FROM ${viewFrom(view, columns)} ` +
    `WHERE ${whereSql(view)} ORDER BY ${orderSql(view)} LIMIT ${Math.max(0, limit | 0)} OFFSET ${Math.max(0, offset | 0)}`
  );
}

export function encodeView(view: ViewState): string | null {
  if (view.filters.length === 0 && !view.sort) return null;
  return JSON.stringify(view);
}

export function decodeView(text: string | null): ViewState {
  if (!text) return EMPTY_VIEW;
  try {
    const parsed = viewStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY_VIEW;
  } catch {
    return EMPTY_VIEW;
  }
}
