import { describe, expect, it } from "vitest";
import { bytesSource } from "../jsonl/byteSource";
import { createRowHasher } from "../jsonl/rowHash";
import { createXXHash64 } from "hash-wasm";
import { convertSource, createConversionRun, layoutOf, recordsOf, type RowError } from "./convertSource";
import type { PivotRow, SkippedCandidate } from "./pivotRow";
import { SourceTaskGroups } from "./rewardGroups";
import { emptyStats, formatStats } from "./stats";
import { testRun } from "./testKit";

const TRAJ = {
  tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
  messages: [
    { role: "user", content: "go" },
    { role: "assistant", tool_calls: [{ id: "1", function: { name: "f", arguments: "{}" } }] },
    { role: "tool", tool_call_id: "1", content: "ok" },
    { role: "assistant", content: "done" },
  ],
};
const encode = (s: string) => new TextEncoder().encode(s);

async function collect(text: string, fileName: string) {
  const out = { pivots: [] as PivotRow[], skipped: [] as SkippedCandidate[], errors: [] as RowError[] };
  const stats = emptyStats(new SourceTaskGroups());
  await convertSource(bytesSource(encode(text)), fileName, await testRun(), {
    pivot: (r) => out.pivots.push(r),
    skipped: (s) => out.skipped.push(s),
    rowError: (e) => out.errors.push(e),
  }, stats);
  return { ...out, stats };
}

describe("convertSource", () => {
  it("streams JSONL: located row errors, row hashes as the app computes them", async () => {
    const line1 = JSON.stringify(TRAJ);
    const text = `${line1}\n\n{nope\n${JSON.stringify({ responses_create_params: {}, expected_action: {} })}\r\n`;
    const r = await collect(text, "mixed.jsonl");
    expect(r.pivots.map((p) => [p.provenance.source_line, p.expected_action.type])).toEqual([[1, "function_call"], [1, "message"]]);
    const hash = (await createRowHasher())(encode(line1));
    expect(r.pivots[0]!.provenance).toMatchObject({ source_file: "mixed.jsonl", source_row_hash: hash, pivot_id: `${hash}-0` });
    expect(r.errors.map((e) => [e.line, e.message.slice(0, 40)])).toEqual([
      [3, "invalid JSON: Expected property name or "],
      [4, "already a pivot row (responses_create_pa"],
    ]);
    expect(r.stats).toMatchObject({ files: 1, rows: 3, rowErrors: 2, trajectories: 1, candidates: 2, converted: 2 });
    expect(formatStats(r.stats)).toBe(
      [
        "rows: 3 (1 trajectories with decision points, 2 unreadable)",
        "candidates: 2",
        "converted: 2 (100.00%)",
        "  function_call: 1 (50.00%)",
        "  message: 1 (50.00%)",
        "skipped: 0 (0.00%)",
        "formats: openai_chat 1",
        "source tasks: 0 mixed, 0 all-pass, 0 all-fail, 0 single-sample, 1 without reward",
        "",
      ].join("\n"),
    );
  });

  it("reads .json documents: a list, a list under a key, one trajectory, a bare message list", async () => {
    for (const doc of [[TRAJ, TRAJ], { data: [TRAJ, TRAJ] }, { meta: { v: 1 }, whatever: [TRAJ, TRAJ] }]) {
      const r = await collect(JSON.stringify(doc), "set.json");
      expect(r.pivots.map((p) => p.provenance.source_record)).toEqual([0, 0]);
      // The second record repeats the first: its candidates are duplicates.
      expect(r.skipped.map((s) => [s.skip_reason, s.provenance.source_record])).toEqual([["duplicate", 1], ["duplicate", 1]]);
    }
    expect((await collect(JSON.stringify(TRAJ), "one.json")).pivots).toHaveLength(2);
    expect((await collect(JSON.stringify(TRAJ.messages), "bare.json")).stats.candidates).toBe(2);
    expect((await collect("[1, 2", "bad.json")).errors[0]!.message).toMatch(/^invalid JSON/);
    // The error names the document's line at fault, as the audit's source_line and stderr's file:line.
    expect((await collect('[\n {"messages": []},\n {"messages": [}\n]', "bad.json")).errors[0]).toMatchObject({ file: "bad.json", line: 3 });
    expect((await collect('{"a": 1}', "none.json")).errors[0]!.message).toBe("the document holds no list of trajectories or rows");
    // Two lists: which one is meant is not guessed, and neither is dropped without a word.
    expect((await collect(JSON.stringify({ train: [TRAJ], test: [TRAJ, TRAJ] }), "two.json")).errors[0]!.message).toBe(
      "the document holds 2 lists (train, test): save the one to read as its own .json file",
    );
    // Rows that are not trajectories (pivot rows) under a key are the document's records too.
    const pivot = { responses_create_params: { input: [] }, expected_action: { type: "message", content: "x" } };
    expect(recordsOf({ meta: { v: 1 }, rows_of_mine: [pivot, pivot] })).toEqual([pivot, pivot]);
  });

  it("picks the layout by file extension", () => {
    expect(layoutOf("a.JSON")).toBe("json");
    expect(layoutOf("a.jsonl")).toBe("jsonl");
    expect(layoutOf("rollouts.ndjson")).toBe("jsonl");
    expect(recordsOf(3)).toBeNull();
  });

  it("hashes text as xxHash64 of its UTF-8 bytes, short ASCII ids and other text alike", async () => {
    const run = await createConversionRun();
    const reference = await createXXHash64(0, 0);
    for (const text of ["0123456789abcdef-12", "", "é-1", "x".repeat(65), JSON.stringify(TRAJ)]) {
      reference.init();
      reference.update(text);
      expect(run.hashText(text)).toBe(reference.digest("hex"));
    }
  });
});
