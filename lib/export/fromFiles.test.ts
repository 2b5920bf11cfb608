import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { createRowHasher } from "../jsonl/rowHash";
import { createEventFactory, fingerprintOf, replay } from "../review";
import { gymFixture } from "../testing/fixtures";
import { decisionLogDigest, decisionsFromState } from "./decisions";
import { exportBundle, type ExportProgress } from "./exportBundle";
import { exportBundleFromFiles } from "./fromFiles";
import { describeInputFiles, jsonlSourceRows } from "./node";
import type { ExportOptionsInput } from "./options";
import type { BundleSink } from "./sink";
import { createZipSink } from "./zipSink";

const tmp = mkdtempSync(path.join(tmpdir(), "export-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function zipInMemory(): { sink: BundleSink; bytes: () => Buffer } {
  const chunks: Uint8Array[] = [];
  return { sink: createZipSink({ write: (c) => void chunks.push(c.slice()), close: () => undefined }), bytes: () => Buffer.concat(chunks) };
}

describe("exportBundleFromFiles (the page's entry: File objects and a review state into a zip)", () => {
  it("gives the CLI's bytes for the same files, decision log and options", async () => {
    const names = ["single_step_example.jsonl", "swe_pivot_example.jsonl"];
    const texts = names.map((n) => readFileSync(gymFixture(n)));
    const hash = await createRowHasher();
    const hashes = texts.flatMap((t) => t.toString("utf8").split("\n").filter(Boolean).map((l) => hash(new TextEncoder().encode(l))));
    let id = 0;
    const factory = createEventFactory({ file: fingerprintOf(hashes), reviewer: "ana", now: () => new Date(Date.UTC(2026, 8, 1, 10, id)), newId: () => `e${++id}` });
    // Accept the single-step rows, reject one SWE row with a note, leave the rest unreviewed.
    const events = [factory.accept(hashes.slice(0, 5)), factory.reject([hashes[5] as string], "too_hard", "needs a sandbox")];
    const options: ExportOptionsInput = { agentName: "ticketing_single_step_tool_use_with_argument_comparison_agent", split: { train: 0.6, seed: 2 } };

    const files = names.map((name, i) => new File([new Uint8Array(texts[i] as Buffer)], name));
    const page = zipInMemory();
    const progress: ExportProgress[] = [];
    const fromPage = await exportBundleFromFiles({ files, review: replay(events), events, appVersion: "0.1.0" }, options, page.sink, { onProgress: (p) => progress.push(p) });

    const paths = names.map((name, i) => {
      const p = path.join(tmp, name);
      writeFileSync(p, texts[i] as Buffer);
      return p;
    });
    const cli = zipInMemory();
    const fromCli = await exportBundle(
      {
        rows: jsonlSourceRows(paths),
        decisions: decisionsFromState(replay(events)),
        decisionLogDigest: await decisionLogDigest(events),
        inputs: await describeInputFiles(paths),
        appVersion: "0.1.0",
      },
      options,
      cli.sink,
    );
    expect(fromPage.status).toBe("written");
    expect(fromPage).toEqual(fromCli);
    expect(page.bytes().equals(cli.bytes())).toBe(true);
    const entries = unzipSync(page.bytes());
    expect(Object.keys(entries)).toContain("pivots.jsonl");
    expect(new TextDecoder().decode(entries["skipped.jsonl"])).toContain('"note": "needs a sandbox"');
    expect(progress.at(-1)?.stage).toBe("finishing");
  });

  it("exports only the rows of the view when given one, and records its filter; without one, every row and no filter", async () => {
    const name = "single_step_example.jsonl";
    const text = readFileSync(gymFixture(name));
    const hash = await createRowHasher();
    const lines = text.toString("utf8").split("\n").filter(Boolean);
    const hashes = lines.map((l) => hash(new TextEncoder().encode(l)));
    let id = 0;
    const factory = createEventFactory({ file: fingerprintOf(hashes), reviewer: "ana", now: () => new Date(Date.UTC(2026, 8, 1, 10, id)), newId: () => `e${++id}` });
    // Rows 1-3 accepted, row 4 rejected, row 5 unreviewed; the view holds rows 2 and 4.
    const events = [factory.accept(hashes.slice(0, 3)), factory.reject([hashes[3] as string], "too_easy")];
    const files = [new File([new Uint8Array(text)], name)];
    const run = async (view: { filterSql: string; hashes: ReadonlySet<string> } | null) => {
      const zip = zipInMemory();
      const result = await exportBundleFromFiles({ files, review: replay(events), events, appVersion: "0.1.0", view }, {}, zip.sink);
      const entries = unzipSync(zip.bytes());
      const jsonl = (n: string) => new TextDecoder().decode(entries[n]).split("\n").filter(Boolean);
      return { result, pivots: jsonl("pivots.jsonl"), skipped: jsonl("skipped.jsonl").map((l) => (JSON.parse(l) as { source: { line: number } }).source.line), manifest: JSON.parse(new TextDecoder().decode(entries["manifest.json"])) as Record<string, unknown> };
    };

    const inView = await run({ filterSql: "r.line IN (2, 4)", hashes: new Set([hashes[1] as string, hashes[3] as string]) });
    expect(inView.pivots).toHaveLength(1);
    expect(inView.skipped).toEqual([4]);
    expect(inView.manifest.filter_sql).toBe("r.line IN (2, 4)");
    expect((inView.manifest.counts as Record<string, unknown>).source_rows).toBe(2);

    const all = await run(null);
    expect(all.pivots).toHaveLength(3);
    expect(all.skipped).toEqual([4]);
    expect(all.manifest.filter_sql).toBeNull();
    expect((all.manifest.counts as Record<string, unknown>).source_rows).toBe(5);
    // The view's kept row is the same exported line as in the full export.
    expect(all.pivots[1]).toBe(inView.pivots[0]);
  });
});
