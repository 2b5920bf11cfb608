/**
 * The three Gym trajectory-rollout fixtures, converted end to end. Expected numbers were counted by hand
 * from the files with a small python3 script, independently of this code: trajectory = input + output; a
 * model turn = a maximal run of reasoning / assistant message / function_call items; 1 call → function_call,
 * 0 calls → message; text-only turns before the first user message are seeded greetings.
 *
 * - tau2_example_rollouts.jsonl (5 rows, all reward 1.0): turns per row [4 fc + msg], [5 fc + msg],
 *   [3 fc + msg], [4 fc + msg], [4 fc + msg] → 20 function_call + 5 message = 25 candidates; plus each
 *   row's seed greeting "Hi! How can I help you today?" (5, not candidates). No multi-call turns, no
 *   reasoning. The narrated transfer turn (assistant message + transfer_to_human_agents call) counts as its
 *   call. Rows 2 and 5 are two rollouts of one telecom opening: the same system prompt, greeting and user
 *   message, then the same three calls with the same outputs (only item and call ids differ). So line 5's
 *   first three candidates (items 3, 5, 7) are `duplicate`s of line 2's: 17 function_call + 5 message.
 * - workplace_assistant_example_rollouts.jsonl (rewards 0,1,1,1,1): [fc + msg], [fc + msg], then three
 *   rows of [2 fc + msg] → 13 candidates. Row 1 (reward 0.0) is below the default min reward 1.0, so its
 *   2 candidates (1 fc, 1 msg) are `source_reward_below`: 7 function_call + 4 message converted.
 * - example_multi_step_example_rollouts.jsonl (5 rows, all 1.0): [3 fc + msg] ×4 and [4 fc + msg] once →
 *   16 function_call + 5 message = 21.
 * Every called tool is in its row's tools and every argument string is JSON, so nothing else is skipped.
 */
import { describe, expect, it } from "vitest";
import { fixtureRows, gymFixture } from "../testing/fixtures";
import { openFileSource } from "../node/fileSource";
import { convertSource, type StreamingRun } from "./convertSource";
import { convertRow } from "./convertRow";
import type { ConvertOptions } from "./options";
import type { PivotRow, SkippedCandidate } from "./pivotRow";
import { SourceTaskGroups } from "./rewardGroups";
import { emptyStats } from "./stats";
import { expectValidRows, testRun } from "./testKit";

async function convertFixture(name: string, options: Partial<ConvertOptions> = {}) {
  const run: StreamingRun = await testRun(options);
  const pivots: PivotRow[] = [];
  const skipped: SkippedCandidate[] = [];
  const errors: unknown[] = [];
  const stats = emptyStats(new SourceTaskGroups());
  const source = await openFileSource(gymFixture(name));
  try {
    await convertSource(source, name, run, { pivot: (r) => pivots.push(r), skipped: (s) => skipped.push(s), rowError: (e) => errors.push(e) }, stats);
  } finally {
    await source.close();
  }
  expect(errors).toEqual([]);
  return { pivots, skipped, stats };
}

/** Paths of null values outside tool schemas (where `default: null` is meaningful). */
function nullPaths(value: unknown, path = ""): string[] {
  if (value === null) return [path];
  if (typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => (k === "tools" ? [] : nullPaths(v, `${path}.${k}`)));
}

/** Within one trajectory, each candidate's input is a prefix of the next one's: nothing reordered, nothing lost. */
function expectGrowingPrefixes(rows: PivotRow[]): void {
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!];
    if (a.provenance.source_line !== b.provenance.source_line) continue;
    const prev = a.responses_create_params.input;
    expect(b.responses_create_params.input.slice(0, prev.length)).toEqual(prev);
    expect(b.responses_create_params.input.length).toBeGreaterThan(prev.length);
  }
}

describe("Gym fixtures", () => {
  it("tau2_example_rollouts.jsonl: 17 function_call + 5 message, 3 duplicates, 5 seeded greetings", async () => {
    const { pivots, skipped, stats } = await convertFixture("tau2_example_rollouts.jsonl");
    expect(stats).toMatchObject({ rows: 5, trajectories: 5, candidates: 25, converted: 22, seedTurns: 5 });
    expect(stats.byActionType).toEqual({ function_call: 17, message: 5 });
    expect(stats.bySkipReason).toEqual({ duplicate: 3 });
    expect(skipped.map((s) => [s.provenance.source_line, s.provenance.pivot_message_index])).toEqual([[5, 3], [5, 5], [5, 7]]);
    const kept = await convertFixture("tau2_example_rollouts.jsonl", { dropDuplicates: false });
    expect(kept.stats.byActionType).toEqual({ function_call: 20, message: 5 });
    expectValidRows(pivots);
    expect(pivots.flatMap((p) => nullPaths(p))).toEqual([]);
    expectGrowingPrefixes(pivots);
    // The first decision point: the prefix ends with the user's request, right before the pinned call.
    expect(pivots[0]!.responses_create_params.input.map((i) => i.role ?? i.type)).toEqual(["system", "assistant", "user"]);
    expect(pivots[0]!.expected_action).toMatchObject({ type: "function_call", name: "find_user_id_by_name_zip" });
    expect(pivots[0]!.provenance).toMatchObject({ task_id: "50", task_index: 192, rollout_index: 3, turn: 1, step: 0, depth: 1 });
  });

  it("tau2: the chat transcript (result.messages, --format tau2) gives the same actions as the Responses items", async () => {
    const rows = fixtureRows("tau2_example_rollouts.jsonl");
    const gym = await testRun();
    const tau2 = await testRun({ format: "tau2" });
    for (const [i, row] of rows.entries()) {
      const a = convertRow(row, { file: "f", line: i + 1, rowHash: "h" }, gym);
      const b = convertRow(row, { file: "f", line: i + 1, rowHash: "h" }, tau2);
      expect(b.format).toBe("tau2");
      expect(b.candidates.map((c) => c.expected_action)).toEqual(a.candidates.map((c) => c.expected_action));
      expect(b.candidates.map((c) => [c.provenance.turn, c.provenance.step, c.provenance.depth])).toEqual(
        a.candidates.map((c) => [c.provenance.turn, c.provenance.step, c.provenance.depth]),
      );
      expectValidRows(b.candidates);
    }
  });

  it("workplace_assistant_example_rollouts.jsonl: 7 function_call + 4 message, 2 below the reward minimum", async () => {
    const { pivots, skipped, stats } = await convertFixture("workplace_assistant_example_rollouts.jsonl");
    expect(stats).toMatchObject({ rows: 5, candidates: 13, converted: 11 });
    expect(stats.byActionType).toEqual({ function_call: 7, message: 4 });
    expect(stats.bySkipReason).toEqual({ source_reward_below: 2 });
    expect(skipped.map((s) => [s.provenance.source_line, s.expected_action?.type])).toEqual([
      [1, "function_call"],
      [1, "message"],
    ]);
    expectValidRows(pivots);
    expect(pivots.flatMap((p) => nullPaths(p))).toEqual([]);
    expectGrowingPrefixes(pivots);

    const unfiltered = await convertFixture("workplace_assistant_example_rollouts.jsonl", { minReward: null });
    expect(unfiltered.stats.byActionType).toEqual({ function_call: 8, message: 5 });
    const noMessages = await convertFixture("workplace_assistant_example_rollouts.jsonl", { messagePivots: false });
    expect(noMessages.stats.bySkipReason).toEqual({ source_reward_below: 2, message_pivot: 4 });
  });

  it("example_multi_step_example_rollouts.jsonl: 16 function_call + 5 message", async () => {
    const { pivots, skipped, stats } = await convertFixture("example_multi_step_example_rollouts.jsonl");
    expect(stats).toMatchObject({ rows: 5, candidates: 21, converted: 21 });
    expect(stats.byActionType).toEqual({ function_call: 16, message: 5 });
    expect(skipped).toEqual([]);
    expectValidRows(pivots);
    expect(pivots.flatMap((p) => nullPaths(p))).toEqual([]);
    expectGrowingPrefixes(pivots);
    // Legacy `tool_choice: null` in the source never reaches the output.
    expect(new Set(pivots.map((p) => p.responses_create_params.tool_choice))).toEqual(new Set(["auto"]));
  });
});
