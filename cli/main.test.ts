import { afterEach, describe, expect, it, vi } from "vitest";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gymFixture } from "../lib/testing/fixtures";
import { main } from "./main";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  return { out: () => out.join(""), err: () => err.join("") };
}

afterEach(() => vi.restoreAllMocks());

describe("pivot-studio inspect", () => {
  it("prints each file's kind, rows and action split", async () => {
    const io = capture();
    const code = await main(["inspect", gymFixture("single_step_example.jsonl"), gymFixture("tau2_example_rollouts.jsonl")]);
    expect(code).toBe(0);
    expect(io.out()).toContain("single_step_example.jsonl: Gym pivot rows — 5 rows, 0 bad lines");
    expect(io.out()).toContain("function_call: 3 (60.00%)");
    // Trajectories show as the app shows them once converted (lib/convert/fixtures.test.ts counts them).
    expect(io.out()).toContain("tau2_example_rollouts.jsonl: trajectories → 25 decision points: 22 kept, 3 skipped — 5 rows, 0 bad lines\n  skipped as duplicate: 3\n");
  });

  it("a trajectory file's copy shows its decision points as duplicates, as the app shows two files opened together", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-copy-"));
    const copy = path.join(dir, "copy.jsonl");
    writeFileSync(copy, readFileSync(gymFixture("tau2_example_rollouts.jsonl")));
    const io = capture();
    expect(await main(["inspect", gymFixture("tau2_example_rollouts.jsonl"), copy])).toBe(0);
    expect(io.out()).toContain(`${copy}: trajectories → 25 decision points: 0 kept, 25 skipped — 5 rows, 0 bad lines\n  skipped as duplicate: 25\n`);
  });

  it("lists bad lines as file:line: problem, and --strict fails on them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-"));
    const file = path.join(dir, "bad.jsonl");
    writeFileSync(file, '{"responses_create_params":{"input":[]},"expected_action":{"type":"message","content":"x"}}\n{nope\n');
    let io = capture();
    expect(await main(["inspect", file])).toBe(0);
    expect(io.err()).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2: invalid JSON`));
    vi.restoreAllMocks();
    io = capture();
    expect(await main(["inspect", "--strict", file])).toBe(1);
    vi.restoreAllMocks();
    io = capture();
    expect(await main(["inspect", "--json", file])).toBe(0);
    const json = JSON.parse(io.out()) as { kind: string; rows: number; errors: { line: number }[] }[];
    expect(json[0]).toMatchObject({ kind: "pivots", rows: 1, errors: [{ line: 2 }] });
  });

  it("a trajectory file's bad lines are those conversion cannot read, as the app counts them (an empty message list too)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-traj-"));
    const file = path.join(dir, "mix.jsonl");
    const chat = JSON.stringify({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] });
    writeFileSync(file, [chat, '{"messages": []}', "{nope"].join("\n") + "\n");
    const io = capture();
    expect(await main(["inspect", "--json", file])).toBe(0);
    const json = JSON.parse(io.out()) as { rows: number; errors: { line: number; message: string }[] }[];
    expect(json[0]!.rows).toBe(1);
    expect(json[0]!.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(json[0]!.errors[0]!.message).toMatch(/empty/);
  });

  it("reads a .json list record by record, as the app opens it: bad records located as file[i], counted from 0", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-doc-"));
    const rows = readFileSync(gymFixture("single_step_example.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as unknown);
    const doc = path.join(dir, "pivots.json");
    writeFileSync(doc, JSON.stringify([rows[0], "oops", ...rows.slice(1)], null, 2));
    const broken = path.join(dir, "broken.json");
    writeFileSync(broken, '[\n  {"a": 1},\n  {"b": }\n]\n');
    let io = capture();
    expect(await main(["inspect", broken, doc])).toBe(0);
    expect(io.out()).toContain(`${doc}: Gym pivot rows — 5 rows, 1 bad record\n`);
    expect(io.out()).toContain("function_call: 3 (60.00%)");
    expect(io.err()).toContain(`${doc}[1]: line is a string, not a JSON object`);
    // The unreadable document is reported with its line; the other file is still inspected.
    expect(io.out()).toContain(`${broken}: not a readable JSON document — 0 rows`);
    expect(io.err()).toContain(`${broken}:3: invalid JSON`);
    vi.restoreAllMocks();
    io = capture();
    expect(await main(["inspect", "--json", doc])).toBe(0);
    expect((JSON.parse(io.out()) as { errors: unknown[] }[])[0]!.errors).toEqual([{ record: 1, message: "line is a string, not a JSON object" }]);
    vi.restoreAllMocks();
    io = capture();
    expect(await main(["inspect", "--strict", broken])).toBe(1);
    vi.restoreAllMocks();
    // Gym's script reads JSONL: the .json list fails on its first line, and a note says what reads it.
    io = capture();
    expect(await main(["validate", "--path", doc])).toBe(1);
    expect(io.err()).toContain("validation failed: line 1:");
    expect(io.err()).toContain(`note: ${doc} is read line by line`);
  });

  it("exits 2 with usage on a bad command line or a missing file", async () => {
    const io = capture();
    expect(await main(["frobnicate"])).toBe(2);
    expect(io.err()).toContain("unknown command: frobnicate");
    expect(await main(["inspect"])).toBe(2);
    expect(await main(["inspect", "/no/such/file.jsonl"])).toBe(2);
    expect(io.err()).toContain("ENOENT");
  });

  it("--help on each command prints that command's usage and exits 0; a usage error shows that command's usage", async () => {
    for (const [command, first] of [["inspect", "  inspect FILE…"], ["validate", "  validate --path FILE"], ["verify", "  verify --rollouts FILE"], ["convert", "  convert FILE…"], ["export", "  export"]] as const) {
      for (const flag of ["--help", "-h"]) {
        if (flag === "-h" && (command === "convert" || command === "export")) continue;
        const io = capture();
        expect(await main([command, flag])).toBe(0);
        expect(io.out().startsWith(first), `${command} ${flag}`).toBe(true);
        expect(io.err()).toBe("");
        vi.restoreAllMocks();
      }
    }
    const io = capture();
    expect(await main(["inspect", "--bogus", "x.jsonl"])).toBe(2);
    expect(io.err()).toBe(`pivot-studio: Unknown option '--bogus'\n${io.err().split("\n").slice(1).join("\n")}`);
    expect(io.err()).toContain("  inspect FILE…");
    expect(io.err()).not.toContain("  validate --path FILE");
    vi.restoreAllMocks();
    const twice = capture();
    expect(await main(["validate", "--path", gymFixture("single_step_example.jsonl"), "--path", gymFixture("swe_pivot_example.jsonl")])).toBe(2);
    expect(twice.err()).toContain("--path is given twice");
  });

  it("a directory given as a file: one line that says so, exit 2, for every command", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-dir-"));
    for (const args of [["inspect", dir], ["validate", "--path", dir], ["verify", "--rollouts", dir]]) {
      const io = capture();
      expect(await main(args)).toBe(2);
      expect(io.err()).toBe(`pivot-studio: ${dir} is not a file\n`);
      vi.restoreAllMocks();
    }
  });
});
