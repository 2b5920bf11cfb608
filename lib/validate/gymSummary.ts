/**
 * The success summary `validate_pivot_dataset.py` prints (`print_metrics`), as a pure fold over rows that
 * already passed validation, so it can run incrementally during ingestion.
 */
import { getKey, isObject } from "./finding";
import { comparePyStrings, pyFormatFixed, pyFormatPercent } from "./pythonText";

export interface PivotSummary {
  rows: number;
  /** agent_ref.name → rows, in first-seen order (the script's Counter order; printing sorts anyway). */
  agentRefs: Map<string, number>;
  /** expected tool name → expected calls naming it. */
  expectedTools: Map<string, number>;
  /** expected_action.type → rows. */
  actionTypes: Map<string, number>;
  inputItemsTotal: number;
  toolsTotal: number;
}

export function createPivotSummary(): PivotSummary {
  return { rows: 0, agentRefs: new Map(), expectedTools: new Map(), actionTypes: new Map(), inputItemsTotal: 0, toolsTotal: 0 };
}

function bump(counter: Map<string, number>, key: string): void {
  counter.set(key, (counter.get(key) ?? 0) + 1);
}

function expectedCallNames(action: Record<string, unknown>): string[] {
  const type = getKey(action, "type");
  const calls = type === "function_call" ? [action] : type === "function_call_batch" ? getKey(action, "calls") : [];
  if (!Array.isArray(calls)) return [];
  return calls.flatMap((call) => {
    const name = isObject(call) ? getKey(call, "name") : undefined;
    return typeof name === "string" ? [name] : [];
  });
}

/** Adds one validated row, as the tail of the script's per-row loop does. */
export function addPivotRow(summary: PivotSummary, row: unknown): void {
  summary.rows++;
  if (!isObject(row)) return;
  const action = getKey(row, "expected_action");
  const agentRef = getKey(row, "agent_ref");
  const params = getKey(row, "responses_create_params");
  if (isObject(action)) {
    bump(summary.actionTypes, String(getKey(action, "type")));
    for (const name of expectedCallNames(action)) bump(summary.expectedTools, name);
  }
  const agentName = isObject(agentRef) ? getKey(agentRef, "name") : undefined;
  if (typeof agentName === "string") bump(summary.agentRefs, agentName);
  if (isObject(params)) {
    const input = getKey(params, "input");
    const tools = getKey(params, "tools");
    if (Array.isArray(input)) summary.inputItemsTotal += input.length;
    // `len(params.get("tools") or [])`: a missing tools key (allowMissingTools) counts as zero tools.
    if (Array.isArray(tools)) summary.toolsTotal += tools.length;
  }
}

export function summarizePivotRows(rows: Iterable<unknown>): PivotSummary {
  const summary = createPivotSummary();
  for (const row of rows) addPivotRow(summary, row);
  return summary;
}

function countLines(title: string, counter: Map<string, number>): string[] {
  if (counter.size === 0) return []; // the script skips a section with no entries
  // sorted(key=(-count, str(name))): count descending, then name by code point.
  const sorted = [...counter].sort((a, b) => b[1] - a[1] || comparePyStrings(a[0], b[0]));
  return [`${title}:`, ...sorted.map(([name, count]) => `  ${name}: ${count}`)];
}

/**
 * The exact stdout of `print_metrics`, one "\n"-terminated line per print(). The script never prints a
 * summary for zero rows (it fails with "contains no JSONL rows" first), so zero rows throw here.
 */
export function formatPivotSummary(summary: PivotSummary): string {
  const { rows } = summary;
  if (rows === 0) throw new RangeError("a pivot summary needs at least one row");
  const split = (type: string) => {
    const n = summary.actionTypes.get(type) ?? 0;
    return `  ${type}: ${n} (${pyFormatPercent(n / rows)})`;
  };
  const lines = [
    `rows: ${rows}`,
    ...countLines("agent_ref", summary.agentRefs),
    ...countLines("expected_tool", summary.expectedTools),
    "expected_action_split:",
    split("function_call"),
    split("message"),
    // Not in the script, which never lets a batch row through; printed only when allowBatch admitted some.
    ...(summary.actionTypes.has("function_call_batch") ? [split("function_call_batch")] : []),
    `avg_input_items: ${pyFormatFixed(summary.inputItemsTotal / rows, 2)}`,
    `avg_tools: ${pyFormatFixed(summary.toolsTotal / rows, 2)}`,
  ];
  return lines.map((line) => line + "\n").join("");
}
