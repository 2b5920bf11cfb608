import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { sha256 } from "hash-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { gymFixture } from "../testing/fixtures";
import { runPivotValidatorScript, validatePivotRow } from "../validate";
import { type ExportRequest, exportBundle } from "./exportBundle";
import type { ExportOptionsInput } from "./options";
import { type BundleSink, memorySink } from "./sink";
import { decisionsFromMap, uniformDecisions } from "./decisions";
import type { ExportDecisions, SourceRow, Verdict } from "./sourceRows";
import { createZipSink } from "./zipSink";

const AGENT = "ticketing_single_step_tool_use_with_argument_comparison_agent";
const CONFIG = "ticketing_single_step_tool_use_with_argument_comparison.yaml";
let hasher: RowHasher;
beforeAll(async () => {
  hasher = await createRowHasher();
});

function fixtureLines(name: string): string[] {
  return readFileSync(gymFixture(name), "utf8").split("\n").filter((l) => l.trim() !== "");
}

function sourceRows(file: string, lines: readonly string[], extra: (i: number) => Partial<SourceRow> = () => ({})): SourceRow[] {
  const encoder = new TextEncoder();
  return lines.map((text, i) => ({ file, line: i + 1, text, hash: hasher(encoder.encode(text)), ...extra(i) }));
}

function request(rows: SourceRow[], decisions: ExportDecisions = uniformDecisions("accepted")): ExportRequest {
  return {
    rows: async function* () {
      yield* rows;
    },
    decisions,
    decisionLogDigest: "sha256:test-log",
    inputs: [{ name: "in.jsonl", size: 123, sha256: "ab".repeat(32) }],
    appVersion: "0.1.0",
    filterSql: "action_type <> 'message'",
  };
}

const jsonl = (text: string) => text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);

async function run(rows: SourceRow[], options: ExportOptionsInput = {}, decisions?: ExportDecisions) {
  const sink = memorySink();
  const result = await exportBundle(request(rows, decisions), { agentName: AGENT, ...options }, sink);
  return { sink, result };
}

describe("exportBundle on Gym's single-step example, all accepted", () => {
  it("writes every file, and pivots.jsonl passes Gym's validator with the agent name", async () => {
    const lines = fixtureLines("single_step_example.jsonl");
    const { sink, result } = await run(sourceRows("single_step_example.jsonl", lines));
    expect(result.status).toBe("written");
    expect([...sink.files.keys()]).toEqual(["pivots.jsonl", "skipped.jsonl", "example.jsonl", CONFIG, "metrics.json", "README.md", "manifest.json"]);
    const pivots = sink.text("pivots.jsonl");
    const script = runPivotValidatorScript(pivots, { expectedAgentName: AGENT });
    expect(script.stderr).toBe("");
    expect(script.exitCode).toBe(0);
    const rows = jsonl(pivots);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.expected_action)).toEqual(lines.map((l) => (JSON.parse(l) as Record<string, unknown>).expected_action));
    for (const row of rows) expect(validatePivotRow(row, { expectedAgentName: AGENT }).filter((f) => f.severity === "error")).toEqual([]);
    expect(sink.text("skipped.jsonl")).toBe("");
    expect(sink.text("example.jsonl")).toBe(pivots);
  });

  it("counts metrics as by hand: 3 calls of 3 tools, 2 messages, no provenance", async () => {
    const { sink } = await run(sourceRows("a.jsonl", fixtureLines("single_step_example.jsonl")));
    const metrics = JSON.parse(sink.text("metrics.json")) as Record<string, unknown>;
    expect(metrics.action_type).toEqual([
      { key: "function_call", n: 3, pct: 60 },
      { key: "message", n: 2, pct: 40 },
    ]);
    expect(metrics.tool_name).toEqual([
      { key: "(message)", n: 2, pct: 40 },
      { key: "authenticate_user", n: 1, pct: 20 },
      { key: "check_seat_availability", n: 1, pct: 20 },
      { key: "transfer_to_human_agents", n: 1, pct: 20 },
    ]);
    expect(metrics.depth).toEqual([{ key: "(none)", n: 5, pct: 100 }]);
    expect(metrics.source_reward_group).toEqual([{ key: "no_reward", n: 5, pct: 100 }]);
    expect((metrics.provenance_coverage as { n: number }[]).every((s) => s.n === 0)).toBe(true);
    expect(metrics.repairs).toContainEqual({ key: "metadata_null_dropped", n: 5, pct: 100 });
    expect(metrics.validation_finding).toEqual([]);
    const gym = (metrics.gym_prepare_data as Record<string, Record<string, unknown>>)["pivots.jsonl"];
    expect(gym?.["Number of examples"]).toBe(5);
    expect(gym?.["Number of tools"]).toMatchObject({ Average: 14, Min: 14, Max: 14 });
  });

  it("records inputs, options, counts, repairs and every file's SHA-256 in the manifest", async () => {
    const { sink, result } = await run(sourceRows("a.jsonl", fixtureLines("single_step_example.jsonl")));
    const manifest = JSON.parse(sink.text("manifest.json")) as Record<string, unknown>;
    expect(manifest).toEqual(result.status === "written" ? JSON.parse(JSON.stringify(result.manifest)) : null);
    expect(Object.keys(manifest)).toEqual(["format", "app", "inputs", "decision_log_digest", "filter_sql", "options", "counts", "repairs", "warnings", "notes", "files"]);
    expect(manifest.decision_log_digest).toBe("sha256:test-log");
    expect(manifest.filter_sql).toBe("action_type <> 'message'");
    expect(manifest.counts).toMatchObject({ source_rows: 5, exported: 5, skipped: 0, repaired_rows: 5 });
    expect(manifest.repairs).toMatchObject({ params_null_dropped: 5, metadata_null_dropped: 5, agent_ref_set: 5, tool_choice_set_auto: 0 });
    const files = manifest.files as { name: string; rows: number | null; sha256: string }[];
    expect(files.map((f) => f.name)).toEqual(["pivots.jsonl", "skipped.jsonl", "example.jsonl", CONFIG, "metrics.json", "README.md"]);
    for (const f of files) expect(f.sha256).toBe(await sha256(sink.files.get(f.name) as Uint8Array));
    expect(files[0]?.rows).toBe(5);
    expect(sink.text("README.md")).toContain(`validate_pivot_dataset.py" --path pivots.jsonl --agent-ref ${AGENT}`);
  });
});

describe("batch rows", () => {
  const lines = fixtureLines("single_step_parallel_example.jsonl");

  it("refuses with the offending rows when batches are off, writing nothing", async () => {
    const { sink, result } = await run(sourceRows("parallel.jsonl", lines));
    expect(result.status).toBe("refused");
    if (result.status !== "refused") return;
    expect(result.offendingTotal).toBe(3);
    expect(result.offending.map((r) => [r.file, r.line, r.findings.map((f) => f.code)])).toEqual([
      ["parallel.jsonl", 1, ["expected_action_type_unsupported"]],
      ["parallel.jsonl", 2, ["expected_action_type_unsupported"]],
      ["parallel.jsonl", 3, ["expected_action_type_unsupported"]],
    ]);
    expect(sink.files.size).toBe(0);
  });

  it("exports them in batch mode with the parallel knobs in the config", async () => {
    const { sink, result } = await run(sourceRows("parallel.jsonl", lines), { batch: true, parallelToolCalls: false });
    expect(result.status === "written" && result.notes).toContain(
      "Batch rows with parallel_tool_calls set to false: the model is asked for one call at a time, and a batch expects several.",
    );
    const rows = jsonl(sink.text("pivots.jsonl"));
    expect(rows.map((r) => r.expected_action)).toEqual(lines.map((l) => (JSON.parse(l) as Record<string, unknown>).expected_action));
    for (const row of rows) expect(validatePivotRow(row, { expectedAgentName: AGENT, allowBatch: true }).filter((f) => f.severity === "error")).toEqual([]);
    expect(sink.text("pivots.jsonl")).toContain('"parallel_tool_calls": false, "temperature": 0.0');
    const config = parse(sink.text(CONFIG)) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    const server = Object.values(config)[0]?.resources_servers?.single_step_tool_use_with_argument_comparison;
    expect(server?.tool_call_comparator_config).toMatchObject({ parallel_tool_call_rewarding: true, parallel_tool_call_reward_mode: "binary_strict" });
    const metrics = JSON.parse(sink.text("metrics.json")) as Record<string, unknown>;
    expect(metrics.action_type).toEqual([
      { key: "function_call_batch", n: 3, pct: 60 },
      { key: "function_call", n: 1, pct: 20 },
      { key: "message", n: 1, pct: 20 },
    ]);
    expect(metrics.tool_name).toEqual([
      { key: "get_weather", n: 5, pct: 55.56 },
      { key: "get_stock_price", n: 3, pct: 33.33 },
      { key: "(message)", n: 1, pct: 11.11 },
    ]);
    const gym = (metrics.gym_prepare_data as Record<string, Record<string, unknown>>)["pivots.jsonl"];
    expect(gym?.["Number of tools"]).toMatchObject({ Average: 1.2 });
    expect(sink.text("README.md")).toContain("function_call_batch");
  });
});

describe("review decisions and the skipped-row audit", () => {
  const lines = fixtureLines("single_step_example.jsonl");

  function decisions(rows: SourceRow[], verdicts: Verdict[]): ExportDecisions {
    // A row not reviewed has no record, as in a replayed log.
    const decided = rows.flatMap((r, i) => (verdicts[i] && verdicts[i] !== "unreviewed" ? [[r.hash, verdicts[i]] as const] : []));
    return decisionsFromMap(new Map(decided.map(([hash, verdict]) => [hash, { verdict, reason: "wrong_tool", note: "calls the wrong tool", reviewer: "ana", at: "2026-09-01T10:00:00Z" }])));
  }

  it("keeps accepted rows, audits rejected and auto-skipped ones, leaves unreviewed out", async () => {
    const rows = sourceRows("ex.jsonl", lines, (i) => (i === 4 ? { autoSkip: { reason: "multi_tool", note: "2 calls" } } : {}));
    const { sink, result } = await run(rows, {}, decisions(rows, ["accepted", "rejected", "unreviewed", "accepted", "unreviewed"]));
    expect(result.counts).toMatchObject({ sourceRows: 5, exported: 2, skipped: 2, rejected: 1, autoSkipped: 1, notExported: 1 });
    expect(jsonl(sink.text("pivots.jsonl"))).toHaveLength(2);
    const audit = sink.text("skipped.jsonl").split("\n").filter(Boolean);
    expect(audit).toHaveLength(2);
    const rejected = JSON.parse(audit[0] as string) as Record<string, unknown>;
    expect(rejected).toMatchObject({
      reason: "wrong_tool",
      skipped_by: "reviewer",
      note: "calls the wrong tool",
      reviewer: "ana",
      time: "2026-09-01T10:00:00Z",
      source: { file: "ex.jsonl", line: 2 },
      content_hash: rows[1]?.hash,
    });
    expect(audit[0]).toContain(`"row": ${lines[1]}`);
    expect((rejected.findings as { code: string }[]).map((f) => f.code)).toContain("metadata_null");
    expect(JSON.parse(audit[1] as string)).toMatchObject({ reason: "multi_tool", skipped_by: "converter", note: "2 calls", source: { line: 5 } });
    const metrics = JSON.parse(sink.text("metrics.json")) as Record<string, unknown>;
    expect(metrics.skip_reason).toEqual([
      { key: "multi_tool", n: 1, pct: 50 },
      { key: "wrong_tool", n: 1, pct: 50 },
    ]);
  });

  it("writes a candidate conversion skipped when the reviewer accepted it: a decision overrides the skip, but not a duplicate's", async () => {
    const skips = [null, null, null, { reason: "source_reward_below", note: "reward 0" }, { reason: "duplicate", note: "seen before" }];
    const rows = sourceRows("ex.jsonl", lines, (i) => (skips[i] ? { autoSkip: skips[i] } : {}));
    for (const keep of ["accepted", "not-rejected"] as const) {
      const { sink, result } = await run(rows, { keep }, decisions(rows, ["accepted", "rejected", "accepted", "accepted", "accepted"]));
      // Row 4 (accepted) is written; row 5, accepted too, stays skipped: a duplicate shares its first copy's decision.
      expect(result.counts).toMatchObject({ exported: 3, rejected: 1, autoSkipped: 1, notExported: 0 });
      const actionOf = (line: string | undefined) => (JSON.parse(line as string) as Record<string, unknown>).expected_action;
      expect(jsonl(sink.text("pivots.jsonl")).map((r) => r.expected_action)).toEqual([0, 2, 3].map((i) => actionOf(lines[i])));
      const audit = jsonl(sink.text("skipped.jsonl"));
      expect(audit.map((a) => [a.reason, a.skipped_by, (a.source as { line: number }).line])).toEqual([
        ["wrong_tool", "reviewer", 2],
        ["duplicate", "converter", 5],
      ]);
    }
  });

  it("a reviewer's rejection of a candidate conversion skipped carries the reviewer's note only, as the app's audit shows it", async () => {
    const rows = sourceRows("ex.jsonl", lines, (i) => (i === 0 ? { autoSkip: { reason: "source_reward_below", note: "source reward 0 is below 1" } } : {}));
    const silent = decisionsFromMap(new Map([[rows[0]!.hash, { verdict: "rejected" as const, reviewer: "ana", at: "2026-09-01T10:00:00Z" }]]));
    const { sink } = await run(rows, {}, silent);
    expect(jsonl(sink.text("skipped.jsonl")).map((a) => [a.reason, a.skipped_by, a.note, a.reviewer])).toEqual([["reviewer_rejected", "reviewer", null, "ana"]]);
  });

  it("says why nothing was exported: no row accepted, or every row rejected or skipped", async () => {
    const rows = sourceRows("ex.jsonl", lines);
    const none = await run(rows, {}, decisions(rows, []));
    expect(none.result.status === "written" && none.result.notes).toContain(
      "Nothing exported: no row is accepted (keep: accepted rows); accept rows, or keep every row not rejected. pivots.jsonl is empty.",
    );
    const rejected = await run(rows, { keep: "not-rejected" }, decisions(rows, lines.map(() => "rejected" as const)));
    expect(rejected.result.status === "written" && rejected.result.notes).toContain("Nothing exported: every row is rejected or skipped. pivots.jsonl is empty.");
  });

  it("notes a float tolerance of 0, under which no float argument ever matches", async () => {
    const rows = sourceRows("ex.jsonl", lines);
    const { result } = await run(rows, { gym: { comparator: { floating_point_comparison_threshold: 0 } } }, decisions(rows, lines.map(() => "accepted" as const)));
    expect(result.status === "written" && result.notes).toContain(
      "floating_point_comparison_threshold is 0: every float argument will fail to match (Gym tests abs(a − b) < threshold).",
    );
  });

  it("keeps unreviewed rows too with keep: not-rejected", async () => {
    const rows = sourceRows("ex.jsonl", lines);
    const { result } = await run(rows, { keep: "not-rejected" }, decisions(rows, ["rejected"]));
    expect(result.counts).toMatchObject({ exported: 4, rejected: 1, notExported: 0 });
  });

  describe("an unreviewed row with an error normalization does not repair is auto-skipped; an accepted one refuses", () => {
    // Two clean rows, a 3-call batch (an error with batch export off), a line that is not JSON, a row whose only
    // error (metadata: null) normalization repairs.
    const parallel = fixtureLines("single_step_parallel_example.jsonl");
    const mixed = [lines[0], parallel[0], "{\"responses_create_params\": ", lines[2], lines[1]] as string[];

    for (const keep of ["accepted", "not-rejected"] as const) {
      it(`keep: ${keep}`, async () => {
        const rows = sourceRows("mixed.jsonl", mixed);
        const { sink, result } = await run(rows, { keep }, decisions(rows, ["accepted"]));
        expect(result.status).toBe("written");
        expect(result.counts).toMatchObject({ exported: keep === "accepted" ? 1 : 3, autoSkipped: 2, rejected: 0, notExported: keep === "accepted" ? 2 : 0 });
        const audit = jsonl(sink.text("skipped.jsonl"));
        expect(audit.map((a) => [a.reason, a.skipped_by, (a.source as { line: number }).line, a.reviewer])).toEqual([
          ["expected_action_type_unsupported", "validator", 2, null],
          ["jsonl_invalid_json", "validator", 3, null],
        ]);
        // The batch row is embedded as it is; the line that is not JSON, as a string (`row_text`).
        expect(sink.text("skipped.jsonl")).toContain(`"row": ${mixed[1]}`);
        expect([audit[1]?.row, audit[1]?.row_text]).toEqual([null, mixed[2]]);
        expect((audit[0]?.findings as { code: string; severity: string }[]).filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["expected_action_type_unsupported"]);
      });
    }

    it("the same rows accepted refuse the export, listing them", async () => {
      const rows = sourceRows("mixed.jsonl", mixed);
      const { sink, result } = await run(rows, {}, decisions(rows, ["accepted", "accepted", "accepted", "accepted", "accepted"]));
      if (result.status !== "refused") throw new Error(`expected a refusal, got ${result.status}`);
      expect(result.offending.map((o) => [o.line, o.findings.map((f) => f.code)])).toEqual([
        [2, ["expected_action_type_unsupported"]],
        [3, ["jsonl_invalid_json"]],
      ]);
      expect(sink.files.size).toBe(0);
    });
  });
});

/** Pivot rows from 30 trajectories of 1–4 pivots each, with provenance. */
function trajectoryRows(): SourceRow[] {
  const template = JSON.parse(fixtureLines("single_step_parallel_example.jsonl")[3] as string) as Record<string, unknown>;
  const lines: string[] = [];
  for (let t = 0; t < 30; t++) {
    for (let step = 1; step <= 1 + ((t * 7) % 4); step++) {
      lines.push(JSON.stringify({ trajectory_id: `traj-${t}`, ...template, meta_info: { turn: 1, step, depth: step }, conversation_info: { reward: t % 3 === 0 ? 0 : 1 } }));
    }
  }
  return sourceRows("trajectories.jsonl", lines);
}

describe("split", () => {
  it("writes train and validation with no trajectory on both sides", async () => {
    const rows = trajectoryRows();
    const { sink, result } = await run(rows, { split: { validation: 0.25, seed: 3 } });
    expect(result.status).toBe("written");
    const ids = (name: string) => jsonl(sink.text(name)).map((r) => (r.provenance as { trajectory_id: string }).trajectory_id);
    const train = new Set(ids("train.jsonl"));
    const validation = new Set(ids("validation.jsonl"));
    expect([...train].filter((t) => validation.has(t))).toEqual([]);
    expect(ids("train.jsonl").length + ids("validation.jsonl").length).toBe(rows.length);
    expect(Math.abs(ids("validation.jsonl").length - Math.round(rows.length / 4))).toBeLessThanOrEqual(4);
    const sorted = (name: string) => sink.text(name).split("\n").filter(Boolean).sort();
    expect([...sorted("train.jsonl"), ...sorted("validation.jsonl")].sort()).toEqual(sorted("pivots.jsonl"));
    const metrics = JSON.parse(sink.text("metrics.json")) as Record<string, Record<string, unknown>>;
    expect(metrics.rows).toMatchObject({ "train.jsonl": ids("train.jsonl").length, "validation.jsonl": ids("validation.jsonl").length });
    expect(metrics.provenance_coverage).toContainEqual({ key: "trajectory_id", n: rows.length, pct: 100 });
    expect((metrics.source_reward_group as unknown as { key: string }[]).map((s) => s.key)).toEqual(["all_pass", "all_fail"]);
    expect(metrics.depth).toContainEqual({ key: "1", n: 30, pct: expect.any(Number) as number });
    const config = parse(sink.text(CONFIG)) as Record<string, Record<string, Record<string, { datasets: { jsonl_fpath: string }[] }>>>;
    expect(config[AGENT]?.responses_api_agents?.tool_simulation_agent?.datasets.map((d) => d.jsonl_fpath)).toEqual(["train.jsonl", "validation.jsonl", "example.jsonl"]);
  });
});

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.from(a).equals(b);

describe("determinism and sinks", () => {
  async function zipBytes(rows: SourceRow[], options: ExportOptionsInput) {
    const chunks: Uint8Array[] = [];
    const events: string[] = [];
    const result = await exportBundle(request(rows), { agentName: AGENT, ...options }, createZipSink({ write: (c) => void chunks.push(c), close: () => undefined }), {
      onProgress: (p) => events.push(`${p.stage}:${p.pass}/${p.passes}:${p.files.join(",")}`),
    });
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return { bytes: out, events, result };
  }

  it("gives byte-identical files for identical inputs, in a folder or a zip", async () => {
    const rows = trajectoryRows();
    const options: ExportOptionsInput = { split: { train: 0.8, seed: 9 } };
    const a = await run(rows, options);
    const b = await run(rows, options);
    expect([...b.sink.files.keys()]).toEqual([...a.sink.files.keys()]);
    for (const [name, bytes] of a.sink.files) expect(sameBytes(b.sink.files.get(name), bytes), name).toBe(true);
    const zipA = await zipBytes(rows, options);
    const zipB = await zipBytes(rows, options);
    expect(sameBytes(zipB.bytes, zipA.bytes)).toBe(true);
    const entries = unzipSync(zipA.bytes);
    expect(Object.keys(entries)).toEqual([...a.sink.files.keys()]);
    for (const [name, bytes] of a.sink.files) expect(sameBytes(entries[name], bytes), name).toBe(true);
    // The zip reads the source once per large file: pivots while checking, then train, validation, skipped
    // (no rows are skipped here, so that pass reads nothing).
    expect([...new Set(zipA.events.map((e) => e.split(":").slice(0, 3).join(":")))]).toEqual([
      "checking:1/5:pivots.jsonl",
      "writing:2/5:train.jsonl",
      "writing:3/5:validation.jsonl",
      "finishing:5/5:",
    ]);
  });

  it("never holds two files open on a one-file-at-a-time sink", async () => {
    let open = 0;
    const seen: string[] = [];
    const sink: BundleSink = {
      concurrentFiles: false,
      openFile(name) {
        expect(open).toBe(0);
        open++;
        seen.push(name);
        return { write: () => undefined, close: () => void open-- };
      },
      close: () => undefined,
    };
    const result = await exportBundle(request(trajectoryRows()), { agentName: AGENT, split: { validation: 5, seed: 1 } }, sink);
    expect(result.status).toBe("written");
    expect(seen).toEqual(["pivots.jsonl", "train.jsonl", "validation.jsonl", "skipped.jsonl", "example.jsonl", CONFIG, "metrics.json", "README.md", "manifest.json"]);
  });

  it("stops on abort and tells the sink to discard", async () => {
    const controller = new AbortController();
    let aborted = false;
    const sink = { ...memorySink(), abort: () => void (aborted = true) };
    const rows = trajectoryRows();
    const pending = exportBundle(request(rows), { agentName: AGENT }, sink, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === "checking") controller.abort();
      },
    });
    await expect(pending).rejects.toThrow();
    expect(aborted).toBe(true);
  });

  it("notices a source that changed between passes", async () => {
    const rows = trajectoryRows();
    let calls = 0;
    const changing: ExportRequest = {
      ...request(rows),
      rows: async function* () {
        calls++;
        yield* calls === 1 ? rows : rows.slice(1);
      },
    };
    // The split is written in a second pass over the source.
    await expect(exportBundle(changing, { agentName: AGENT, split: { train: 0.5, seed: 1 } }, memorySink())).rejects.toThrow(/fewer rows/);
  });
});
