/** Counts over a conversion, and their text report (the CLI prints it; the app shows the same numbers). */
import type { SourceFormat } from "./options";
import type { ActionType, SkipReason } from "./pivotRow";
import type { RowConversion } from "./convertRow";
import { summarizeRewardGroups, type RewardGroupCounts, type SourceTaskGroups } from "./rewardGroups";

export interface ConversionStats {
  files: number;
  /** Source rows read (trajectories and unreadable rows alike). */
  rows: number;
  /** Rows with no readable trajectory (invalid JSON, no message list, …). */
  rowErrors: number;
  /** Rows that produced at least one candidate. */
  trajectories: number;
  candidates: number;
  converted: number;
  seedTurns: number;
  byActionType: Partial<Record<ActionType, number>>;
  bySkipReason: Partial<Record<SkipReason, number>>;
  byFormat: Partial<Record<SourceFormat, number>>;
  /** Every candidate's provenance, converted or skipped, for the source-task reward groups. */
  tasks: SourceTaskGroups;
}

export function emptyStats(tasks: SourceTaskGroups): ConversionStats {
  return { files: 0, rows: 0, rowErrors: 0, trajectories: 0, candidates: 0, converted: 0, seedTurns: 0, byActionType: {}, bySkipReason: {}, byFormat: {}, tasks };
}

function bump<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export function addRowToStats(stats: ConversionStats, r: RowConversion): void {
  stats.rows++;
  if (r.error !== undefined || r.format === null) {
    stats.rowErrors++;
    return;
  }
  bump(stats.byFormat, r.format);
  stats.seedTurns += r.seedTurns;
  const n = r.candidates.length + r.skipped.length;
  if (n > 0) stats.trajectories++;
  stats.candidates += n;
  stats.converted += r.candidates.length;
  for (const c of r.candidates) {
    bump(stats.byActionType, c.expected_action.type);
    stats.tasks.add(c.provenance, stats.files);
  }
  for (const s of r.skipped) {
    bump(stats.bySkipReason, s.skip_reason);
    stats.tasks.add(s.provenance, stats.files);
  }
}

/** An unreadable line (not UTF-8, not JSON, too long) counts as a row error. */
export function addRowErrorToStats(stats: ConversionStats): void {
  stats.rows++;
  stats.rowErrors++;
}

function percent(n: number, total: number): string {
  return `${((100 * n) / Math.max(1, total)).toFixed(2)}%`;
}

function sortedEntries(counts: Partial<Record<string, number>>): [string, number][] {
  return (Object.entries(counts) as [string, number][]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function formatStats(stats: ConversionStats): string {
  const lines = [
    `rows: ${stats.rows} (${stats.trajectories} trajectories with decision points, ${stats.rowErrors} unreadable)`,
    `candidates: ${stats.candidates}`,
    `converted: ${stats.converted} (${percent(stats.converted, stats.candidates)})`,
  ];
  for (const [type, n] of sortedEntries(stats.byActionType)) lines.push(`  ${type}: ${n} (${percent(n, stats.candidates)})`);
  const skipped = stats.candidates - stats.converted;
  lines.push(`skipped: ${skipped} (${percent(skipped, stats.candidates)})`);
  for (const [reason, n] of sortedEntries(stats.bySkipReason)) lines.push(`  ${reason}: ${n} (${percent(n, stats.candidates)})`);
  if (stats.seedTurns > 0) lines.push(`seeded greetings (context, not candidates): ${stats.seedTurns}`);
  lines.push(`formats: ${sortedEntries(stats.byFormat).map(([f, n]) => `${f} ${n}`).join(", ") || "none"}`);
  lines.push(formatRewardGroups(summarizeRewardGroups(stats.tasks)));
  return lines.join("\n") + "\n";
}

function formatRewardGroups(c: RewardGroupCounts): string {
  return `source tasks: ${c.mixed} mixed, ${c.all_pass} all-pass, ${c.all_fail} all-fail, ${c.single_sample} single-sample, ${c.no_reward} without reward`;
}
