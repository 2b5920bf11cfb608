import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { bytesSource } from "../jsonl/byteSource";
import { gymFixture } from "../testing/fixtures";
import { assistantTurns, firstRows, isTrajectoryFile } from "./conversionMode";

async function judge(name: string): Promise<boolean> {
  return isTrajectoryFile(await firstRows(bytesSource(readFileSync(gymFixture(name)))));
}

describe("which files are converted into decision points", () => {
  it("multi-step Gym rollouts are; single-step rollouts of pivots and pivot files are not", async () => {
    for (const name of ["tau2_example_rollouts.jsonl", "workplace_assistant_example_rollouts.jsonl", "example_multi_step_example_rollouts.jsonl"]) {
      expect([name, await judge(name)]).toEqual([name, true]);
    }
    for (const name of [
      "single_step_example_rollouts.jsonl",
      "swe_pivot_example_rollouts.jsonl",
      "terminal_multi_harness_example_rollouts.jsonl",
      "single_step_example.jsonl",
      "single_step_parallel_example.jsonl",
    ]) {
      expect([name, await judge(name)]).toEqual([name, false]);
    }
  });

  it("a τ² rollout whose output holds one assistant turn and the simulated user's reply is, even alone", async () => {
    // Line 3 of the fixture: its earlier turns are in `input`; `response.output` is [assistant message, user message].
    const line3 = readFileSync(gymFixture("tau2_example_rollouts.jsonl"), "utf8").split("\n")[2]!;
    const row = JSON.parse(line3) as { response: { output: unknown[] } };
    expect(assistantTurns(row.response.output)).toBe(1);
    expect(isTrajectoryFile([row])).toBe(true);
    // The same row without the simulated user is a single-step rollout.
    const alone = { ...row, response: { ...row.response, output: row.response.output.slice(0, 1) } };
    expect(isTrajectoryFile([alone])).toBe(false);
  });

  it("message-list trajectories always are", () => {
    expect(isTrajectoryFile([{ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] }])).toBe(true);
    expect(isTrajectoryFile([])).toBe(false);
  });

  it("counts assistant turns: runs of assistant items broken by tool outputs and other roles", () => {
    const call = { type: "function_call", name: "f", arguments: "{}", call_id: "c" };
    const out = { type: "function_call_output", call_id: "c", output: "x" };
    const say = { type: "message", role: "assistant", content: "ok" };
    const user = { type: "message", role: "user", content: "more" };
    expect(assistantTurns([say])).toBe(1);
    expect(assistantTurns([{ type: "reasoning" }, call, call])).toBe(1);
    expect(assistantTurns([call, out, say])).toBe(2);
    expect(assistantTurns([say, user, say, user])).toBe(2);
  });

  it("reads past the first block when the first row is long, and skips a BOM", async () => {
    const long = JSON.stringify({ messages: [{ role: "user", content: "x".repeat(3 << 20) }] });
    const bytes = new TextEncoder().encode(`\uFEFF${long}\n{"a":1}\n`);
    const rows = await firstRows(bytesSource(bytes));
    expect(rows).toHaveLength(2);
    expect(isTrajectoryFile(rows)).toBe(true);
  });
});
