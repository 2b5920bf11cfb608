import { afterEach, describe, expect, it, vi } from "vitest";
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gymFixture } from "../lib/testing/fixtures";
import { DEFAULT_AGENT_NAME, type PivotProvenance } from "../lib/convert";
import { validatePivotRow } from "../lib/validate";
import { runConvert } from "./convert";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  return { out: () => out.join(""), err: () => err.join("") };
}

const readJsonl = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown> & { provenance: PivotProvenance });

const tmp = () => mkdtempSync(path.join(tmpdir(), "convert-"));

afterEach(() => vi.restoreAllMocks());

const FIXTURES = ["tau2_example_rollouts.jsonl", "workplace_assistant_example_rollouts.jsonl", "example_multi_step_example_rollouts.jsonl"].map(gymFixture);

describe("pivot-studio convert", () => {
  it("converts the Gym rollout fixtures: every candidate once, in --out or in --audit with its reason", async () => {
    const dir = tmp();
    const out = path.join(dir, "pivots.jsonl");
    const audit = path.join(dir, "skipped.jsonl");
    const io = capture();
    expect(await runConvert([...FIXTURES, "--out", out, "--audit", audit])).toBe(0);
    // Counts per file are derived in lib/convert/fixtures.test.ts: 25 + 13 + 21 candidates; 3 τ² duplicates
    // and the 2 candidates of the reward-0 workplace row are skipped.
    const pivots = readJsonl(out);
    const skipped = readJsonl(audit);
    expect(pivots).toHaveLength(54);
    expect(skipped.map((s) => s.skip_reason)).toEqual(["duplicate", "duplicate", "duplicate", "source_reward_below", "source_reward_below"]);
    const ids = [...pivots, ...skipped].map((r) => `${r.provenance.source_file} ${r.provenance.pivot_id}`);
    expect(new Set(ids).size).toBe(59);
    for (const row of pivots) expect(validatePivotRow(row, { expectedAgentName: DEFAULT_AGENT_NAME })).toEqual([]);
    expect(io.out()).toContain("candidates: 59\n");
    expect(io.out()).toContain("converted: 54 (91.53%)\n  function_call: 40 (67.80%)\n  message: 14 (23.73%)\n");
    expect(io.out()).toContain("skipped: 5 (8.47%)\n  duplicate: 3 (5.08%)\n  source_reward_below: 2 (3.39%)\n");
    expect(io.out()).toContain(`wrote 54 pivot rows to ${out}`);
    expect(io.err()).toBe("");
  });

  it("applies the option flags, reads .json documents and a tools file", async () => {
    const dir = tmp();
    const source = path.join(dir, "chats.json");
    const toolsFile = path.join(dir, "tools.json");
    const traj = (reward: number) => ({
      reward,
      messages: [
        { role: "user", content: "both please" },
        { role: "assistant", tool_calls: [{ id: "1", function: { name: "f", arguments: "{}" } }, { id: "2", function: { name: "f", arguments: '{"x": 1}' } }] },
        { role: "tool", tool_call_id: "1", content: "a" },
        { role: "tool", tool_call_id: "2", content: "b" },
        { role: "assistant", content: "done" },
      ],
    });
    writeFileSync(source, JSON.stringify({ data: [traj(1), traj(0)] }));
    writeFileSync(toolsFile, JSON.stringify([{ type: "function", function: { name: "f", parameters: { type: "object" } } }]));
    const out = path.join(dir, "out.jsonl");
    const audit = path.join(dir, "audit.jsonl");
    capture();
    const args = [source, "--out", out, "--audit", audit, "--tools", toolsFile, "--batch", "--no-reward-filter", "--skip-messages", "--keep-duplicates", "--agent-ref", "my_agent"];
    expect(await runConvert(args)).toBe(0);
    const pivots = readJsonl(out);
    expect(pivots.map((p) => [p.provenance.source_record, (p.expected_action as { type: string }).type])).toEqual([
      [0, "function_call_batch"],
      [1, "function_call_batch"],
    ]);
    expect(pivots[0]).toMatchObject({
      responses_create_params: { tools: [{ type: "function", name: "f", parameters: { type: "object" }, strict: true }], parallel_tool_calls: true, tool_choice: "auto" },
      agent_ref: { type: "responses_api_agents", name: "my_agent" },
    });
    expect(readJsonl(audit).map((s) => s.skip_reason)).toEqual(["message_pivot", "message_pivot"]);
  });

  it("reports unreadable rows on stderr and in the audit, and still converts the rest", async () => {
    const dir = tmp();
    const source = path.join(dir, "rows.jsonl");
    writeFileSync(source, `{nope\n${JSON.stringify({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] })}\n`);
    const io = capture();
    expect(await runConvert([source, "--out", path.join(dir, "o.jsonl"), "--audit", path.join(dir, "a.jsonl")])).toBe(0);
    expect(io.err()).toMatch(/rows\.jsonl:1: invalid JSON/);
    expect(readJsonl(path.join(dir, "a.jsonl"))).toEqual([expect.objectContaining({ source_file: "rows.jsonl", source_line: 1 })]);
    expect(readJsonl(path.join(dir, "o.jsonl"))).toHaveLength(1);
  });

  it("a file the app opens as it is (pivot rows, single-step rollouts) is not converted, unless --format says so", async () => {
    const dir = tmp();
    for (const name of ["single_step_example.jsonl", "single_step_example_rollouts.jsonl", "swe_pivot_example_rollouts.jsonl"]) {
      const io = capture();
      const out = path.join(dir, `${name}.out`);
      expect(await runConvert([gymFixture(name), "--out", out])).toBe(1);
      expect(io.err()).toBe(
        `${gymFixture(name)}: not trajectories (the app opens it as pivot rows or single-step rollouts): nothing to convert; for rollouts, --format gym_rollout converts their input and output anyway\n` +
          "pivot-studio convert: no pivot row written: no trajectory had an assistant action\n",
      );
      expect(readJsonl(out)).toEqual([]);
      vi.restoreAllMocks();
    }
    capture();
    const forced = path.join(dir, "forced.jsonl");
    expect(await runConvert([gymFixture("single_step_example_rollouts.jsonl"), "--format", "gym_rollout", "--no-reward-filter", "--out", forced])).toBe(0);
    expect(readJsonl(forced).length).toBeGreaterThan(0);
  });

  it("two inputs with the same file name in different folders stay two sets of trajectories (task groups), named as the app names them", async () => {
    const dir = tmp();
    const chat = (reward: number) => JSON.stringify({ reward, messages: [{ role: "user", content: "hi" }, { role: "assistant", content: `hello ${reward}` }] });
    for (const [sub, reward] of [["d1", 1], ["d2", 0]] as const) {
      mkdirSync(path.join(dir, sub));
      writeFileSync(path.join(dir, sub, "r.jsonl"), chat(reward) + "\n");
    }
    const out = path.join(dir, "out.jsonl");
    const io = capture();
    expect(await runConvert([path.join(dir, "d1/r.jsonl"), path.join(dir, "d2/r.jsonl"), "--no-reward-filter", "--out", out])).toBe(0);
    // Each trajectory is its own task (no task id): two single-sample tasks, not one task of two.
    expect(io.out()).toContain("source tasks: 0 mixed, 0 all-pass, 0 all-fail, 2 single-sample");
    // Provenance names a file by its name, as the app (which knows no folders) does.
    expect(readJsonl(out).map((r) => r.provenance.source_file)).toEqual(["r.jsonl", "r.jsonl"]);
  });

  it("judges a task's reward group at the --min-reward it keeps positives at", async () => {
    const dir = tmp();
    const chat = (reward: number) => JSON.stringify({ task_id: "t1", reward, messages: [{ role: "user", content: "hi" }, { role: "assistant", content: `hello ${reward}` }] });
    const input = path.join(dir, "graded.jsonl");
    writeFileSync(input, [0.6, 0.7, 0.2].map(chat).join("\n") + "\n");
    let io = capture();
    expect(await runConvert([input, "--min-reward", "0.5", "--out", path.join(dir, "a.jsonl")])).toBe(0);
    // 0.6 and 0.7 are kept as positive, 0.2 is not: the task is mixed at this line.
    expect(io.out()).toContain("source tasks: 1 mixed, 0 all-pass, 0 all-fail");
    vi.restoreAllMocks();
    io = capture();
    // Without the filter, the line is 1.0 (binary rewards): all three fail.
    expect(await runConvert([input, "--no-reward-filter", "--out", path.join(dir, "b.jsonl")])).toBe(0);
    expect(io.out()).toContain("source tasks: 0 mixed, 0 all-pass, 1 all-fail");
  });

  it("exits 1 when every candidate is skipped: no pivot row written", async () => {
    const io = capture();
    expect(await runConvert([gymFixture("workplace_assistant_example_rollouts.jsonl"), "--min-reward", "2", "--out", path.join(tmp(), "none.jsonl")])).toBe(1);
    expect(io.out()).toContain("wrote 0 pivot rows");
    expect(io.err()).toBe("pivot-studio convert: no pivot row written: every candidate was skipped (see the counts above)\n");
  });

  it("lists the first 20 unreadable rows on stderr, counts the rest, and keeps every one in the audit", async () => {
    const dir = tmp();
    const source = path.join(dir, "notes.txt");
    writeFileSync(source, Array.from({ length: 25 }, (_, i) => `plain text line ${i + 1}\n`).join(""));
    const audit = path.join(dir, "a.jsonl");
    const io = capture();
    expect(await runConvert([source, "--out", path.join(dir, "o.jsonl"), "--audit", audit])).toBe(1);
    const lines = io.err().trimEnd().split("\n");
    expect(lines).toHaveLength(22);
    expect(lines[21]).toBe("pivot-studio convert: no pivot row written: no row could be read as a trajectory");
    expect(lines[0]).toMatch(new RegExp(`^${source}:1: invalid JSON`));
    expect(lines[19]).toMatch(new RegExp(`^${source}:20: invalid JSON`));
    expect(lines[20]).toBe(`… and 5 more unreadable rows (all are in ${audit})`);
    expect(readJsonl(audit).map((r) => r.source_line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(io.out()).toContain("rows: 25 (0 trajectories with decision points, 25 unreadable)");

    const quiet = capture();
    expect(await runConvert([source, "--out", path.join(dir, "o2.jsonl")])).toBe(1);
    expect(quiet.err().trimEnd().split("\n").at(-2)).toBe("… and 5 more unreadable rows (--audit FILE lists them all)");
  });

  it.each([
    [[], "convert needs at least one FILE"],
    [["x.jsonl"], "convert needs --out FILE"],
    [["x.jsonl", "--out", "o.jsonl", "--min-reward", "high"], '--min-reward needs a number, got "high"'],
    [["x.jsonl", "--out", "o.jsonl", "--doom-loop=-1"], '--doom-loop needs a whole number ≥ 0, got "-1"'],
    [["x.jsonl", "--out", "o.jsonl", "--min-reward", "1", "--no-reward-filter"], "--min-reward and --no-reward-filter contradict each other"],
    [["x.jsonl", "--out", "o.jsonl", "--format", "csv"], 'unknown --format "csv"'],
    [["x.jsonl", "--out", "o.jsonl", "--frobnicate"], "Unknown option '--frobnicate'"],
    [["x.jsonl", "--out", "x.jsonl"], "x.jsonl is an input; refusing to overwrite it"],
    [["x.jsonl", "--out", "o.jsonl", "--audit", "./o.jsonl"], "--out and --audit name the same file (o.jsonl); give each its own"],
  ])("exits 2 on a usage error: %j", async (args, message) => {
    const io = capture();
    expect(await runConvert(args)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err()).toContain("  convert FILE… --out FILE");
  });

  it("will not write over an input through a symlink or a hard link", async () => {
    const dir = tmp();
    const input = path.join(dir, "t.jsonl");
    const text = readFileSync(FIXTURES[0]!, "utf8");
    writeFileSync(input, text);
    symlinkSync(input, path.join(dir, "soft.jsonl"));
    linkSync(input, path.join(dir, "hard.jsonl"));
    for (const target of ["soft.jsonl", "hard.jsonl"]) {
      const io = capture();
      expect(await runConvert([path.join(dir, target), "--out", input])).toBe(2);
      expect(io.err()).toContain("is an input; refusing to overwrite it");
      expect(await runConvert([input, "--out", path.join(dir, "o.jsonl"), "--audit", path.join(dir, target)])).toBe(2);
      vi.restoreAllMocks();
    }
    expect(readFileSync(input, "utf8")).toBe(text);
    // --audit through a link to --out that does not exist yet, and --out over the tools file, are refused too.
    symlinkSync(path.join(dir, "out.jsonl"), path.join(dir, "audit-link.jsonl"));
    const io = capture();
    expect(await runConvert([input, "--out", path.join(dir, "out.jsonl"), "--audit", path.join(dir, "audit-link.jsonl")])).toBe(2);
    expect(io.err()).toContain("--out and --audit name the same file");
    const tools = path.join(dir, "tools.json");
    const schemas = JSON.stringify([{ type: "function", name: "f", parameters: { type: "object", properties: {} } }]);
    writeFileSync(tools, schemas);
    expect(await runConvert([input, "--tools", tools, "--out", tools])).toBe(2);
    expect(io.err()).toContain(`${tools} is an input; refusing to overwrite it`);
    expect(readFileSync(tools, "utf8")).toBe(schemas);
  });

  it("exits 2 on a missing input or a bad tools file, before writing --out", async () => {
    const dir = tmp();
    const out = path.join(dir, "o.jsonl");
    const io = capture();
    expect(await runConvert([path.join(dir, "missing.jsonl"), "--out", out])).toBe(2);
    expect(io.err()).toContain("ENOENT");
    const tools = path.join(dir, "tools.json");
    writeFileSync(tools, "{}");
    expect(await runConvert([FIXTURES[0]!, "--out", out, "--tools", tools])).toBe(2);
    expect(io.err()).toContain("tools file must hold a JSON list of tool schemas");
    expect(existsSync(out)).toBe(false);
  });
});
