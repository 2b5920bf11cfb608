import { describe, expect, it } from "vitest";
import { prng } from "../testing/prng";
import { chooseValidationGroups, groupScore, splitGroupKey, validationTarget } from "./split";

const rng = prng;

interface GeneratedRow {
  trajectoryId: string | null;
  taskId: string | null;
  /** A converted trajectory's row hash, shared by its candidates. */
  sourceRow: string | null;
  hash: string;
}

/** Rows from 300 trajectories of 1–12 pivots, some with only a task id, some converted without ids, some with neither. */
function generateRows(seed: number): GeneratedRow[] {
  const random = rng(seed);
  const rows: GeneratedRow[] = [];
  for (let t = 0; t < 300; t++) {
    const pivots = 1 + Math.floor(random() * 12);
    const kind = random();
    for (let p = 0; p < pivots; p++) {
      rows.push({
        trajectoryId: kind < 0.7 ? `traj-${t}` : null,
        taskId: kind >= 0.7 && kind < 0.8 ? String(t) : null,
        sourceRow: kind >= 0.8 && kind < 0.9 ? `src-${t}` : null,
        hash: `${t.toString(16).padStart(8, "0")}${p.toString(16).padStart(8, "0")}`,
      });
    }
  }
  return rows;
}

function split(rows: GeneratedRow[], seed: number, size: { validation?: number; train?: number }) {
  const scores = rows.map((r) => groupScore(splitGroupKey(r, r.hash), seed));
  const groups = new Map<number, number>();
  for (const s of scores) groups.set(s, (groups.get(s) ?? 0) + 1);
  const chosen = chooseValidationGroups(groups, validationTarget({ ...size, seed }, rows.length));
  return rows.map((r, i) => ({ ...r, validation: chosen.has(scores[i] as number) }));
}

describe("split", () => {
  const rows = generateRows(7);

  it.each([1, 2, 3, 42])("never puts a trajectory, task or source trajectory on both sides (seed %i)", (seed) => {
    const out = split(rows, seed, { validation: 0.1 });
    const sides = new Map<string, Set<boolean>>();
    for (const r of out) {
      const key = splitGroupKey(r, r.hash);
      sides.set(key, (sides.get(key) ?? new Set()).add(r.validation));
    }
    for (const s of sides.values()) expect(s.size).toBe(1);
    const validation = out.filter((r) => r.validation).length;
    expect(Math.abs(validation - Math.round(0.1 * rows.length))).toBeLessThanOrEqual(12);
  });

  it("takes sizes as a fraction or a count, of either side", () => {
    const count = split(rows, 5, { validation: 200 }).filter((r) => r.validation).length;
    expect(Math.abs(count - 200)).toBeLessThanOrEqual(12);
    const train = split(rows, 5, { train: 0.9 }).filter((r) => !r.validation).length;
    expect(Math.abs(train - Math.round(0.9 * rows.length))).toBeLessThanOrEqual(12);
  });

  it("is deterministic, independent of row order, and changes with the seed", () => {
    const a = split(rows, 11, { validation: 0.2 });
    const b = split(rows, 11, { validation: 0.2 });
    expect(b).toEqual(a);
    const reversed = split([...rows].reverse(), 11, { validation: 0.2 }).reverse();
    expect(reversed).toEqual(a);
    const other = split(rows, 12, { validation: 0.2 });
    expect(other.map((r) => r.validation)).not.toEqual(a.map((r) => r.validation));
  });

  it("keeps both sides non-empty when there are two groups or more", () => {
    const tiny = new Map([[groupScore("a", 0), 10], [groupScore("b", 0), 10]]);
    expect(chooseValidationGroups(tiny, 1).size).toBe(1);
    expect(chooseValidationGroups(tiny, 19).size).toBe(1);
    expect(chooseValidationGroups(new Map([[1, 5]]), 2).size).toBe(0);
  });

  it("keys groups by trajectory, then task, then the converted source trajectory, then row", () => {
    expect(splitGroupKey({ trajectoryId: "7", taskId: "1", sourceRow: "s" }, "h")).toBe("trajectory:7");
    expect(splitGroupKey({ trajectoryId: null, taskId: "1", sourceRow: "s" }, "h")).toBe("task:1");
    expect(splitGroupKey({ trajectoryId: null, taskId: null, sourceRow: "s" }, "h")).toBe("source:s");
    expect(splitGroupKey({ trajectoryId: null, taskId: null, sourceRow: null }, "h")).toBe("row:h");
  });
});
