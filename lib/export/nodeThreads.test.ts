import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { gymFixture } from "../testing/fixtures";
import { cleanRow } from "../validate/testRows";
import { type DecisionRecord, type DecisionsData, decisionsFromData } from "./decisions";
import { type ExportRequest, type ExportResult, exportBundle } from "./exportBundle";
import { describeInputFiles, jsonlSourceRows, threadedJsonlProcessor } from "./node";
import { type ExportOptionsInput, resolveExportOptions } from "./options";
import { type BundleSink, memorySink } from "./sink";
import { createZipSink } from "./zipSink";

const REPO = path.resolve(import.meta.dirname, "../..");
const AGENT = "weather_agent";
const tmp = mkdtempSync(path.join(tmpdir(), "export-threads-"));
// The worker entry, bundled as the CLI build does but with its packages inside, so it runs from a temp folder.
const bundleDir = path.join(tmp, "bundle");
let workerUrl: URL;
let hasher: RowHasher;

beforeAll(async () => {
  mkdirSync(bundleDir, { recursive: true });
  await build({
    entryPoints: [path.join(REPO, "cli/exportWorker.ts")],
    outfile: path.join(bundleDir, "export-worker.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    logLevel: "warning",
  });
  workerUrl = pathToFileURL(path.join(bundleDir, "export-worker.mjs"));
  hasher = await createRowHasher();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hashOf = (line: string) => hasher(new TextEncoder().encode(line));

/** Rows needing every kind of repair or none, with provenance, non-ASCII text and a batch of one. */
function pivotLines(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = cleanRow() as Record<string, Record<string, unknown>>;
    const rcp = row.responses_create_params as Record<string, unknown>;
    const items = rcp.input as Record<string, unknown>[];
    items.push({ role: "user", content: `Question ${i}:  what  about ${i % 7 === 0 ? "Zürich — «météo»" : "Oslo"}?` });
    if (i % 3 === 0) delete rcp.tool_choice;
    if (i % 4 === 0) rcp.metadata = null;
    if (i % 5 === 0) row.expected_action = { type: "function_call", name: "get_weather", arguments: { city: "Paris", units: "c", temp: 1.0 } as never };
    if (i % 6 === 0) row.expected_action = { type: "function_call_batch", calls: [{ type: "function_call", name: "get_weather", arguments: '{"city": "Rome"}' }] } as never;
    const provenance = i % 2 === 0 ? { trajectory_id: `t${i % 11}`, info: { turn: 1, step: i % 4, depth: i % 5 } } : {};
    lines.push(JSON.stringify({ ...provenance, ...row, agent_ref: { type: "responses_api_agents", name: i % 9 === 0 ? "other_agent" : AGENT } }));
  }
  return lines;
}

interface Inputs {
  paths: string[];
  decisions: DecisionsData;
}

/**
 * Two files: one with CRLF ends, blank lines and no final newline; one with a BOM, an invalid JSON line and an
 * invalid UTF-8 line (both rejected). Decisions: most rows accepted, some rejected, a few left unreviewed.
 */
// b.jsonl's lines 11 and 12: not JSON, and not UTF-8.
const BAD_JSON = '{"responses_create_params": {"input": [}';
const BAD_UTF8 = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]);

function writeInputs(rowCount = 60, badLinesRejected = true): Inputs {
  const rows = pivotLines(rowCount);
  const a = rows.slice(0, Math.ceil(rowCount * 0.6));
  const b = rows.slice(a.length);
  const aText = a.map((l, i) => (i % 4 === 0 ? `${l}\r\n` : i % 10 === 5 ? `${l}\n\n  \n` : `${l}\n`)).join("").replace(/\n$/, "");
  const badJson = BAD_JSON;
  const aPath = path.join(tmp, "a.jsonl");
  const bPath = path.join(tmp, "b.jsonl");
  writeFileSync(aPath, aText);
  const badUtf8 = BAD_UTF8;
  writeFileSync(bPath, Buffer.concat([Buffer.from("\ufeff" + b.slice(0, 10).join("\n") + `\n${badJson}\n`), badUtf8, Buffer.from("\n" + b.slice(10).join("\n") + "\n")]));
  const records = new Map<string, DecisionRecord>();
  const at = "2026-09-01T10:00:00Z";
  for (const [i, line] of [...a, ...b].entries()) {
    if (i % 13 === 12) continue; // unreviewed
    records.set(hashOf(line), i % 8 === 7 ? { verdict: "rejected", reason: "wrong_tool", reviewer: "ana", at } : { verdict: "accepted", reviewer: "ana", at });
  }
  if (badLinesRejected) {
    records.set(hashOf(badJson), { verdict: "rejected", reason: "other", note: "broken", reviewer: "bo", at });
    records.set(hasher(badUtf8), { verdict: "rejected", reason: "other", reviewer: "bo", at });
  }
  return { paths: [aPath, bPath], decisions: { records } };
}

function baseRequest(inputs: Inputs) {
  return { decisions: decisionsFromData(inputs.decisions), decisionLogDigest: "sha256:log", appVersion: "0.1.0" };
}

async function inline(inputs: Inputs, options: ExportOptionsInput, sink: BundleSink): Promise<ExportResult> {
  const request: ExportRequest = { ...baseRequest(inputs), rows: jsonlSourceRows(inputs.paths), inputs: await describeInputFiles(inputs.paths) };
  return exportBundle(request, options, sink);
}

async function threaded(inputs: Inputs, options: ExportOptionsInput, sink: BundleSink, chunkBytes = 2500, threads = 2): Promise<ExportResult> {
  const processor = threadedJsonlProcessor(inputs.paths, { threads, workerUrl, decisions: inputs.decisions, chunkBytes });
  try {
    return await exportBundle({ ...baseRequest(inputs), processor, inputs: processor.inputs() }, options, sink);
  } finally {
    await processor.close();
  }
}

function zipSinkInMemory(): { sink: BundleSink; bytes: () => Buffer } {
  const chunks: Uint8Array[] = [];
  return { sink: createZipSink({ write: (c) => void chunks.push(c.slice()), close: () => undefined }), bytes: () => Buffer.concat(chunks) };
}

function expectSameFiles(a: ReturnType<typeof memorySink>, b: ReturnType<typeof memorySink>): void {
  expect([...b.files.keys()]).toEqual([...a.files.keys()]);
  for (const [name, bytes] of a.files) expect(Buffer.from(b.files.get(name) as Uint8Array).equals(bytes), name).toBe(true);
}

describe("an export over byte ranges in worker threads equals the export row by row in one thread", () => {
  const cases: [string, ExportOptionsInput][] = [
    ["defaults", { agentName: AGENT }],
    ["a split, batches kept, provenance dropped", { agentName: AGENT, batch: true, provenance: "drop", split: { train: 0.7, seed: 4 } }],
    ["unreviewed rows kept, parallel_tool_calls set", { agentName: AGENT, keep: "not-rejected", parallelToolCalls: true, exampleRows: 2 }],
  ];
  for (const [name, options] of cases) {
    it(`${name}: the same files, byte for byte, from one thread or three`, async () => {
      const inputs = writeInputs();
      const one = memorySink();
      const a = await inline(inputs, options, one);
      expect(a.status).toBe("written");
      for (const threads of [1, 3]) {
        const many = memorySink();
        expect(await threaded(inputs, options, many, 2500, threads)).toEqual(a);
        expectSameFiles(one, many);
      }
      expect(one.text("skipped.jsonl").split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(2);
    });
  }

  it("bad lines no reviewer decided on: auto-skipped by the contract check, the same from every thread", async () => {
    const inputs = writeInputs(60, false);
    for (const keep of ["accepted", "not-rejected"] as const) {
      const options: ExportOptionsInput = { agentName: AGENT, keep, split: { train: 0.7, seed: 2 } };
      const one = memorySink();
      const a = await inline(inputs, options, one);
      expect(a.status).toBe("written");
      const auto = one.text("skipped.jsonl").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.skipped_by === "validator");
      expect(auto.map((e) => [(e.source as { file: string }).file, e.reason])).toEqual([
        ["b.jsonl", "jsonl_invalid_json"],
        ["b.jsonl", "jsonl_invalid_json"],
      ]);
      const many = memorySink();
      expect(await threaded(inputs, options, many, 2500, 3)).toEqual(a);
      expectSameFiles(one, many);
    }
  });

  it("the same zip (one file at a time: a pass per file), also with ranges of one line or of a whole file", async () => {
    const inputs = writeInputs();
    const options: ExportOptionsInput = { agentName: AGENT, batch: true, split: { validation: 0.3, seed: 1 } };
    const reference = zipSinkInMemory();
    await inline(inputs, options, reference.sink);
    for (const chunkBytes of [300, 2500, 1 << 20]) {
      const zip = zipSinkInMemory();
      await threaded(inputs, options, zip.sink, chunkBytes);
      expect(zip.bytes().equals(reference.bytes()), `ranges of ${chunkBytes} bytes`).toBe(true);
    }
  });

  it("the same zip of a few MB: its files reach the zip in the same chunks, so the same deflate blocks", async () => {
    const inputs = writeInputs(4000);
    const options: ExportOptionsInput = { agentName: AGENT };
    const reference = zipSinkInMemory();
    await inline(inputs, options, reference.sink);
    expect(reference.bytes().length).toBeGreaterThan(100_000);
    for (const chunkBytes of [200_000, 1 << 20]) {
      const zip = zipSinkInMemory();
      await threaded(inputs, options, zip.sink, chunkBytes);
      expect(zip.bytes().equals(reference.bytes()), `ranges of ${chunkBytes} bytes`).toBe(true);
    }
  });

  it("the same refusal: every offending row at its file line", async () => {
    // The two bad lines accepted by a reviewer's log (by their hashes): rows with errors, kept, refuse.
    const inputs = writeInputs(60, false);
    const at = "2026-09-01T10:00:00Z";
    const records = new Map((inputs.decisions as { records: ReadonlyMap<string, DecisionRecord> }).records);
    for (const hash of [hashOf(BAD_JSON), hasher(BAD_UTF8)]) records.set(hash, { verdict: "accepted", reviewer: "bo", at });
    const all: Inputs = { ...inputs, decisions: { records } };
    const a = await inline(all, { agentName: AGENT }, memorySink());
    const b = await threaded(all, { agentName: AGENT }, memorySink());
    expect(a.status).toBe("refused");
    expect(b).toEqual(a);
    if (a.status === "refused") expect(a.offending.map((p) => `${p.file}:${p.line}`)).toEqual(["b.jsonl:11", "b.jsonl:12"]);
  });

  it("--accept-all accepts rows: lines that are not rows (not JSON, not UTF-8) go to the audit, alike in threads", async () => {
    const inputs = writeInputs();
    const all: Inputs = { ...inputs, decisions: { uniform: "accepted" } };
    const a = await inline(all, { agentName: AGENT }, memorySink());
    const b = await threaded(all, { agentName: AGENT }, memorySink());
    expect(a.status).toBe("written");
    expect(b).toEqual(a);
    expect(a.counts).toMatchObject({ autoSkipped: 2, rejected: 0 });
  });

  it("hashes the inputs from the bytes it read", async () => {
    const inputs = writeInputs();
    const processor = threadedJsonlProcessor(inputs.paths, { threads: 2, workerUrl, decisions: inputs.decisions, chunkBytes: 2500 });
    try {
      await exportBundle({ ...baseRequest(inputs), processor, inputs: processor.inputs() }, { agentName: AGENT }, memorySink());
      expect(await processor.inputs()).toEqual(await describeInputFiles(inputs.paths));
      expect((await processor.inputs())[1]?.size).toBe(readFileSync(inputs.paths[1] as string).length);
    } finally {
      await processor.close();
    }
  });

  it("numbers rows by their file line when every range is a single line", async () => {
    const file = path.join(tmp, "one.jsonl");
    writeFileSync(file, readFileSync(gymFixture("single_step_example.jsonl")));
    const processor = threadedJsonlProcessor([file], { threads: 2, workerUrl, decisions: { uniform: "accepted" }, chunkBytes: 300 });
    try {
      const lines = [];
      for await (const batch of processor.process({ options: resolveExportOptions({}), check: false, keptLines: false, skippedRows: false })) {
        lines.push(...batch.map((r) => r.line));
      }
      expect(lines).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await processor.close();
    }
  });
});
