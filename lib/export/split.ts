/**
 * The train/validation split: whole groups (a trajectory, else a task, else the source trajectory a converted
 * candidate came from, else the row itself) go to one side,
 * so no trajectory has pivots in both files. Groups are ordered by a seeded hash of their key, which makes the
 * split depend only on the seed and the set of groups, never on row order or on which rows were read first.
 */
import type { RowFacts } from "./rowFacts";
import type { SplitOptions } from "./options";

export type SplitSide = "train" | "validation";

/**
 * The group a kept row belongs to; the prefixes keep a trajectory id from ever equalling a task id. A row with
 * no trajectory is its own group, named by `rowIdentity` (what it asks: two rows whose bytes differ only in what
 * normalization drops are the same pivot, and must land on the same side).
 */
export function splitGroupKey(facts: Pick<RowFacts, "trajectoryId" | "taskId" | "sourceRow">, rowIdentity: string | (() => string)): string {
  if (facts.trajectoryId !== null) return `trajectory:${facts.trajectoryId}`;
  if (facts.taskId !== null) return `task:${facts.taskId}`;
  // A trajectory without an id: its candidates carry its row's hash.
  if (facts.sourceRow !== null) return `source:${facts.sourceRow}`;
  return `row:${typeof rowIdentity === "string" ? rowIdentity : rowIdentity()}`;
}

/**
 * cyrb53 (a public-domain 53-bit string hash), seeded. Groups are tracked by this number rather than their
 * key to keep a multi-million-row export's memory small; two keys sharing a number only merge two groups,
 * which never breaks disjointness.
 */
export function groupScore(key: string, seed: number): number {
  let h1 = 0xdeadbeef ^ (seed | 0);
  let h2 = 0x41c6ce57 ^ Math.floor(seed / 0x100000000);
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Rows wanted on the validation side, from the options and the kept-row total. */
export function validationTarget(split: SplitOptions, totalRows: number): number {
  const size = split.validation ?? split.train ?? 0;
  const isFraction = size > 0 && size < 1;
  const asked = isFraction ? Math.round(size * totalRows) : Math.min(size, totalRows);
  return split.validation !== undefined ? asked : totalRows - asked;
}

/**
 * Chooses the validation groups. Walking groups in score order, a group joins validation when that brings
 * the validation size closer to the target; later (smaller) groups can still fill a gap. Both sides get at
 * least one group when there are two or more groups and the target is strictly between 0 and the total.
 *
 * @param groups group score → kept rows in the group
 * @returns the scores of the validation groups
 */
export function chooseValidationGroups(groups: ReadonlyMap<number, number>, target: number): Set<number> {
  const ordered = [...groups].sort((a, b) => a[0] - b[0]);
  const total = ordered.reduce((n, [, size]) => n + size, 0);
  const chosen = new Set<number>();
  let size = 0;
  for (const [score, rows] of ordered) {
    if (Math.abs(size + rows - target) < Math.abs(size - target)) {
      chosen.add(score);
      size += rows;
    }
  }
  if (ordered.length >= 2 && target > 0 && target < total) {
    const first = ordered[0] as [number, number];
    if (chosen.size === 0) chosen.add(first[0]);
    else if (chosen.size === ordered.length) chosen.delete((ordered[ordered.length - 1] as [number, number])[0]);
  }
  return chosen;
}
