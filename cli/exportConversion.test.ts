/**
 * `pivot-studio export` with trajectory inputs: converted as the app converts them (the conversion flags are the
 * app's panel), next to pivot files, with the conversion recorded in the manifest. The app's bundle for the same
 * files is compared byte for byte in e2e/convert-documents.spec.ts.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { convertSource, createConversionRun, type PivotRow } from "../lib/convert";
import { openFileSource } from "../lib/node/fileSource";
import { gymFixture } from "../lib/testing/fixtures";
import { captureOutput } from "./captureOutput";
import { runConvert } from "./convert";
import { runExport } from "./export";

const tmp = mkdtempSync(path.join(tmpdir(), "export-conversion-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let counter = 0;
const fresh = (name: string) => path.join(tmp, `${counter++}-${name}`);
function write(name: string, text: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
}
const jsonl = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const run = (args: string[]) => captureOutput(() => runExport(args));

/** Two chat trajectories without tool schemas: a get_weather call, its output, then a text reply. */
const CHATS = write(
  "weather.jsonl",
  ["Paris", "Oslo"]
    .map((city, i) =>
      JSON.stringify({
        messages: [
          { role: "user", content: `Weather in ${city}?` },
          { role: "assistant", content: null, tool_calls: [{ id: `c${i}`, type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city }) } }] },
          { role: "tool", tool_call_id: `c${i}`, content: "sunny" },
          { role: "assistant", content: `It is sunny in ${city}.` },
        ],
      }),
    )
    .join("\n") + "\n",
);
const TOOLS_TEXT = JSON.stringify([{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }]);
const TOOLS = write("tools.json", TOOLS_TEXT);
const AGENT = ["--agent-name", "weather_agent", "--keep", "not-rejected"];

describe("pivot-studio export of trajectory files", () => {
  it("converts them: calls without a tool schema are audited, a --tools file gives them one, and the manifest says so", async () => {
    const bare = fresh("bare");
    expect((await run([CHATS, "--out", bare, ...AGENT])).exitCode).toBe(0);
    expect(jsonl(path.join(bare, "pivots.jsonl")).map((r) => (r.expected_action as { type: string }).type)).toEqual(["message", "message"]);
    expect(jsonl(path.join(bare, "skipped.jsonl")).map((s) => [s.reason, s.source])).toEqual([
      ["missing_tool_schema", { file: "weather.jsonl", line: 1, action_index: 0, decision_point: 1 }],
      ["missing_tool_schema", { file: "weather.jsonl", line: 2, action_index: 0, decision_point: 3 }],
    ]);

    const tooled = fresh("tools");
    const r = await run([CHATS, "--tools", TOOLS, "--out", tooled, ...AGENT]);
    expect(r.stdout).toContain("exported 4 of 4 rows");
    expect(jsonl(path.join(tooled, "pivots.jsonl")).map((p) => (p.expected_action as { name?: string }).name ?? "message")).toEqual(["get_weather", "message", "get_weather", "message"]);
    const manifest = JSON.parse(readFileSync(path.join(tooled, "manifest.json"), "utf8")) as { inputs: Record<string, unknown>[] };
    expect(manifest.inputs[0]!.conversion).toEqual({
      source_layout: "jsonl",
      options: expect.objectContaining({ min_reward: 1, message_pivots: true, drop_duplicates: true }) as unknown,
      tools_file: { name: "tools.json", size: TOOLS_TEXT.length, sha256: createHash("sha256").update(TOOLS_TEXT).digest("hex"), tools: 1 },
    });
  });

  it("names a converted row's warning by its trajectory's line and its decision point, as the app does", async () => {
    const tools = [{ type: "function", function: { name: "count", parameters: { type: "object", properties: { n: { type: "integer" } } } } }];
    const chat = (n: unknown) => JSON.stringify({ tools, messages: [{ role: "user", content: "count" }, { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "count", arguments: JSON.stringify({ n }) } }] }, { role: "tool", tool_call_id: "c", content: "ok" }, { role: "assistant", content: "done" }] });
    const input = write("typed.jsonl", [chat(1), chat(2), chat("three")].join("\n") + "\n");
    const got = await run(["--input", input, "--accept-all", "--no-reward-filter", "--out", fresh("typed")]);
    expect(got.exitCode, got.stderr).toBe(0);
    // Line 3 holds the third trajectory; its call is the fifth decision point of the file (two per trajectory).
    expect(got.stdout + got.stderr).toMatch(/typed\.jsonl:3 · point 5: arguments_type_mismatch: /);
    expect(got.stdout + got.stderr).not.toMatch(/typed\.jsonl:5: /);
  });

  it("a source row that is not a trajectory reaches skipped.jsonl as unreadable_row, located by its line", async () => {
    const lines = readFileSync(CHATS, "utf8").split("\n").filter(Boolean);
    const input = write("broken-weather.jsonl", [lines[0], '{"messages": [', '{"note": "no messages here"}', lines[1]].join("\n") + "\n");
    const out = fresh("unreadable");
    const r = await run([input, "--tools", TOOLS, "--out", out, ...AGENT]);
    expect(r.exitCode).toBe(0);
    expect(jsonl(path.join(out, "pivots.jsonl"))).toHaveLength(4);
    const audit = jsonl(path.join(out, "skipped.jsonl"));
    expect(audit.map((s) => [s.reason, s.skipped_by, s.source])).toEqual([
      ["unreadable_row", "converter", { file: "broken-weather.jsonl", line: 2 }],
      ["unreadable_row", "converter", { file: "broken-weather.jsonl", line: 3 }],
    ]);
    expect(audit[0]!.note).toMatch(/^invalid JSON: /);
    expect([audit[0]!.row, audit[0]!.row_text]).toEqual([null, '{"messages": [']);
    expect(audit[1]!.row).toEqual({ note: "no messages here" });
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { counts: Record<string, number> };
    expect(manifest.counts).toMatchObject({ exported: 4, auto_skipped: 2 });
  });

  it("--accept-all accepts what conversion kept: its skips stay in the audit (a reviewer's own accept overrides them)", async () => {
    // τ²: 25 candidates, 3 duplicates (line 5 repeats three calls of line 2).
    const out = fresh("accept-all");
    const r = await run([gymFixture("tau2_example_rollouts.jsonl"), "--accept-all", "--agent-name", "tau2_agent", "--out", out]);
    expect(r.exitCode).toBe(0);
    expect(jsonl(path.join(out, "pivots.jsonl"))).toHaveLength(22);
    expect(jsonl(path.join(out, "skipped.jsonl")).map((s) => [s.skipped_by, s.reason])).toEqual(Array(3).fill(["converter", "duplicate"]));
  });

  it("--split keeps each converted trajectory on one side even without ids; metrics read the conversion's rewards", async () => {
    // Neither fixture's trajectories carry a trajectory or task id: their candidates share their source row's hash.
    for (const name of ["workplace_assistant_example_rollouts.jsonl", "example_multi_step_example_rollouts.jsonl"]) {
      const out = fresh("split");
      expect((await run([gymFixture(name), "--accept-all", "--no-reward-filter", "--split", "0.5", "--seed", "3", "--out", out, ...AGENT])).exitCode).toBe(0);
      const sideOf = new Map<string, Set<string>>();
      for (const side of ["train", "validation"]) {
        for (const row of jsonl(path.join(out, `${side}.jsonl`))) {
          const source = (row.provenance as { source_row_hash: string }).source_row_hash;
          sideOf.set(source, (sideOf.get(source) ?? new Set()).add(side));
        }
      }
      expect(sideOf.size, name).toBeGreaterThan(1);
      for (const [source, sides] of sideOf) expect([name, source, sides.size]).toEqual([name, source, 1]);
      expect(new Set([...sideOf.values()].map((s) => [...s][0]))).toEqual(new Set(["train", "validation"]));
      // Each task of these fixtures has one rollout: every exported row's task is a single sample.
      const metrics = JSON.parse(readFileSync(path.join(out, "metrics.json"), "utf8")) as { source_reward_group: { key: string }[] };
      expect(metrics.source_reward_group.map((g) => g.key)).toEqual(["single_sample"]);
    }
  });

  it("metrics count a converted row in its source task's reward group, as the app's column does: mixed when a sample failed", async () => {
    const [first] = readFileSync(gymFixture("tau2_example_rollouts.jsonl"), "utf8").split("\n");
    const row = JSON.parse(first!) as Record<string, unknown>;
    // The same task sampled twice: the first rollout passed, the second (its candidates duplicates) failed.
    const input = write("mixed.jsonl", `${JSON.stringify(row)}\n${JSON.stringify({ ...row, reward: 0.0 })}\n`);
    const out = fresh("mixed");
    expect((await run([input, "--accept-all", "--out", out, ...AGENT])).exitCode).toBe(0);
    const exported = jsonl(path.join(out, "pivots.jsonl")).length;
    expect(exported).toBeGreaterThan(0);
    const metrics = JSON.parse(readFileSync(path.join(out, "metrics.json"), "utf8")) as { source_reward_group: unknown };
    expect(metrics.source_reward_group).toEqual([{ key: "mixed", n: exported, pct: 100 }]);
  });

  it("a trajectory repeated in a second file is a duplicate there, as `convert` and the app find it", async () => {
    const text = readFileSync(gymFixture("tau2_example_rollouts.jsonl"));
    const a = write("copy-a.jsonl", text.toString());
    const b = write("copy-b.jsonl", text.toString());
    const out = fresh("copies");
    const r = await run([a, b, "--accept-all", "--out", out, ...AGENT]);
    expect(r.exitCode).toBe(0);
    const pivots = jsonl(path.join(out, "pivots.jsonl"));
    expect(pivots).toHaveLength(22);
    expect(new Set(pivots.map((p) => (p.provenance as { source_file: string }).source_file))).toEqual(new Set(["copy-a.jsonl"]));
    const skipped = jsonl(path.join(out, "skipped.jsonl"));
    expect(skipped.map((s) => s.reason)).toEqual(Array(28).fill("duplicate"));
    // `convert` keeps the same 22.
    const converted = fresh("copies-converted.jsonl");
    expect((await captureOutput(() => runConvert([a, b, "--out", converted]))).exitCode).toBe(0);
    expect(jsonl(converted).map((p) => p.expected_action)).toEqual(pivots.map((p) => p.expected_action));
  });

  it("applies the conversion flags, and exports pivot files beside trajectory files", async () => {
    const out = fresh("flags");
    const pivots = gymFixture("single_step_example.jsonl");
    expect((await run([pivots, CHATS, "--skip-messages", "--tools", TOOLS, "--out", out, ...AGENT])).exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as { inputs: Record<string, unknown>[] };
    expect(manifest.inputs.map((i) => [i.name, i.conversion !== undefined])).toEqual([
      ["single_step_example.jsonl", false],
      ["weather.jsonl", true],
    ]);
    const skipped = jsonl(path.join(out, "skipped.jsonl")).filter((s) => (s.source as { file: string }).file === "weather.jsonl");
    expect(skipped.map((s) => s.reason)).toEqual(["message_pivot", "message_pivot"]);
  });

  it("a .json list of pivot rows over the size read in threads exports its records, as the same rows in JSONL do", async () => {
    // The tau2 rollouts converted (22 clean pivot rows), repeated past 8 MB: copies are only duplicate warnings.
    const rows: PivotRow[] = [];
    await convertSource(await openFileSource(gymFixture("tau2_example_rollouts.jsonl")), "tau2.jsonl", await createConversionRun({}), {
      pivot: (r) => rows.push(r),
      skipped: () => undefined,
      rowError: () => undefined,
    });
    const many = Array.from({ length: 14 }, () => rows).flat();
    const doc = write("pivots.json", JSON.stringify(many, null, 1));
    const lines = write("pivots.jsonl", many.map((r) => JSON.stringify(r)).join("\n") + "\n");
    expect(statSync(doc).size).toBeGreaterThan(8 << 20);
    const [fromDoc, fromLines] = [fresh("doc"), fresh("lines")];
    expect((await run([doc, "--accept-all", "--out", fromDoc, "--agent-name", "tau2_agent"])).exitCode).toBe(0);
    expect((await run([lines, "--accept-all", "--out", fromLines, "--agent-name", "tau2_agent"])).exitCode).toBe(0);
    expect(jsonl(path.join(fromDoc, "pivots.jsonl"))).toHaveLength(many.length);
    const digest = (dir: string) => createHash("sha256").update(readFileSync(path.join(dir, "pivots.jsonl"))).digest("hex");
    expect(digest(fromDoc)).toBe(digest(fromLines));
  });

  it("a bad conversion flag or an unreadable .json document exits 2 and says why", async () => {
    const a = await run([CHATS, "--min-reward", "1", "--no-reward-filter", "--out", fresh("x"), ...AGENT]);
    expect([a.exitCode, a.stderr]).toEqual([2, expect.stringContaining("--min-reward and --no-reward-filter contradict each other")]);
    const doc = write("broken.json", '[\n  {"messages": [}\n]');
    const b = await run([doc, "--out", fresh("y"), ...AGENT]);
    expect([b.exitCode, b.stderr]).toEqual([2, `pivot-studio export: ${doc}:2: invalid JSON: Expecting value: line 2 column 17 (char 18)\n`]);
  });
});
