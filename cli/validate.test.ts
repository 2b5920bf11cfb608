import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { captureOutput } from "./captureOutput";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { gymFixture } from "../lib/testing/fixtures";
import { runPivotValidatorScript, type PivotScriptOptions } from "../lib/validate";
import { cleanRow } from "../lib/validate/testRows";
import { main } from "./main";

const REPO = path.resolve(import.meta.dirname, "..");
const dir = mkdtempSync(path.join(tmpdir(), "validate-cli-"));
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const run = (args: string[]) => captureOutput(() => main(args));
afterEach(() => vi.restoreAllMocks());

const clean = JSON.stringify(cleanRow());
const withAgent = (name: string) => JSON.stringify({ ...cleanRow(), agent_ref: { type: "responses_api_agents", name } });
const badToolChoice = JSON.stringify({ ...cleanRow(), responses_create_params: { ...(cleanRow().responses_create_params as object), tool_choice: "none" } });

/** Files that exercise how Python reads lines: CRLF, a lone CR, blank and whitespace lines, BOM, no final newline. */
const CASES: Record<string, string> = {
  "clean.jsonl": `${clean}\n${withAgent("other_agent")}\n${clean}\n`,
  "crlf-then-error.jsonl": `${clean}\r\n\r\n   \r\n${badToolChoice}\r\n`,
  "lone-cr.jsonl": `${clean}\r${clean}\n${badToolChoice}\n`,
  "bom.jsonl": `\ufeff${clean}\n`,
  "no-final-newline.jsonl": `${clean}\n{"a": `,
  "truncated-mid-file.jsonl": `${clean}\n{"responses_create_params": \n${clean}\n`,
  "nan-arguments.jsonl": `{"x": NaN}\n`,
  "empty.jsonl": "",
  "blank-lines-only.jsonl": "\n  \n\t\n",
  "not-object.jsonl": `${clean}\n[1, 2]\n`,
  // Blocks that are not all ASCII take the UTF-8 decoder instead of the ASCII fast path.
  "non-ascii.jsonl": `${withAgent("agent_é")}\n${withAgent("agent_\u{1f600}")}\n${JSON.stringify({ ...cleanRow(), agent_ref: { type: "x", name: "é" } })}\n`,
};

describe("pivot-studio validate: the script's output and exit code", () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(name, async () => {
      const p = write(name, text);
      const got = await run(["validate", "--path", p]);
      const want = runPivotValidatorScript(text, { path: p });
      expect({ exitCode: got.exitCode, stdout: got.stdout, stderr: got.stderr }).toEqual({
        exitCode: want.exitCode,
        stdout: want.stdout,
        stderr: want.stderr,
      });
    });
  }

  it("passes each flag to the checks as the script's flags do", async () => {
    const p = write("agents.jsonl", `${withAgent("a_agent")}\n${withAgent("b_agent")}\n`);
    const cases: [string[], PivotScriptOptions][] = [
      [["--agent-ref", "a_agent"], { expectedAgentName: "a_agent" }],
      [["--require-field", "uuid"], { requireFields: ["uuid"] }],
      [["--require-any-field", "uuid,agent_ref.name"], { requireAnyFields: ["uuid,agent_ref.name"] }],
      [["--no-check-tool-names"], { checkToolNames: false }],
    ];
    for (const [flags, options] of cases) {
      const got = await run(["validate", "--path", p, ...flags]);
      const want = runPivotValidatorScript(readFileSync(p, "utf8"), { path: p, ...options });
      expect([got.exitCode, got.stdout, got.stderr]).toEqual([want.exitCode, want.stdout, want.stderr]);
    }
    expect((await run(["validate", "--path", p, "--agent-ref", "a_agent"])).stderr).toBe(
      "validation failed: line 2: agent_ref.name 'b_agent' does not match expected 'a_agent'\n",
    );
  });

  it("stops at a line that is not UTF-8, as Python's reader would, and says where", async () => {
    const bytes = Buffer.concat([Buffer.from(`${clean}\n${clean}\n{"a": "`), Buffer.from([0xc3, 0x28]), Buffer.from(`"}\n${badToolChoice}\n`)]);
    const p = path.join(dir, "bad-utf8.jsonl");
    writeFileSync(p, bytes);
    const got = await run(["validate", "--path", p]);
    expect(got).toEqual({ exitCode: 1, stdout: "", stderr: "validation failed: line 3: not valid UTF-8 (byte 0xc3 at column 8)\n" });
  });

  it("Gym's fixtures: single_step_example.jsonl fails at line 1 on the missing agent_ref", async () => {
    const got = await run(["validate", "--path", gymFixture("single_step_example.jsonl")]);
    expect(got).toEqual({ exitCode: 1, stdout: "", stderr: "validation failed: line 1: missing required key 'agent_ref'\n" });
  });

  it("--json gives the verdict and the summary as data", async () => {
    const p = write("json.jsonl", `${withAgent("a_agent")}\n${withAgent("a_agent")}\n`);
    const ok = await run(["validate", "--path", p, "--json"]);
    expect(ok.exitCode).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      threads: 0, // a small file is validated in one go
      rows: 2,
      agent_ref: { a_agent: 2 },
      expected_tool: { get_weather: 2 },
      expected_action_split: { function_call: { count: 2, percent: 100 } },
    });
    const bad = await run(["validate", "--path", write("json-bad.jsonl", `${clean}\n${badToolChoice}\n`), "--json"]);
    expect(bad.exitCode).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { line: 2, code: "tool_choice_not_auto" } });
  });

  it("--all lists every finding of every row, duplicates included, then counts per code", async () => {
    const p = write("all.jsonl", `${withAgent("a")}\n${badToolChoice}\n{oops\n${withAgent("a")}\n`);
    const got = await run(["validate", "--path", p, "--all"]);
    expect(got.exitCode).toBe(1);
    const lines = got.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("line ")).map((l) => l.split(":")[0] + " " + l.split(" ")[3]!.replace(":", ""))).toEqual([
      "line 2 tool_choice_not_auto",
      "line 3 jsonl_invalid_json",
      "line 4 duplicate_row",
    ]);
    expect(got.stdout).toContain("rows: 3, findings: 3 (2 errors, 1 warnings)");
    const json = await run(["validate", "--path", p, "--all", "--json"]);
    const objects = json.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects.at(-1)).toEqual({
      summary: { rows: 3, errors: 2, warnings: 1, codes: { jsonl_invalid_json: 1, tool_choice_not_auto: 1, duplicate_row: 1 } },
    });
    expect(objects[2]).toMatchObject({ line: 4, code: "duplicate_row", severity: "warning", message: "same bytes as line 1 of this file" });
  });

  it("exits 2 with usage when --path is missing", async () => {
    const got = await run(["validate"]);
    expect(got.exitCode).toBe(2);
    expect(got.stderr).toContain("validate needs --path FILE");
  });
});

describe("the built CLI validates big files in parallel worker threads with the same verdict", () => {
  const bundle = path.join(REPO, "test-results", "cli-bundle");
  beforeAll(() => {
    mkdirSync(bundle, { recursive: true });
    execFileSync(process.execPath, [path.join(REPO, "scripts/build-cli.mjs"), bundle], { cwd: REPO });
  });
  // The bundle exports main(); run it the way bin/pivot-studio.mjs does (a file, not `-e`: workers inherit flags).
  const runBundle = (args: string[]) => {
    const runner = path.join(bundle, "run.mjs");
    writeFileSync(runner, 'const { main } = await import("./cli.mjs");\nprocess.exitCode = await main(process.argv.slice(2));\n');
    return spawnSync(process.execPath, [runner, ...args], { encoding: "utf8" });
  };

  // ~16 MB: several line-aligned ranges. Lone CRs early shift later line numbers; the error sits in the last range.
  const rows = Array.from({ length: 24_000 }, (_, i) => withAgent(i % 3 ? "a_agent" : "b_agent"));
  const early = rows.slice(0, 100).join("\r") + "\n";
  const text = early + rows.slice(100).join("\n") + "\n";
  const broken = early + rows.slice(100, 22_000).join("\n") + `\n${badToolChoice}\n` + rows.slice(22_000).join("\n") + "\n";

  it("a clean file: the script's summary, from two worker threads", () => {
    const p = write("big.jsonl", text);
    expect(JSON.parse(runBundle(["validate", "--path", p, "--threads", "2", "--json"]).stdout)).toMatchObject({ ok: true, threads: 2 });
    const got = runBundle(["validate", "--path", p, "--threads", "2"]);
    const want = runPivotValidatorScript(text, { path: p });
    expect(want.exitCode).toBe(0);
    expect([got.status, got.stdout, got.stderr]).toEqual([0, want.stdout, ""]);
  });

  it("an error in a late range: the script's line number", () => {
    const p = write("big-broken.jsonl", broken);
    const got = runBundle(["validate", "--path", p, "--threads", "2"]);
    const want = runPivotValidatorScript(broken, { path: p });
    expect(want.stderr).toMatch(/^validation failed: line 22001: responses_create_params.tool_choice/);
    expect([got.status, got.stdout, got.stderr]).toEqual([1, "", want.stderr]);
  });
});
