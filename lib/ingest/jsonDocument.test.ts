/**
 * A `.json` document in the app: its records become JSONL lines, and the candidates the page makes from them
 * (worker, view and export paths) are the ones `pivot-studio convert` makes from the same document — same ids,
 * same content hashes (what decisions are keyed by), same rows, with `source_record` provenance.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { convertSource, createConversionRun, type PivotRow, type SkippedCandidate } from "../convert";
import { candidateSourceRowsOf } from "../export/candidateSource";
import { bytesSource } from "../jsonl/byteSource";
import { createRowHasher } from "../jsonl/rowHash";
import { gymFixture } from "../testing/fixtures";
import { rebuildCandidate } from "../view/candidateRow";
import { candidateHash } from "./candidateRows";
import { documentLines, isJsonDocument, sourceOfRow } from "./jsonDocument";
import { parseRange } from "./parseRange";

const utf8 = (s: string) => new TextEncoder().encode(s);
const NAME = "tau2_rollouts.json";

/** The tau2 fixture's rollouts as one pretty-printed `.json` document, under a `data` key. */
function tau2Document(): string {
  const rows = readFileSync(gymFixture("tau2_example_rollouts.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);
  return JSON.stringify({ name: "tau2 sample", data: rows }, null, 2);
}

describe("documentLines", () => {
  it("writes each record of a list, or of a list kept under a key, as one JSONL line", () => {
    const a = { messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] };
    const b = { messages: [{ role: "user", content: "ünïcode" }, { role: "assistant", content: "ok" }] };
    for (const doc of [[a, b], { trajectories: [a, b] }, { meta: { n: 2 }, whatever: [a, b] }]) {
      expect(documentLines("\uFEFF" + JSON.stringify(doc, null, 2))).toEqual({ ok: true, records: 2, text: `${JSON.stringify(a)}\n${JSON.stringify(b)}\n` });
    }
    // One trajectory on its own is a list of one.
    expect(documentLines(JSON.stringify(a))).toEqual({ ok: true, records: 1, text: JSON.stringify(a) + "\n" });
  });

  it("says on which line a document stops being JSON, and when it holds no list", () => {
    const r = documentLines('[\n  {"messages": []},\n  {"messages": [}\n]');
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({ line: 3, message: expect.stringMatching(/^invalid JSON: /) as unknown });
    expect(documentLines('{"a": 1}')).toEqual({ ok: false, line: 1, message: "the document holds no list of trajectories or rows" });
  });

  it("a file is a document by its name, as in the CLI", () => {
    expect([isJsonDocument("a.json"), isJsonDocument("A.JSON"), isJsonDocument("a.jsonl"), isJsonDocument("a.json.txt")]).toEqual([true, true, false, false]);
  });

  it("numbers records from 0 in provenance while the app counts lines from 1", () => {
    expect(sourceOfRow({ fileName: "x.json", document: true }, 3, "h")).toEqual({ file: "x.json", record: 2, rowHash: "h" });
    expect(sourceOfRow({ fileName: "x.jsonl" }, 3, "h")).toEqual({ file: "x.jsonl", line: 3, rowHash: "h" });
  });
});

describe("a .json document converted in the page", () => {
  it("gives the CLI's candidates: worker hashes, rebuilt rows and exported rows", async () => {
    const text = tau2Document();
    const run = await createConversionRun({});
    const cli: (PivotRow | SkippedCandidate)[] = [];
    await convertSource(bytesSource(utf8(text)), NAME, run, { pivot: (r) => cli.push(r), skipped: (s) => cli.push(s), rowError: () => undefined });
    expect(cli.length).toBe(25);
    expect(cli.every((c) => c.provenance.source_record !== undefined && c.provenance.source_line === undefined)).toBe(true);
    cli.sort((a, b) => a.provenance.source_record! - b.provenance.source_record! || a.provenance.pivot_assistant_index - b.provenance.pivot_assistant_index);

    const doc = documentLines(text);
    if (!doc.ok) throw new Error(doc.message);
    const jsonl = utf8(doc.text);
    const conversion = { options: run.options, fileName: NAME, document: true };

    // Worker: one row per candidate, keyed by the CLI candidate's id.
    const hashes: string[] = [];
    const sourceLines: number[] = [];
    await parseRange(
      bytesSource(jsonl),
      { row: (_at, h, _s, _f, c) => (hashes.push(h), sourceLines.push(c!.sourceLine)), error: (e) => expect.fail(e.message) },
      await createRowHasher(),
      { fileId: 1, start: 0, end: jsonl.length, conversion },
    );
    expect(hashes).toEqual(cli.map((c) => candidateHash(run, c.provenance.pivot_id)));
    expect(sourceLines).toEqual(cli.map((c) => c.provenance.source_record! + 1));

    // View: each candidate rebuilt from its record's line is the CLI's row (duplicates' verdict comes from SQL).
    const lines = doc.text.split("\n");
    const hasher = await createRowHasher();
    for (const c of cli) {
      const line = utf8(lines[c.provenance.source_record!]!);
      const rebuilt = rebuildCandidate(JSON.parse(lines[c.provenance.source_record!]!), hasher(line), {
        conversion,
        sourceLine: c.provenance.source_record! + 1,
        candidateIndex: c.provenance.pivot_assistant_index,
      });
      if ("skip_reason" in c && c.skip_reason === "duplicate") expect(rebuilt).toEqual({ ...c, skip_reason: undefined, skip_detail: undefined } as never);
      else expect(rebuilt).toEqual(c);
    }

    // Export: the candidates' rows as the bundle writes them.
    const exported = [];
    for await (const row of candidateSourceRowsOf([{ name: NAME, open: async () => bytesSource(jsonl), conversion }])()) exported.push(row);
    expect(exported.map((r) => r.hash)).toEqual(hashes);
    expect(exported.map((r) => JSON.parse(r.text!) as unknown)).toEqual(
      cli.map((c) => {
        if (!("skip_reason" in c)) return c;
        const { skip_reason: _r, skip_detail: _d, ...row } = c;
        return row;
      }),
    );
  });
});
