/**
 * `metrics.json` breakdowns: counts and percents of the exported rows by action type, tool, depth, turn and
 * step, reward group and provenance coverage, of skipped rows by reason, and of findings and repairs. Every
 * breakdown is a list of `{key, n, pct}` in a fixed order (numeric keys ascending, others by count then key),
 * so the file is identical for identical exports.
 */
import type { ActionSummary } from "../formats/expectedAction";
import { PROVENANCE_FIELD_NAMES, type RowFacts } from "./rowFacts";
import type { SourceTask } from "./sourceRows";

export interface Share {
  key: string;
  n: number;
  pct: number;
}

export const NONE_KEY = "(none)";
export const MESSAGE_TOOL_KEY = "(message)";

/** `n / total` as a percent with two decimals (0 when total is 0). */
export function percent(n: number, total: number): number {
  return total === 0 ? 0 : Math.round((10000 * n) / total) / 100;
}

/** A counter that prints as a breakdown list. */
export class Tally {
  private readonly counts = new Map<string, number>();
  constructor(private readonly order: "count" | "numeric" = "count") {}

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get total(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  /** Shares of `total` (default: the tally's own total). */
  shares(total = this.total): Share[] {
    const entries = [...this.counts];
    entries.sort(this.order === "numeric" ? byNumericKey : byCountThenKey);
    return entries.map(([key, n]) => ({ key, n, pct: percent(n, total) }));
  }
}

function byCountThenKey(a: [string, number], b: [string, number]): number {
  return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

// Numbers first, ascending; then other keys ("(none)") by count then key.
function byNumericKey(a: [string, number], b: [string, number]): number {
  const x = Number(a[0]);
  const y = Number(b[0]);
  const xn = a[0] !== "" && Number.isFinite(x);
  const yn = b[0] !== "" && Number.isFinite(y);
  if (xn && yn) return x - y;
  if (xn !== yn) return xn ? -1 : 1;
  return byCountThenKey(a, b);
}

const keyOf = (v: number | null) => (v === null ? NONE_KEY : String(v));

/** Breakdowns over the rows written to `pivots.jsonl`. */
export class ExportedRowMetrics {
  rows = 0;
  readonly actionType = new Tally();
  readonly toolName = new Tally();
  readonly depth = new Tally("numeric");
  readonly turn = new Tally("numeric");
  readonly step = new Tally("numeric");
  readonly turnStep = new Tally();
  readonly rewardGroup = new Tally();
  readonly provenance = new Tally();
  /** Converted candidates' source tasks, counted once their groups are known (`countTaskGroups`). */
  private readonly tasks: SourceTask[] = [];

  add(action: ActionSummary, facts: RowFacts, task?: SourceTask): void {
    this.rows++;
    this.actionType.add(action.actionType);
    if (action.actionType === "message") this.toolName.add(MESSAGE_TOOL_KEY);
    for (const name of action.toolNames) this.toolName.add(name);
    this.depth.add(keyOf(facts.depth));
    this.turn.add(keyOf(facts.turn));
    this.step.add(keyOf(facts.step));
    // The (turn, step) spelling of Gym's tool_messages converter metrics.
    this.turnStep.add(facts.turn === null && facts.step === null ? NONE_KEY : `(${keyOf(facts.turn)}, ${keyOf(facts.step)})`);
    // A converted candidate's group is its source task's, as the app's reward-group column says (mixed, …).
    if (task) this.tasks.push(task);
    else this.rewardGroup.add(facts.rewardGroup);
    for (const field of facts.present) this.provenance.add(field);
  }

  /** Counts the converted candidates' reward groups, now that every trajectory of their tasks was read. */
  countTaskGroups(groups: { groupOf(task: SourceTask, input: number): string }): void {
    for (const task of this.tasks.splice(0)) this.rewardGroup.add(groups.groupOf(task, task.input));
  }

  /** Share of rows carrying each provenance field, in the fields' fixed order (absent ones at 0). */
  provenanceCoverage(): Share[] {
    const found = new Map(this.provenance.shares(this.rows).map((s) => [s.key, s]));
    return PROVENANCE_FIELD_NAMES.map((key) => found.get(key) ?? { key, n: 0, pct: 0 });
  }
}
