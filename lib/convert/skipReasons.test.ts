import { describe, expect, it } from "vitest";
import { convertRow } from "./convertRow";
import { isToolError } from "./filters";
import { parseToolsFile } from "./tools";
import { convertOne, testRun } from "./testKit";
import type { OutputStep } from "./trajectory";

const SEARCH = { type: "function", function: { name: "search", parameters: { type: "object", properties: { q: { type: "string" } } } } };

const call = (id: string, name: string, args: unknown) => ({ role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name, arguments: args } }] });
const tool = (id: string, content: string) => ({ role: "tool", tool_call_id: id, content });
const chat = (messages: unknown[], extra: Record<string, unknown> = {}) => ({ tools: [SEARCH], messages: [{ role: "user", content: "go" }, ...messages], ...extra });
const reasons = (r: { skipped: { skip_reason: string }[] }) => r.skipped.map((s) => s.skip_reason);

// Four identical searches (spacing differs, arguments are the same), then another search, then an answer.
const LOOPING = chat([
  call("a", "search", '{"q": "x"}'), tool("a", "nothing"),
  call("b", "search", '{"q":"x"}'), tool("b", "nothing"),
  call("c", "search", { q: "x" }), tool("c", "nothing"),
  call("d", "search", '{"q": "x"}'), tool("d", "nothing"),
  call("e", "search", '{"q": "y"}'), tool("e", "found"),
  { role: "assistant", content: "Found y." },
]);

describe("skip reasons", () => {
  it("doom_loop keeps only the last of N identical consecutive calls; 0 is off", async () => {
    const r = await convertOne(LOOPING, { doomLoop: 3 });
    expect(r.skipped.map((s) => [s.skip_reason, s.provenance.pivot_assistant_index])).toEqual([
      ["doom_loop", 0],
      ["doom_loop", 1],
      ["doom_loop", 2],
    ]);
    expect(r.candidates.map((c) => c.provenance.pivot_assistant_index)).toEqual([3, 4, 5]);
    expect(reasons(await convertOne(LOOPING, { doomLoop: 5 }))).toEqual([]);
    expect(reasons(await convertOne(LOOPING))).toEqual([]);
  });

  it("duplicate: the same prefix, tools and action a second time; kept with dropDuplicates off", async () => {
    const run = await testRun();
    const first = convertRow(LOOPING, { file: "a.jsonl", line: 1, rowHash: "h1" }, run);
    const again = convertRow(LOOPING, { file: "b.jsonl", line: 9, rowHash: "h1" }, run);
    expect(first.candidates).toHaveLength(6);
    expect(reasons(again)).toEqual(Array(6).fill("duplicate"));
    const keep = await testRun({ dropDuplicates: false });
    convertRow(LOOPING, { file: "a.jsonl", line: 1, rowHash: "h1" }, keep);
    expect(convertRow(LOOPING, { file: "a.jsonl", line: 2, rowHash: "h1" }, keep).candidates).toHaveLength(6);
  });

  it("message_pivot when message pivots are off", async () => {
    const r = await convertOne(LOOPING, { messagePivots: false });
    expect(reasons(r)).toEqual(["message_pivot"]);
    expect(r.skipped[0]!.expected_action).toEqual({ type: "message", content: "Found y." });
  });

  it("source_reward_below skips every candidate of a trajectory under the minimum; rows without reward pass", async () => {
    const failing = { ...LOOPING, reward: 0.5 };
    expect(reasons(await convertOne(failing))).toEqual(Array(6).fill("source_reward_below"));
    expect(reasons(await convertOne(failing, { minReward: 0.5 }))).toEqual([]);
    expect(reasons(await convertOne(failing, { minReward: null }))).toEqual([]);
    expect(reasons(await convertOne({ ...LOOPING, metadata: { reward: false } }))).toEqual(Array(6).fill("source_reward_below"));
  });

  it("no_expected_action, malformed_arguments, empty_prefix", async () => {
    const r = await convertOne(chat([{ role: "assistant", content: "  " }, { role: "user", content: "again" }, call("a", "search", "{oops")]));
    expect(r.skipped.map((s) => [s.skip_reason, s.skip_detail])).toEqual([
      ["no_expected_action", "the assistant message is empty"],
      ["malformed_arguments", 'arguments of search are not JSON: "{oops"'],
    ]);
    const noContext = await convertOne({ tools: [SEARCH], messages: [call("a", "search", { q: "z" }), tool("a", "ok")] });
    expect(reasons(noContext)).toEqual(["empty_prefix"]);
  });

  it("missing_tool_schema when a row carries no tools, until a tools file is attached", async () => {
    const row = { messages: [{ role: "user", content: "go" }, call("a", "search", { q: "z" })] };
    const bare = await convertOne(row);
    expect(bare.skipped.map((s) => s.skip_detail)).toEqual(["no tool schemas for search (the row carries no tools; load a tools file)"]);
    const tools = parseToolsFile(JSON.stringify([{ name: "search", description: "Search.", parameters: { type: "object" } }]));
    const withFile = convertRow(row, { file: "t.jsonl", line: 1, rowHash: "h" }, await testRun({}, tools));
    expect(withFile.candidates[0]!.responses_create_params.tools).toEqual([
      { type: "function", name: "search", description: "Search.", parameters: { type: "object" }, strict: true },
    ]);
  });
});

describe("isToolError", () => {
  const out = (text: string, flaggedError = false): OutputStep => ({ kind: "output", callId: "c", item: {}, flaggedError, text });
  it("follows Gym's words for short outputs, always honours the source's flag", () => {
    expect(isToolError(out("Error: no such order"))).toBe(true);
    expect(isToolError(out('{"error": "denied"}'))).toBe(true);
    expect(isToolError(out("Permission denied"))).toBe(true);
    expect(isToolError(out("ok", true))).toBe(true);
    expect(isToolError(out("No customers found."))).toBe(false);
    // A long document that mentions "error" in passing is content, not a failure.
    expect(isToolError(out(`Report: ${"fine ".repeat(60)} error rates fell.`))).toBe(false);
  });
});
