import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { sha256 } from "hash-wasm";
import { afterAll, describe, expect, it } from "vitest";
import { createRowHasher } from "../jsonl/rowHash";
import { gymFixture } from "../testing/fixtures";
import { exportBundle, type ExportRequest } from "./exportBundle";
import { describeInputFiles, exportBundleToDirectory, exportBundleToZip, jsonlSourceRows } from "./node";
import { memorySink } from "./sink";
import { uniformDecisions } from "./decisions";
import type { SourceRow } from "./sourceRows";

const AGENT = "ticketing_single_step_tool_use_with_argument_comparison_agent";
const tmp = mkdtempSync(path.join(tmpdir(), "pivot-export-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function collect(rows: AsyncIterable<SourceRow>): Promise<SourceRow[]> {
  const out: SourceRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function requestFor(paths: string[]): Promise<ExportRequest> {
  return {
    rows: jsonlSourceRows(paths),
    decisions: uniformDecisions("accepted"),
    decisionLogDigest: "none",
    inputs: await describeInputFiles(paths),
    appVersion: "0.1.0",
  };
}

describe("jsonlSourceRows", () => {
  it("reads files in order with line numbers and the app's content hashes", async () => {
    const paths = [gymFixture("single_step_example.jsonl"), gymFixture("workplace_assistant_example_rollouts.jsonl")];
    const rows = await collect(jsonlSourceRows(paths)());
    const hash = await createRowHasher();
    const expected = paths.flatMap((p) =>
      readFileSync(p, "utf8").split("\n").filter((l) => l !== "").map((text, i) => ({ file: path.basename(p), line: i + 1, text, hash: hash(new TextEncoder().encode(text)) })),
    );
    expect(rows).toEqual(expected);
  });

  it("streams a file larger than its read block, row by row", async () => {
    const big = path.join(tmp, "big.jsonl");
    const line = JSON.stringify({ pad: "x".repeat(200) });
    writeFileSync(big, `${line}\n`.repeat(30_000) + "\n" + line);
    let n = 0;
    let last = 0;
    for await (const row of jsonlSourceRows([big])()) {
      n++;
      last = row.line;
      expect(row.text).toBe(line);
    }
    expect(n).toBe(30_001);
    expect(last).toBe(30_002); // the blank line still counts
  });

  it("describes inputs by base name, size and SHA-256", async () => {
    const file = gymFixture("single_step_parallel_example.jsonl");
    const bytes = readFileSync(file);
    expect(await describeInputFiles([file])).toEqual([{ name: "single_step_parallel_example.jsonl", size: bytes.length, sha256: await sha256(bytes) }]);
  });
});

describe("bundle writers", () => {
  const inputs = [gymFixture("single_step_example.jsonl")];

  it("writes the same files into a folder and a zip as the in-memory export", async () => {
    const reference = memorySink();
    await exportBundle(await requestFor(inputs), { agentName: AGENT }, reference);
    const dir = path.join(tmp, "bundle");
    const result = await exportBundleToDirectory(dir, await requestFor(inputs), { agentName: AGENT });
    expect(result.status).toBe("written");
    expect(readdirSync(dir).sort()).toEqual([...reference.files.keys()].sort());
    for (const [name, bytes] of reference.files) expect(Buffer.from(readFileSync(path.join(dir, name))).equals(bytes)).toBe(true);
    const zipPath = path.join(tmp, "bundle.zip");
    await exportBundleToZip(zipPath, await requestFor(inputs), { agentName: AGENT });
    const entries = unzipSync(readFileSync(zipPath));
    for (const [name, bytes] of reference.files) expect(Buffer.from(entries[name] as Uint8Array).equals(bytes)).toBe(true);
  });

  it("leaves nothing behind when the export is refused", async () => {
    const refused = [gymFixture("single_step_parallel_example.jsonl")];
    const dir = path.join(tmp, "refused");
    expect((await exportBundleToDirectory(dir, await requestFor(refused), { agentName: AGENT })).status).toBe("refused");
    expect(existsSync(dir)).toBe(false);
    const zipPath = path.join(tmp, "refused.zip");
    expect((await exportBundleToZip(zipPath, await requestFor(refused), { agentName: AGENT })).status).toBe("refused");
    expect(existsSync(zipPath)).toBe(false);
  });
});
