import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { captureOutput } from "./captureOutput";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fixtureRows, gymFixture } from "../lib/testing/fixtures";
import { main } from "./main";

const run = (args: string[]) => captureOutput(() => main(args));
afterEach(() => vi.restoreAllMocks());

const jsonLines = (s: string) => s.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
const dir = mkdtempSync(path.join(tmpdir(), "verify-cli-"));

/** A rollout whose model called get_weather with `actual` arguments where `expected` was expected (JSON text,
 * so `1` and `1.0` stay what they are). */
function rollout(expected: string, actual: string, reward: number) {
  const call = (args: string) => ({ type: "function_call", name: "get_weather", arguments: args, call_id: "c1" });
  const response = { id: "resp_1", object: "response", model: "m", created_at: 0, parallel_tool_calls: false, tool_choice: "auto", tools: [] };
  return JSON.stringify({ expected_action: call(expected), response: { ...response, output: [{ ...call(actual), id: "fc1", status: "completed" }] }, reward });
}

describe("pivot-studio verify", () => {
  it("re-scores single_step_example_rollouts.jsonl to every recorded reward and category", async () => {
    const rows = fixtureRows("single_step_example_rollouts.jsonl");
    const got = await run(["verify", "--rollouts", gymFixture("single_step_example_rollouts.jsonl"), "--json"]);
    expect(got.exitCode).toBe(0);
    const lines = jsonLines(got.stdout);
    expect(lines.slice(0, -1)).toEqual(rows.map((r, i) => ({ line: i + 1, reward: r.reward, category: r.category })));
    expect(lines.at(-1)).toMatchObject({ summary: { rows: 5, recorded_reward_differs: [], unscored: [] } });
  });

  it("flags rows whose recorded reward differs, and --strict fails on them", async () => {
    const p = path.join(dir, "differs.jsonl");
    // 1 vs 1.0 differ in Python, so the second rollout scores 0 though it recorded 1.
    writeFileSync(p, [rollout('{"n": 1}', '{"n": 1}', 1.0), rollout('{"n": 1}', '{"n": 1.0}', 1.0), "{oops"].join("\n") + "\n");
    const text = await run(["verify", "--rollouts", p]);
    expect(text.stdout).toContain("line 2: recorded reward 1.0, re-scored 0.0 (");
    expect(text.stdout).toContain("recorded reward differs: 1 row");
    expect(text.stderr).toContain(`${p}:3: cannot score: invalid JSON: Expecting property name enclosed in double quotes`);
    expect(text.exitCode).toBe(1); // a line could not be scored
    writeFileSync(p, [rollout('{"n": 1}', '{"n": 1}', 1.0), rollout('{"n": 1}', '{"n": 1.0}', 1.0)].join("\n") + "\n");
    expect((await run(["verify", "--rollouts", p])).exitCode).toBe(0);
    expect((await run(["verify", "--rollouts", p, "--strict"])).exitCode).toBe(1);
  });

  it("fails on a file with nothing to score: empty, or rollouts without an expected action", async () => {
    const empty = path.join(dir, "empty.jsonl");
    writeFileSync(empty, "");
    const none = await run(["verify", "--rollouts", empty]);
    expect([none.exitCode, none.stderr]).toEqual([1, `${empty}: no rollout scored\n`]);
    const bare = path.join(dir, "bare.jsonl");
    writeFileSync(bare, JSON.stringify({ responses_create_params: { input: [] }, response: { output: [] }, reward: 1 }) + "\n");
    const got = await run(["verify", "--rollouts", bare]);
    expect(got.exitCode).toBe(1);
    expect(got.stderr).toContain(`${bare}:1: cannot score: no expected_action: verify scores rollouts of pivot rows`);
  });

  it("says when a knob cannot mean what was asked, and refuses a negative one", async () => {
    const p = path.join(dir, "notes.jsonl");
    writeFileSync(p, rollout('{"n": 1}', '{"n": 1}', 1.0) + "\n");
    const unread = await run(["verify", "--rollouts", p, "--allow-subset", "--word-count-similarity-threshold", "0.9"]);
    expect(unread.exitCode).toBe(0);
    expect(unread.stderr).toBe(
      "note: --allow-subset has no effect without --parallel-tool-call-rewarding (Gym reads it only then)\n" +
        "note: --word-count-similarity-threshold above 0.5: every multi-word string argument will fail to match\n",
    );
    expect((await run(["verify", "--rollouts", p, "--allow-subset", "--parallel-tool-call-rewarding"])).stderr).toBe("");
    expect((await run(["verify", "--rollouts", p, "--floating-point-comparison-threshold", "0"])).stderr).toBe(
      "note: --floating-point-comparison-threshold 0: every float argument will fail to match (Gym tests abs(a - b) < threshold)\n",
    );
    const negative = await run(["verify", "--rollouts", p, "--floating-point-comparison-threshold=-1"]);
    expect([negative.exitCode, negative.stderr]).toEqual([2, expect.stringContaining('--floating-point-comparison-threshold needs a number ≥ 0, got "-1"')]);
  });

  it("takes Gym's knobs as flags", async () => {
    const p = path.join(dir, "knobs.jsonl");
    writeFileSync(
      p,
      [
        rollout('{"q": "weather in paris today"}', '{"q": "weather in paris"}', 1.0),
        rollout('{"t": 20.0}', '{"t": 20.4}', 1.0),
      ].join("\n") + "\n",
    );
    const rewards = async (flags: string[]) =>
      jsonLines((await run(["verify", "--rollouts", p, "--json", ...flags])).stdout).slice(0, -1).map((l) => l.reward);
    // Similarity = 3 shared words / (4 + 3) ≈ 0.43: passes at 0.1, fails at 0.5. 0.4 apart: fails at 1e-6, passes at 0.5.
    expect(await rewards([])).toEqual([1, 0]);
    expect(await rewards(["--word-count-similarity-threshold", "0.5", "--floating-point-comparison-threshold", "0.5"])).toEqual([0, 1]);
    const bad = await run(["verify", "--rollouts", p, "--parallel-tool-call-reward-mode", "best"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("binary_strict, fractional, f1");
  });
});
