/**
 * Source-task reward groups (spec §8: Gym does not compute them; the pivot skill prefers mixed-reward source
 * tasks). Trajectories are grouped by task; a task is
 * - `mixed`: some trajectories pass and some fail;
 * - `all_pass` / `all_fail`: every rewarded trajectory passes / fails (two or more of them);
 * - `single_sample`: only one rewarded trajectory;
 * - `no_reward`: no trajectory carries a reward.
 * A trajectory passes when its reward is at least `passReward`: the conversion's minimum source reward (what the
 * reward filter keeps as positive), or 1.0 (binary rewards) with the filter off or at a minimum of 0 or less.
 */
import type { PivotProvenance } from "./pivotRow";

export const REWARD_GROUPS = ["mixed", "all_pass", "all_fail", "single_sample", "no_reward"] as const;
export type RewardGroup = (typeof REWARD_GROUPS)[number];
export type RewardGroupCounts = Record<RewardGroup, number>;

type TaskKeySource = Pick<PivotProvenance, "task_id" | "task_index" | "source_file" | "source_line" | "source_record" | "source_reward">;

export interface RewardGroupOptions {
  /** The task of a trajectory (the user's choice of key); undefined makes the trajectory a task of its own. */
  key?: (p: TaskKeySource) => string | undefined;
  passReward?: number;
}

/** The pass line of a conversion's reward groups (see above). */
export function passRewardOf(options: { minReward: number | null }): number {
  // A minimum of 0 or less keeps failed trajectories too: it draws no line between pass and fail.
  return options.minReward !== null && options.minReward > 0 ? options.minReward : 1.0;
}

/** Default key: the source's task id, else Gym's `_ng_task_index`. */
export function defaultTaskKey(p: TaskKeySource): string | undefined {
  if (p.task_id !== undefined) return `task_id:${p.task_id}`;
  if (p.task_index !== undefined) return `task_index:${p.task_index}`;
  return undefined;
}

/**
 * A trajectory: its place in its input. `input` tells apart inputs of one name (two folders, one file given
 * twice), as the app tells files apart by id; without it the file name does.
 */
function trajectoryKey(p: TaskKeySource, input: number | undefined): string {
  return `${input ?? ""}\u0000${p.source_file}\u0000${p.source_line ?? ""}\u0000${p.source_record ?? ""}`;
}

interface TaskRewards {
  trajectories: Set<string>;
  passed: number;
  failed: number;
}

/** Accumulates trajectories (through any of their candidates' provenance) and answers each one's group. */
export class SourceTaskGroups {
  private readonly tasks = new Map<string, TaskRewards>();
  private readonly key: (p: TaskKeySource) => string | undefined;
  private readonly passReward: number;

  constructor(opts: RewardGroupOptions = {}) {
    this.key = opts.key ?? defaultTaskKey;
    this.passReward = opts.passReward ?? 1.0;
  }

  private taskOf(p: TaskKeySource, input: number | undefined): string {
    return this.key(p) ?? `trajectory:${trajectoryKey(p, input)}`;
  }

  /** A candidate's trajectory, read from input number `input` (see trajectoryKey). */
  add(p: TaskKeySource, input?: number): void {
    const task = this.taskOf(p, input);
    let t = this.tasks.get(task);
    if (!t) this.tasks.set(task, (t = { trajectories: new Set(), passed: 0, failed: 0 }));
    const trajectory = trajectoryKey(p, input);
    if (t.trajectories.has(trajectory)) return;
    t.trajectories.add(trajectory);
    if (p.source_reward === undefined) return;
    if (p.source_reward >= this.passReward) t.passed++;
    else t.failed++;
  }

  /** The group of the task a candidate's trajectory belongs to (a column and a filter in the app). */
  groupOf(p: TaskKeySource, input?: number): RewardGroup {
    const t = this.tasks.get(this.taskOf(p, input));
    return t ? classify(t) : "no_reward";
  }

  /** Each task key with its group and counts. */
  entries(): { task: string; group: RewardGroup; trajectories: number; passed: number; failed: number }[] {
    return [...this.tasks].map(([task, t]) => ({ task, group: classify(t), trajectories: t.trajectories.size, passed: t.passed, failed: t.failed }));
  }
}

function classify(t: TaskRewards): RewardGroup {
  const rewarded = t.passed + t.failed;
  if (rewarded === 0) return "no_reward";
  if (rewarded === 1) return "single_sample";
  if (t.failed === 0) return "all_pass";
  if (t.passed === 0) return "all_fail";
  return "mixed";
}

/** Groups over candidates (converted or skipped: a filtered-out failing trajectory still makes a task mixed). */
export function sourceTaskGroups(candidates: Iterable<{ provenance: TaskKeySource }>, opts: RewardGroupOptions = {}): SourceTaskGroups {
  const groups = new SourceTaskGroups(opts);
  for (const c of candidates) groups.add(c.provenance);
  return groups;
}

/** How many tasks fall in each group. */
export function summarizeRewardGroups(groups: SourceTaskGroups): RewardGroupCounts {
  const counts: RewardGroupCounts = { mixed: 0, all_pass: 0, all_fail: 0, single_sample: 0, no_reward: 0 };
  for (const e of groups.entries()) counts[e.group]++;
  return counts;
}
