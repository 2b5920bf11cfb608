import { describe, expect, it } from "vitest";
import { SourceTaskGroups, sourceTaskGroups, summarizeRewardGroups } from "./rewardGroups";

const traj = (line: number, task: string | undefined, reward: number | undefined) => ({
  provenance: { source_file: "r.jsonl", source_line: line, task_id: task, source_reward: reward },
});

describe("source-task reward groups", () => {
  const candidates = [
    traj(1, "a", 1), traj(1, "a", 1), // two candidates of one trajectory count once
    traj(2, "a", 0),
    traj(3, "b", 1), traj(4, "b", 1),
    traj(5, "c", 0), traj(6, "c", 0.5),
    traj(7, "d", 1),
    traj(8, "e", undefined),
    traj(9, undefined, 1), // no task id: a task of its own
  ];

  it("classifies each task", () => {
    const groups = sourceTaskGroups(candidates);
    expect(groups.groupOf(traj(1, "a", 1).provenance)).toBe("mixed");
    expect(groups.groupOf(traj(3, "b", 1).provenance)).toBe("all_pass");
    expect(groups.groupOf(traj(5, "c", 0).provenance)).toBe("all_fail");
    expect(groups.groupOf(traj(7, "d", 1).provenance)).toBe("single_sample");
    expect(groups.groupOf(traj(8, "e", undefined).provenance)).toBe("no_reward");
    expect(groups.groupOf(traj(9, undefined, 1).provenance)).toBe("single_sample");
    expect(summarizeRewardGroups(groups)).toEqual({ mixed: 1, all_pass: 1, all_fail: 1, single_sample: 2, no_reward: 1 });
    expect(groups.entries().find((e) => e.task === "task_id:a")).toEqual({ task: "task_id:a", group: "mixed", trajectories: 2, passed: 1, failed: 1 });
  });

  it("takes the user's key and pass threshold", () => {
    const byFile = new SourceTaskGroups({ key: (p) => p.source_file, passReward: 0.5 });
    for (const c of candidates) byFile.add(c.provenance);
    expect(summarizeRewardGroups(byFile)).toEqual({ mixed: 1, all_pass: 0, all_fail: 0, single_sample: 0, no_reward: 0 });
  });
});
