import { describe, expect, it } from "vitest";
import { candidatesInOrder, convertRow, createConversionRun, walkCandidates, type ConvertOptions } from "../convert";
import { fixtureRows } from "../testing/fixtures";
import { summarizeExpectedAction } from "./expectedAction";
import { CandidateSummaries, candidateSummary, summarizeRow } from "./rowSummary";

const FIXTURES = ["tau2_example_rollouts.jsonl", "workplace_assistant_example_rollouts.jsonl", "example_multi_step_example_rollouts.jsonl"];

describe("CandidateSummaries", () => {
  for (const options of [{}, { minReward: null, batch: true }, { keepReasoning: false }] as Partial<ConvertOptions>[]) {
    it(`summarizes each candidate as candidateSummary does (${JSON.stringify(options)})`, async () => {
      const run = await createConversionRun(options);
      // One memo across rows too: a prefix that does not extend the one before is counted from scratch.
      const acrossRows = new CandidateSummaries();
      let n = 0;
      for (const name of FIXTURES) {
        for (const [i, row] of fixtureRows(name).entries()) {
          const perRow = new CandidateSummaries();
          for (const c of candidatesInOrder(convertRow(row, { file: name, line: i + 1, rowHash: `h${i}` }, run))) {
            const expected = candidateSummary(c);
            expect(perRow.of(c)).toEqual(expected);
            expect(acrossRows.of(c)).toEqual(expected);
            n++;
          }
        }
      }
      expect(n).toBeGreaterThan(50);
    });
  }

  const WALKED = [...FIXTURES, "single_step_example_rollouts.jsonl", "swe_pivot_example_rollouts.jsonl", "terminal_multi_harness_example_rollouts.jsonl"];
  for (const options of [{}, { minReward: null, batch: true }, { minReward: null, messagePivots: false, keepReasoning: false }] as Partial<ConvertOptions>[]) {
    it(`summarizes the walk's candidates as candidateSummary does their rows (${JSON.stringify(options)})`, async () => {
      // Two runs, so that both see each duplicate first at the same candidate.
      const walkRun = await createConversionRun(options);
      const rowRun = await createConversionRun(options);
      let n = 0;
      for (const name of WALKED) {
        for (const [i, row] of fixtureRows(name).entries()) {
          const source = { file: name, line: i + 1, rowHash: `h${i}` };
          const expected = candidatesInOrder(convertRow(row, source, rowRun)).map(candidateSummary);
          const summaries = new CandidateSummaries();
          const walked: unknown[] = [];
          walkCandidates(row, source, walkRun, (c, ctx) => {
            const parts = { prefix: c.prefix, inputLength: c.inputLength, tools: ctx.tools, action: c.verdict.action, agentName: ctx.agentRef.name };
            walked.push(summaries.ofParts({ ...parts, provenance: ctx.base, position: c.position }));
          });
          expect(walked).toEqual(expected);
          n += walked.length;
        }
      }
      expect(n).toBeGreaterThan(50);
    });
  }

  it("counts a shorter or different prefix from scratch", () => {
    const item = (role: string) => ({ type: "message", role, content: "x" });
    const candidate = (input: unknown[]) => ({ responses_create_params: { input, tools: [] }, provenance: { pivot_id: "p" } });
    const memo = new CandidateSummaries();
    const long = [item("system"), item("user"), item("assistant")];
    for (const input of [long, long.slice(0, 1), [item("user")], [...long, item("user")], "text", []]) {
      expect(memo.of(candidate(input as unknown[]))).toEqual(candidateSummary(candidate(input as unknown[])));
    }
  });
});

describe("action summaries", () => {
  it("agree with the schema for every shape", () => {
    const actions: unknown[] = [
      { type: "function_call", name: "f", arguments: "{}" },
      { type: "function_call", name: "f" },
      { type: "function_call", name: "f", arguments: { a: 1 } },
      { type: "function_call", name: 3, arguments: "{}" },
      { type: "message", content: "hi" },
      { type: "message", content: [{ type: "output_text", text: "hi" }] },
      { type: "message" },
      { type: "function_call_batch", calls: [{ name: "a" }, { name: "b", arguments: "{}" }] },
      { type: "function_call_batch", calls: [{ name: "a" }, []] },
      { type: "function_call_batch", calls: [] },
      { type: "function_call_batch", calls: "x" },
      { name: "f", arguments: "{}" },
      { type: "other" },
      [],
      null,
      "x",
    ];
    for (const a of actions) {
      const row = { responses_create_params: { input: [] }, expected_action: a };
      const s = summarizeRow(row);
      expect(s.ok).toBe(true);
      if (!s.ok) continue;
      const expected = summarizeExpectedAction(a);
      expect({ type: s.summary.action_type, names: s.summary.tool_names }, JSON.stringify(a)).toEqual({ type: expected.actionType, names: expected.toolNames });
    }
  });
});
