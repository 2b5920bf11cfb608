import { afterEach, describe, expect, it, vi } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
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

  it("exits 2 with usage on a bad command line or a missing file", async () => {
    const io = capture();
    expect(await main(["frobnicate"])).toBe(2);
    expect(io.err()).toContain("unknown command: frobnicate");
    expect(await main(["inspect"])).toBe(2);
    expect(await main(["inspect", "/no/such/file.jsonl"])).toBe(2);
    expect(io.err()).toContain("ENOENT");
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
