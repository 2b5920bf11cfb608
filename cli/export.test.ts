import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { captureOutput } from "./captureOutput";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { unzipSync } from "fflate";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { ACCEPT_ALL_DIGEST, decisionLogDigest, decisionsFromState, exportBundle, memorySink, resolveExportOptions } from "../lib/export";
import { describeInputFiles, jsonlSourceRows } from "../lib/export/node";
import { createRowHasher, type RowHasher } from "../lib/jsonl/rowHash";
import { createEventFactory, fingerprintOf, replay, serializeEventLog, type ReviewEvent } from "../lib/review";
import { gymFixture } from "../lib/testing/fixtures";
import { runPivotValidatorScript } from "../lib/validate";
import { cleanRow, withValue } from "../lib/validate/testRows";
import packageJson from "../package.json";
import { EXPORT_USAGE, runExport } from "./export";
import { runValidate } from "./validate";

const AGENT = "ticketing_single_step_tool_use_with_argument_comparison_agent";
const CONFIG = "ticketing_single_step_tool_use_with_argument_comparison.yaml";
const REPO = path.resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(path.join(tmpdir(), "export-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

let hasher: RowHasher;
beforeAll(async () => {
  hasher = await createRowHasher();
});
const hashOf = (line: string) => hasher(new TextEncoder().encode(line));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let counter = 0;
const fresh = (name: string) => path.join(tmp, `${counter++}-${name}`);
function write(name: string, text: string): string {
  const p = fresh(name);
  writeFileSync(p, text);
  return p;
}

const run = (args: string[]) => captureOutput(() => runExport(args));

/** Runs the bundle README's `pivot-studio validate` command, as a user pastes it in the bundle folder. */
async function readmeValidate(dir: string) {
  const command = readFileSync(path.join(dir, "README.md"), "utf8").split("\n").find((l) => l.startsWith("pivot-studio validate "));
  const args = command!.split(" ").slice(2).map((a) => (a.endsWith(".jsonl") ? path.join(dir, a) : a));
  return captureOutput(() => runValidate(args));
}

const lines = (text: string) => text.split("\n").filter((l) => l !== "");
const jsonl = (text: string) => lines(text).map((l) => JSON.parse(l) as Record<string, unknown>);
const fixtureLines = (name: string) => lines(readFileSync(gymFixture(name), "utf8"));
const readText = (dir: string, name: string) => readFileSync(path.join(dir, name), "utf8");

/** Files of a bundle folder, name → bytes. */
function folderFiles(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(path.join(dir, name))]));
}

/** 24 trajectories of 1–4 pivot rows each (single function calls from Gym's parallel example), with provenance. */
function trajectoryLines(): string[] {
  const template = JSON.parse(fixtureLines("single_step_parallel_example.jsonl")[3] as string) as Record<string, unknown>;
  const out: string[] = [];
  for (let t = 0; t < 24; t++) {
    for (let step = 1; step <= 1 + ((t * 5) % 4); step++) {
      out.push(JSON.stringify({ trajectory_id: `traj-${t}`, ...template, meta_info: { turn: 1, step, depth: step } }));
    }
  }
  return out;
}

/**
 * Two inputs — Gym's single-step example (rows needing repairs) and the trajectory rows — and a decision log
 * recorded as the app records it: a bulk accept, a rejection with a note, a rejection undone, a note.
 */
function reviewedFixture() {
  const gym = fixtureLines("single_step_example.jsonl");
  const traj = trajectoryLines();
  const gymPath = write("gym.jsonl", gym.join("\n") + "\n");
  const trajPath = write("trajectories.jsonl", traj.join("\n") + "\n");
  const gymHashes = gym.map(hashOf);
  const trajHashes = traj.map(hashOf);
  let id = 0;
  let clock = Date.parse("2026-09-01T10:00:00Z");
  const factory = createEventFactory({
    file: fingerprintOf([...gymHashes, ...trajHashes]),
    reviewer: "ana",
    now: () => new Date((clock += 60_000)),
    newId: () => `ev${String(++id).padStart(4, "0")}`,
  });
  const rejectedTraj = trajHashes.slice(-2);
  const undone = factory.reject([trajHashes[0]!], "wrong_tool");
  const events: ReviewEvent[] = [
    factory.accept([...gymHashes.slice(0, 4), ...trajHashes.slice(0, -3)]),
    factory.reject(rejectedTraj, "wrong_tool", "calls the wrong tool"),
    undone,
    factory.undo(undone.id),
    factory.note(gymHashes[0]!, "looks fine"),
  ];
  const log = serializeEventLog(events);
  return {
    inputs: [gymPath, trajPath],
    log,
    logPath: write("decisions.jsonl", log),
    events,
    // accepted: 4 gym + all but the last 3 trajectory rows; rejected: the last 2; unreviewed: gym line 5 and one trajectory row
    counts: { source: gym.length + traj.length, exported: 4 + traj.length - 3, rejected: 2, unreviewed: 2 },
    traj,
  };
}

describe("pivot-studio export with a decision log", () => {
  it("writes the bundle: accepted rows, rejected rows in the audit, unreviewed left out, files listed with rows and SHA-256", async () => {
    const f = reviewedFixture();
    const out = fresh("bundle");
    const got = await run(["--input", f.inputs[0]!, "--input", f.inputs[1]!, "--decisions", f.logPath, "--out", out, "--agent-name", AGENT]);
    expect(got.stderr).toBe("");
    expect(got.exitCode).toBe(0);
    const files = folderFiles(out);
    expect([...files.keys()]).toEqual(["README.md", "example.jsonl", "manifest.json", "metrics.json", "pivots.jsonl", "skipped.jsonl", CONFIG].sort());
    expect(lines(readText(out, "pivots.jsonl"))).toHaveLength(f.counts.exported);
    const audit = jsonl(readText(out, "skipped.jsonl"));
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      reason: "wrong_tool",
      skipped_by: "reviewer",
      note: "calls the wrong tool",
      reviewer: "ana",
      source: { file: path.basename(f.inputs[1]!), line: f.traj.length - 1 },
      content_hash: hashOf(f.traj.at(-2)!),
    });
    expect(audit[0]!.time).toBe(f.events[1]!.at);

    const manifest = JSON.parse(readText(out, "manifest.json")) as Record<string, unknown>;
    expect(manifest.app).toEqual({ name: "pivot-studio", version: packageJson.version });
    expect(manifest.decision_log_digest).toBe(`sha256:${sha256(Buffer.from(f.log))}`);
    expect(manifest.inputs).toEqual(await describeInputFiles(f.inputs));
    expect(manifest.counts).toMatchObject({
      source_rows: f.counts.source,
      exported: f.counts.exported,
      skipped: 2,
      rejected: 2,
      auto_skipped: 0,
      not_exported_unreviewed: f.counts.unreviewed,
      repaired_rows: f.counts.exported, // the trajectory rows have no agent_ref either
    });
    expect(manifest.repairs).toMatchObject({ agent_ref_set: f.counts.exported, metadata_null_dropped: 4 });
    expect(manifest.options).toMatchObject({ agent_name: AGENT, keep: "accepted", split: null });

    // stdout: the counts, then every file with its rows (JSONL), bytes and SHA-256
    expect(got.stdout).toContain(`exported ${f.counts.exported} of ${f.counts.source} rows to ${out}/, 2 skipped (2 rejected, 0 auto-skipped), 2 unreviewed rows left out\n`);
    expect(got.stdout).toContain(`repaired ${f.counts.exported} rows: `);
    for (const [name, bytes] of files) {
      const line = got.stdout.split("\n").find((l) => l.trimStart().startsWith(name + " "));
      expect(line, name).toBeDefined();
      expect(line).toContain(`${bytes.length} bytes  sha256 ${sha256(bytes)}`);
      if (name.endsWith(".jsonl")) expect(line).toMatch(new RegExp(` ${lines(bytes.toString("utf8")).length} rows `));
    }
  });

  it("gives the same bytes as the app's call: exportBundle with the replayed log and the same options", async () => {
    const f = reviewedFixture();
    const out = fresh("cli");
    const flags = ["--agent-name", AGENT, "--split", "0.75", "--seed", "11", "--license", "MIT", "--domain", "coding", "--word-count-similarity-threshold", "0.2"];
    expect((await run(["--input", f.inputs[0]!, "--input", f.inputs[1]!, "--decisions", f.logPath, "--out", out, ...flags])).exitCode).toBe(0);
    const app = memorySink();
    const options = resolveExportOptions({
      agentName: AGENT,
      split: { train: 0.75, seed: 11 },
      gym: { license: "MIT", domain: "coding", comparator: { word_count_similarity_threshold: 0.2 } },
    });
    const result = await exportBundle(
      {
        rows: jsonlSourceRows(f.inputs),
        decisions: decisionsFromState(replay(f.events)),
        decisionLogDigest: await decisionLogDigest(f.events),
        inputs: await describeInputFiles(f.inputs),
        appVersion: packageJson.version,
      },
      options,
      app,
    );
    expect(result.status).toBe("written");
    const cli = folderFiles(out);
    expect([...cli.keys()]).toEqual([...app.files.keys()].sort());
    for (const [name, bytes] of app.files) expect(cli.get(name)?.equals(bytes), name).toBe(true);
  });

  it("the exported pivots pass Gym's validator with the agent name, and keep every expected action", async () => {
    const f = reviewedFixture();
    const out = fresh("roundtrip");
    expect((await run(["--input", ...f.inputs, "--decisions", f.logPath, "--out", out, "--agent-name", AGENT])).exitCode).toBe(0);
    const pivots = readText(out, "pivots.jsonl");
    const script = runPivotValidatorScript(pivots, { expectedAgentName: AGENT });
    expect([script.exitCode, script.stderr]).toEqual([0, ""]);
    const rows = jsonl(pivots);
    expect(rows).toHaveLength(f.counts.exported);
    expect(rows.every((r) => (r.agent_ref as { name: string }).name === AGENT)).toBe(true);
    const source = [...fixtureLines("single_step_example.jsonl").slice(0, 4), ...f.traj.slice(0, -3)].map((l) => (JSON.parse(l) as Record<string, unknown>).expected_action);
    expect(rows.map((r) => r.expected_action)).toEqual(source);
  });

  it("--keep not-rejected also writes unreviewed rows; --json prints the manifest", async () => {
    const f = reviewedFixture();
    const out = fresh("not-rejected");
    const got = await run(["--input", ...f.inputs, "--decisions", f.logPath, "--keep", "not-rejected", "--out", out, "--agent-name", AGENT, "--json"]);
    expect(got.exitCode).toBe(0);
    const result = JSON.parse(got.stdout) as { ok: boolean; out: string; unmatched_decisions: number; manifest: Record<string, unknown> };
    expect(result).toMatchObject({ ok: true, out, unmatched_decisions: 0 });
    expect(result.manifest).toEqual(JSON.parse(readText(out, "manifest.json")));
    expect(result.manifest.counts).toMatchObject({ exported: f.counts.exported + f.counts.unreviewed, rejected: 2, not_exported_unreviewed: 0 });
  });

  it("notes decisions that match no input row", async () => {
    const f = reviewedFixture();
    const got = await run(["--input", f.inputs[0]!, "--decisions", f.logPath, "--out", fresh("one-input"), "--agent-name", AGENT]);
    expect(got.exitCode).toBe(0);
    // the trajectory file is not exported: its accepted and rejected rows' decisions match nothing
    expect(got.stdout).toContain(`note: ${f.traj.length - 3 + 2} decisions in ${f.logPath} matched no input row`);
  });
});

describe("inputs of one name", () => {
  it("two folders' data.jsonl with the same rows: no row is a duplicate of the other file's", async () => {
    const rows = fixtureLines("single_step_example.jsonl").slice(0, 3);
    const a = fresh("dup-a");
    const b = fresh("dup-b");
    for (const dir of [a, b]) {
      mkdirSync(dir);
      writeFileSync(path.join(dir, "data.jsonl"), rows.join("\n") + "\n");
    }
    const out = fresh("dup-out");
    const got = await run(["--input", path.join(a, "data.jsonl"), path.join(b, "data.jsonl"), "--accept-all", "--out", out, "--agent-name", AGENT, "--json"]);
    expect(got.exitCode, got.stderr).toBe(0);
    const manifest = JSON.parse(readText(out, "manifest.json")) as { warnings: Record<string, unknown> };
    expect(JSON.stringify(manifest.warnings)).not.toContain("duplicate_row");
    // A line repeated within one of them still is.
    writeFileSync(path.join(b, "data.jsonl"), [...rows, rows[0]].join("\n") + "\n");
    const again = fresh("dup-out2");
    expect((await run(["--input", path.join(a, "data.jsonl"), path.join(b, "data.jsonl"), "--accept-all", "--out", again, "--agent-name", AGENT])).exitCode).toBe(0);
    expect(readText(again, "manifest.json")).toContain("duplicate_row");
  });
});

describe("the agent name without --agent-name", () => {
  it("is the first one the rows name, as the app suggests it: rows that name one are not rewritten", async () => {
    const named = (name: unknown) => JSON.stringify(withValue("agent_ref", { type: "responses_api_agents", name }));
    // A row without agent_ref, one with a name no config can use, then the name to take; a later one differs.
    const input = write("named.jsonl", [JSON.stringify(withValue("agent_ref", undefined)), named("bad name_agent"), named("tickets_agent"), named("other_agent")].join("\n") + "\n");
    const out = fresh("named");
    const got = await run(["--input", input, "--accept-all", "--out", out]);
    expect(got.exitCode, got.stderr).toBe(0);
    expect(readdirSync(out)).toContain("tickets.yaml");
    expect(jsonl(readText(out, "pivots.jsonl")).map((r) => (r.agent_ref as { name: string }).name)).toEqual(Array(4).fill("tickets_agent"));
    const manifest = JSON.parse(readText(out, "manifest.json")) as { options: { agent_name: string }; repairs: Record<string, number> };
    expect(manifest.options.agent_name).toBe("tickets_agent");
    expect(manifest.repairs.agent_ref_set).toBe(3);
  });

  it("a trajectory file's rows carry the conversion's name; rows naming none get Pivot Studio's", async () => {
    const tau2 = fresh("tau2");
    expect((await run(["--input", gymFixture("tau2_example_rollouts.jsonl"), "--accept-all", "--out", tau2])).exitCode).toBe(0);
    expect(readdirSync(tau2)).toContain("single_step_tool_use_with_argument_comparison.yaml");
    expect((JSON.parse(readText(tau2, "manifest.json")) as { repairs: Record<string, number> }).repairs.agent_ref_set).toBe(0);
    const bare = fresh("bare");
    const input = write("bare.jsonl", JSON.stringify(withValue("agent_ref", undefined)) + "\n");
    expect((await run(["--input", input, "--accept-all", "--out", bare])).exitCode).toBe(0);
    expect(readdirSync(bare)).toContain("pivot_studio_single_step_tool_use_with_argument_comparison.yaml");
  });
});

describe("split", () => {
  const trajectoryOf = (r: Record<string, unknown>) => (r.provenance as { trajectory_id: string }).trajectory_id;

  it("--split gives train and validation disjoint by trajectory, together the pivots", async () => {
    const traj = trajectoryLines();
    const input = write("split.jsonl", traj.join("\n") + "\n");
    for (const [flags, validationRows] of [
      [["--split", "0.8", "--seed", "3"], Math.round(0.2 * traj.length)],
      [["--split", String(traj.length - 10)], 10],
      [["--validation-size", "0.3", "--seed", "5"], Math.round(0.3 * traj.length)],
    ] as const) {
      const out = fresh("split");
      const got = await run(["--input", input, "--accept-all", "--out", out, "--agent-name", AGENT, ...flags]);
      expect(got.exitCode, got.stderr).toBe(0);
      const train = jsonl(readText(out, "train.jsonl"));
      const validation = jsonl(readText(out, "validation.jsonl"));
      const trainIds = new Set(train.map(trajectoryOf));
      expect(validation.filter((r) => trainIds.has(trajectoryOf(r)))).toEqual([]);
      expect(train.length + validation.length).toBe(traj.length);
      expect(Math.abs(validation.length - validationRows)).toBeLessThanOrEqual(3);
      expect([...lines(readText(out, "train.jsonl")), ...lines(readText(out, "validation.jsonl"))].sort()).toEqual(lines(readText(out, "pivots.jsonl")).sort());
      const config = parse(readText(out, CONFIG)) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
      const datasets = config[AGENT]!.responses_api_agents!.tool_simulation_agent!.datasets as { name: string; jsonl_fpath: string }[];
      expect(datasets.map((d) => [d.name, d.jsonl_fpath])).toEqual([
        ["train", "train.jsonl"],
        ["validation", "validation.jsonl"],
        ["example", "example.jsonl"],
      ]);
      const manifest = JSON.parse(readText(out, "manifest.json")) as { files: { name: string; rows: number | null }[] };
      expect(manifest.files.filter((x) => x.name === "train.jsonl" || x.name === "validation.jsonl").map((x) => x.rows)).toEqual([train.length, validation.length]);
    }
  });

  it("a pivot repeated with bytes normalization drops (metadata: null) lands on one side, whatever the seed", async () => {
    // No provenance: each row is its own group, named by its context and action, not by its bytes.
    const a = cleanRow();
    const sameAgain = { ...cleanRow(), responses_create_params: { ...(cleanRow().responses_create_params as object), metadata: null } };
    const others = [1, 2, 3, 4, 5, 6].map((n) => withValue("expected_action.arguments", JSON.stringify({ city: `City ${n}` })));
    const input = write("norm-dup.jsonl", [a, sameAgain, ...others].map((r) => JSON.stringify(r)).join("\n") + "\n");
    for (const seed of [1, 2, 3, 4, 5]) {
      const out = fresh("norm-dup");
      const got = await run(["--input", input, "--accept-all", "--out", out, "--agent-name", AGENT, "--split", "0.5", "--seed", String(seed)]);
      expect(got.exitCode, got.stderr).toBe(0);
      const sides = ["train.jsonl", "validation.jsonl"].map((f) => lines(readText(out, f)));
      const copies = sides.map((side) => side.filter((l) => JSON.stringify((JSON.parse(l) as { expected_action: unknown }).expected_action) === JSON.stringify(a.expected_action)).length);
      expect(copies.sort(), `seed ${seed}`).toEqual([0, 2]);
    }
  });

  it("rejects a seed without a split, and a split given twice", async () => {
    const input = write("s.jsonl", trajectoryLines().join("\n") + "\n");
    const seedOnly = await run(["--input", input, "--accept-all", "--out", fresh("x"), "--seed", "4"]);
    expect([seedOnly.exitCode, seedOnly.stderr]).toEqual([2, expect.stringContaining("--seed needs --split")]);
    const both = await run(["--input", input, "--accept-all", "--out", fresh("x"), "--split", "0.5", "--validation-size", "3"]);
    expect([both.exitCode, both.stderr]).toEqual([2, expect.stringContaining("not both")]);
    const bad = await run(["--input", input, "--accept-all", "--out", fresh("x"), "--split", "1.5"]);
    expect([bad.exitCode, bad.stderr]).toEqual([2, expect.stringContaining("split size 1.5: give a fraction in (0, 1) or a whole number")]);
  });
});

describe("determinism", () => {
  it("two exports of the same state are byte-identical, and the zip holds the folder's files", async () => {
    const f = reviewedFixture();
    const args = (out: string) => ["--input", ...f.inputs, "--decisions", f.logPath, "--out", out, "--agent-name", AGENT, "--split", "0.7", "--seed", "2"];
    const [a, b] = [fresh("a"), fresh("b")];
    const [zipA, zipB] = [fresh("a.zip"), fresh("b.zip")];
    for (const out of [a, b, zipA, zipB]) expect((await run(args(out))).exitCode).toBe(0);
    const filesA = folderFiles(a);
    const filesB = folderFiles(b);
    expect([...filesA.keys()]).toEqual([...filesB.keys()]);
    for (const [name, bytes] of filesA) expect(filesB.get(name)?.equals(bytes), name).toBe(true);
    expect(readFileSync(zipA).equals(readFileSync(zipB))).toBe(true);
    const entries = unzipSync(readFileSync(zipA));
    expect(Object.keys(entries).sort()).toEqual([...filesA.keys()]);
    for (const [name, bytes] of filesA) expect(Buffer.from(entries[name]!).equals(bytes), name).toBe(true);
  });

  it("--accept-all is recorded as such; a re-saved log with other key order has the same digest", async () => {
    const f = reviewedFixture();
    const out = fresh("all");
    expect((await run(["--input", f.inputs[1]!, "--accept-all", "--out", out, "--agent-name", AGENT])).exitCode).toBe(0);
    const manifest = JSON.parse(readText(out, "manifest.json")) as Record<string, unknown>;
    expect(manifest.decision_log_digest).toBe(ACCEPT_ALL_DIGEST);
    expect(manifest.counts).toMatchObject({ exported: f.traj.length, not_exported_unreviewed: 0 });
    // CRLF, reordered keys and a blank line: the same events, so the same bundle
    const shuffled = lines(f.log).map((l) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(l) as object).reverse()))).join("\r\n\r\n");
    const [x, y] = [fresh("log-a"), fresh("log-b")];
    await run(["--input", ...f.inputs, "--decisions", f.logPath, "--out", x, "--agent-name", AGENT]);
    await run(["--input", ...f.inputs, "--decisions", write("shuffled.jsonl", shuffled), "--out", y, "--agent-name", AGENT]);
    expect(readText(y, "manifest.json")).toBe(readText(x, "manifest.json"));
  });
});

describe("refusal and errors", () => {
  it("rows without tools (swe_pivot) refuse the export, and --allow-missing-tools writes them, as validate accepts them", async () => {
    const input = gymFixture("swe_pivot_example.jsonl");
    const refused = await run(["--input", input, "--accept-all", "--out", fresh("swe-refused")]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain("tools_not_list");
    // The refusal names the flag that accepts these rows, and no other.
    expect(refused.stderr).toContain("--allow-missing-tools exports them");
    expect(refused.stderr).not.toContain("--batch");
    const batch = await run(["--input", gymFixture("single_step_parallel_example.jsonl"), "--accept-all", "--out", fresh("batch-refused")]);
    expect([batch.exitCode, batch.stderr]).toEqual([1, expect.stringContaining("--batch exports them")]);
    const out = fresh("swe");
    expect((await run(["--input", input, "--accept-all", "--allow-missing-tools", "--agent-name", AGENT, "--out", out])).exitCode).toBe(0);
    const pivots = readText(out, "pivots.jsonl");
    expect(jsonl(pivots)).toHaveLength(fixtureLines("swe_pivot_example.jsonl").length);
    expect(runPivotValidatorScript(pivots, { expectedAgentName: AGENT, allowMissingTools: true }).exitCode).toBe(0);
    // The README's own check passes as written.
    const readmeCheck = await readmeValidate(out);
    expect([readmeCheck.exitCode, readmeCheck.stderr]).toEqual([0, ""]);
    expect((JSON.parse(readText(out, "manifest.json")) as { options: Record<string, unknown> }).options.allow_missing_tools).toBe(true);
  });

  it("--keep not-rejected and --accept-all: a bad line (not JSON, or JSON that is no row; never a row to review) goes to skipped.jsonl instead of refusing", async () => {
    const rows = fixtureLines("single_step_example.jsonl");
    const halfRow = JSON.stringify({ responses_create_params: { input: "hi" } });
    const input = write("broken.jsonl", [rows[0], rows[2], '{"broken": ', rows[3], "[1, 2]", halfRow].join("\n") + "\n");
    for (const flag of [["--keep", "not-rejected"], ["--accept-all"]]) {
      const out = fresh("broken-out");
      const got = await run(["--input", input, ...flag, "--out", out, "--agent-name", AGENT]);
      expect(got.exitCode, got.stderr).toBe(0);
      expect(jsonl(readText(out, "pivots.jsonl"))).toHaveLength(3);
      expect(jsonl(readText(out, "skipped.jsonl")).map((s) => [s.skipped_by, (s.source as { line: number }).line])).toEqual([
        ["validator", 3],
        ["validator", 5],
        ["validator", 6],
      ]);
      expect(jsonl(readText(out, "skipped.jsonl"))[0]).toMatchObject({ reason: "jsonl_invalid_json", source: { file: path.basename(input), line: 3 }, row_text: '{"broken": ' });
      expect(jsonl(readText(out, "skipped.jsonl"))[2]).toMatchObject({ findings: expect.arrayContaining([expect.objectContaining({ message: "missing required key 'expected_action'" })]) });
    }
  });

  it("refuses with exit 1, lists each offending row as file:line: code: message, and writes nothing", async () => {
    const input = write("batch.jsonl", fixtureLines("single_step_parallel_example.jsonl").join("\n") + "\n");
    for (const out of [fresh("refused"), fresh("refused.zip")]) {
      const got = await run(["--input", input, "--accept-all", "--out", out]);
      expect(got.exitCode).toBe(1);
      expect(got.stdout).toBe("");
      const listed = got.stderr.trim().split("\n");
      expect(listed.slice(0, 3)).toEqual([1, 2, 3].map((n) => `${input}:${n}: expected_action_type_unsupported: unsupported expected_action type 'function_call_batch'`));
      expect(listed[3]).toMatch(/^export refused: 3 kept rows have errors that normalization does not repair/);
      expect(existsSync(out)).toBe(false);
    }
    const json = await run(["--input", input, "--accept-all", "--out", fresh("refused"), "--json"]);
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      refused: true,
      offending_total: 3,
      offending: [1, 2, 3].map((line) => ({ file: path.basename(input), line, findings: [{ code: "expected_action_type_unsupported" }] })),
      // The manifest's keys; nothing was written.
      counts: { source_rows: 5, exported: 0, kept: 5, offending_rows: 3 },
    });
    // with --batch the same rows export, and pass the validator in batch mode
    const out = fresh("batch-ok");
    expect((await run(["--input", input, "--accept-all", "--batch", "--out", out, "--agent-name", AGENT])).exitCode).toBe(0);
    expect(runPivotValidatorScript(readText(out, "pivots.jsonl"), { expectedAgentName: AGENT, allowBatch: true }).exitCode).toBe(0);
    const readmeCheck = await readmeValidate(out);
    expect([readmeCheck.exitCode, readmeCheck.stderr]).toEqual([0, ""]);
  });

  it("a bad decision log: exit 2 with each bad line, nothing written", async () => {
    const f = reviewedFixture();
    const bad = write("bad-log.jsonl", `${lines(f.log)[0]}\n{"v": 1, "kind": "decide"}\nnot json\n`);
    const out = fresh("bad-log");
    const got = await run(["--input", ...f.inputs, "--decisions", bad, "--out", out]);
    expect(got.exitCode).toBe(2);
    expect(got.stderr).toMatch(new RegExp(`^pivot-studio export: ${bad} is not a valid decision log \\(\\d+ errors\\):\n`));
    expect(got.stderr).toContain(`  ${bad}: line 2: `);
    expect(got.stderr).toContain(`  ${bad}: line 3: not JSON`);
    expect(existsSync(out)).toBe(false);
  });

  it("usage and input errors exit 2", async () => {
    const f = reviewedFixture();
    const cases: [string[], string][] = [
      [["--input", fresh("missing.jsonl"), "--accept-all", "--out", fresh("x")], "no such file"],
      [["--input", f.inputs[0]!, "--decisions", fresh("missing-log.jsonl"), "--out", fresh("x")], "no such file"],
      [["--input", f.inputs[0]!, "--out", fresh("x")], "--keep accepted (the default) needs --decisions"],
      [["--input", f.inputs[0]!, "--accept-all", "--decisions", f.logPath, "--out", fresh("x")], "contradict"],
      [["--accept-all", "--out", fresh("x")], "at least one --input"],
      [["--input", f.inputs[0]!, "--accept-all"], "needs --out"],
      [["--input", f.inputs[0]!, "--accept-all", "--out", fresh("x"), "--agent-name", "no_suffix"], 'must end in "_agent"'],
      [["--input", f.inputs[0]!, "--accept-all", "--out", fresh("x"), "--license", "WTFPL"], "--license must be one of"],
      [["--input", f.inputs[0]!, "--accept-all", "--out", fresh("x"), "--keep", "all"], "--keep must be one of"],
      [["--input", f.inputs[0]!, "--accept-all", "--out", fresh("x"), "--word-count-similarity-threshold", "abc"], "needs a number"],
      [["--input", f.inputs[0]!, "--input", f.inputs[0]!, "--accept-all", "--out", fresh("x")], "given twice"],
      [["--input", f.inputs[0]!, "--accept-all", "--out", f.inputs[0]!.replace(/\.jsonl$/, ".zip"), "--bogus"], "Unknown option"],
      [["--input", f.inputs[0]!, "--accept-all", "--out", fresh("x"), "--threads", "0"], "--threads needs a whole number"],
    ];
    for (const [args, message] of cases) {
      const got = await run(args);
      expect([got.exitCode, got.stderr], args.join(" ")).toEqual([2, expect.stringContaining(message)]);
    }
    expect((await run(["--input", f.inputs[0]!, "--out", fresh("x")])).stderr).toContain(EXPORT_USAGE);
  });

  it("will not overwrite an input, nor write into a non-empty folder without --force", async () => {
    const dir = fresh("busy");
    mkdirSync(dir);
    const input = path.join(dir, "pivots.jsonl");
    writeFileSync(input, fixtureLines("single_step_example.jsonl").join("\n") + "\n");
    const intoInput = await run(["--input", input, "--accept-all", "--out", dir, "--force"]);
    expect([intoInput.exitCode, intoInput.stderr]).toEqual([2, expect.stringContaining("is an input; refusing to overwrite it")]);
    const zipInput = write("rows.zip", readFileSync(input, "utf8"));
    const zipOverInput = await run(["--input", zipInput, "--accept-all", "--out", zipInput]);
    expect([zipOverInput.exitCode, zipOverInput.stderr]).toEqual([2, expect.stringContaining("is an input; refusing to overwrite it")]);
    expect(readFileSync(zipInput, "utf8")).toBe(readFileSync(input, "utf8"));
    const other = fresh("other");
    mkdirSync(other);
    writeFileSync(path.join(other, "notes.txt"), "mine");
    const busy = await run(["--input", input, "--accept-all", "--out", other]);
    expect([busy.exitCode, busy.stderr]).toEqual([2, expect.stringContaining("is not empty; use --force")]);
    const forced = await run(["--input", input, "--accept-all", "--out", other, "--force"]);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(path.join(other, "notes.txt"), "utf8")).toBe("mine");
    expect(existsSync(path.join(other, "manifest.json"))).toBe(true);

    // A link to an input is that input.
    const link = path.join(fresh("link") + ".zip");
    symlinkSync(zipInput, link);
    const overLink = await run(["--input", zipInput, "--accept-all", "--out", link, "--force"]);
    expect([overLink.exitCode, overLink.stderr]).toEqual([2, expect.stringContaining("is an input; refusing to overwrite it")]);
    expect(readFileSync(zipInput, "utf8")).toBe(readFileSync(input, "utf8"));
  });

  it("an existing zip is replaced only with --force; --force over a folder's earlier bundle leaves no stale split files", async () => {
    const input = write("force.jsonl", fixtureLines("single_step_example.jsonl").join("\n") + "\n");
    const zip = fresh("again") + ".zip";
    expect((await run([input, "--accept-all", "--out", zip])).exitCode).toBe(0);
    const again = await run([input, "--accept-all", "--out", zip]);
    expect([again.exitCode, again.stderr]).toEqual([2, expect.stringContaining("exists; use --force")]);
    expect((await run([input, "--accept-all", "--out", zip, "--force"])).exitCode).toBe(0);

    const dir = fresh("rebundle");
    expect((await run([input, "--accept-all", "--split", "0.6", "--agent-name", "first_agent", "--out", dir])).exitCode).toBe(0);
    expect(existsSync(path.join(dir, "train.jsonl"))).toBe(true);
    const before = new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), "utf8")]));
    // A refused export over it leaves the earlier bundle as it was: files are renamed into place only at the end.
    const batchRows = write("force-batch.jsonl", fixtureLines("single_step_parallel_example.jsonl").join("\n") + "\n");
    expect((await run([batchRows, "--accept-all", "--out", dir, "--force"])).exitCode).toBe(1);
    expect(new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), "utf8")]))).toEqual(before);
    // A written one replaces it whole: no earlier split file or config (another agent name) is left beside it.
    expect((await run([input, "--accept-all", "--example-rows", "0", "--out", dir, "--force"])).exitCode).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { files: { name: string }[] };
    expect(readdirSync(dir).sort()).toEqual([...manifest.files.map((f) => f.name), "manifest.json"].sort());
    expect(existsSync(path.join(dir, "first.yaml"))).toBe(false);
  });

  it("flags reach the config and the manifest", async () => {
    const input = write("flags.jsonl", fixtureLines("single_step_example.jsonl").join("\n") + "\n");
    const out = fresh("flags");
    const got = await run([
      input,
      "--accept-all",
      "--out", out,
      "--agent-name", AGENT,
      "--license", "apache 2.0",
      "--domain", "knowledge",
      "--description", "Ticket routing pivots.",
      "--verified",
      "--word-count-similarity-threshold", "0.3",
      "--floating-point-comparison-threshold", "0.001",
      "--provenance", "drop",
      "--parallel-tool-calls", "false",
      "--example-rows", "0",
      "--jsonl-path-prefix", "data/ticketing/",
    ]);
    expect(got.exitCode, got.stderr).toBe(0);
    const manifest = JSON.parse(readText(out, "manifest.json")) as { options: Record<string, unknown> };
    expect(manifest.options).toMatchObject({
      agent_name: AGENT,
      provenance: "drop",
      parallel_tool_calls: false,
      example_rows: 0,
      gym: {
        domain: "knowledge",
        license: "Apache 2.0",
        description: "Ticket routing pivots.",
        verified: true,
        jsonl_path_prefix: "data/ticketing/",
        tool_call_comparator_config: { word_count_similarity_threshold: 0.3, floating_point_comparison_threshold: 0.001 },
      },
    });
    expect(existsSync(path.join(out, "example.jsonl"))).toBe(false);
    const yaml = readText(out, CONFIG);
    expect(yaml).toContain("word_count_similarity_threshold: 0.3");
    expect(yaml).toContain("jsonl_fpath: data/ticketing/pivots.jsonl");
    expect(jsonl(readText(out, "pivots.jsonl")).every((r) => (r.responses_create_params as Record<string, unknown>).parallel_tool_calls === false)).toBe(true);
  });

  it("warnings do not block: listed on stderr, counted on stdout", async () => {
    const enumMiss = withValue("expected_action.arguments", '{"city": "Paris", "units": "k"}');
    const input = write("warn.jsonl", `${JSON.stringify(cleanRow())}\n${JSON.stringify(enumMiss)}\n`);
    const out = fresh("warn");
    const got = await run(["--input", input, "--accept-all", "--out", out, "--agent-name", "weather_agent"]);
    expect(got.exitCode).toBe(0);
    // a row with nothing to change keeps its original bytes
    expect(readText(out, "pivots.jsonl")).toBe(readFileSync(input, "utf8"));
    expect(got.stdout).toContain("warnings (do not block): 1 row: arguments_enum_mismatch 1\n");
    expect(got.stderr).toMatch(new RegExp(`^${input}:2: arguments_enum_mismatch: .* \\(warning\\)\n$`));
  });

  it("a row repeating an earlier one is a duplicate_row warning, as the app shows it; it is still exported", async () => {
    const row = JSON.stringify(cleanRow());
    const input = write("dup.jsonl", `${row}\n${row}\n${row}\n`);
    const out = fresh("dup");
    const got = await run(["--input", input, "--accept-all", "--out", out, "--agent-name", "weather_agent"]);
    expect(got.exitCode).toBe(0);
    expect(lines(readText(out, "pivots.jsonl"))).toHaveLength(3);
    expect(got.stdout).toContain("warnings (do not block): 2 rows: duplicate_row 2\n");
    expect(got.stderr).toBe(`${input}:2: duplicate_row: same bytes as line 1 of this file (warning)\n${input}:3: duplicate_row: same bytes as line 1 of this file (warning)\n`);
    expect((JSON.parse(readText(out, "manifest.json")) as { warnings: unknown }).warnings).toEqual({ duplicate_row: 2 });
  });

  it("--help prints the usage", async () => {
    expect(await run(["--help"])).toEqual({ exitCode: 0, stdout: EXPORT_USAGE, stderr: "" });
  });
});

describe("the built CLI exports big inputs in worker threads, with the same bytes", () => {
  // Built as scripts/build-cli.mjs builds it, packages included, so it runs from the temp folder.
  const bundle = path.join(tmp, "cli-bundle");
  beforeAll(async () => {
    await build({
      entryPoints: { cli: path.join(REPO, "cli/main.ts"), "export-worker": path.join(REPO, "cli/exportWorker.ts") },
      outdir: bundle,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      bundle: true,
      platform: "node",
      format: "esm",
      // Bundled CommonJS packages require Node built-ins.
      banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
      logLevel: "warning",
    });
    writeFileSync(path.join(bundle, "run.mjs"), 'const { main } = await import("./cli.mjs");\nprocess.exitCode = await main(process.argv.slice(2));\n');
  });
  const runBundle = (args: string[]) => spawnSync(process.execPath, [path.join(bundle, "run.mjs"), "export", ...args], { encoding: "utf8" });

  it("--threads 2 on a 10 MB input and its decision log: the bundle of --threads 1", () => {
    const f = reviewedFixture();
    // The reviewed rows, many times over (a repeated row shares its decision), past the size worth threads.
    const rows = readFileSync(f.inputs[1]!, "utf8");
    const big = write("big.jsonl", rows.repeat(Math.ceil((10 << 20) / rows.length)));
    const args = (out: string, threads: string) => ["--input", f.inputs[0]!, "--input", big, "--decisions", f.logPath, "--out", out, "--split", "0.8", "--threads", threads, "--json"];
    const [one, two] = [fresh("one"), fresh("two")];
    const a = runBundle(args(one, "1"));
    const b = runBundle(args(two, "2"));
    expect([a.status, a.stderr]).toEqual([0, ""]);
    expect([b.status, b.stderr]).toEqual([0, ""]);
    expect(JSON.parse(a.stdout)).toMatchObject({ threads: 1 });
    expect(JSON.parse(b.stdout)).toEqual({ ...JSON.parse(a.stdout), out: two, threads: 2 });
    const filesA = folderFiles(one);
    const filesB = folderFiles(two);
    expect([...filesB.keys()]).toEqual([...filesA.keys()]);
    for (const [name, bytes] of filesA) expect(filesB.get(name)?.equals(bytes), name).toBe(true);
    expect(lines(readText(two, "skipped.jsonl")).length).toBeGreaterThan(2);
  });

  it("a line over the 256 MB limit: exit 2 naming its file and line, with threads and without", () => {
    const good = fixtureLines("single_step_example.jsonl").slice(0, 2).join("\n");
    const huge = fresh("huge.jsonl");
    writeFileSync(huge, `${good}\n{"pad": "${"x".repeat(257 << 20)}"}\n${good}\n`);
    for (const threads of ["1", "2"]) {
      const out = fresh(`huge-${threads}`);
      const got = runBundle(["--input", huge, "--accept-all", "--out", out, "--threads", threads]);
      expect([got.status, got.stderr], `--threads ${threads}`).toEqual([2, `pivot-studio export: ${path.basename(huge)}:3: a line of ${(257 << 20) + 11} bytes is too long to export\n`]);
      expect(existsSync(path.join(out, "pivots.jsonl")), `--threads ${threads}`).toBe(false);
    }
    rmSync(huge);
  });
});
