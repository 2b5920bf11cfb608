import { describe, expect, it } from "vitest";
import { convertSource, createConversionRun, type PivotRow, type SkippedCandidate } from "../convert";
import { candidateHash } from "../ingest/candidateRows";
import { openFileSource } from "../node/fileSource";
import { gymFixture } from "../testing/fixtures";
import { readFileSync } from "node:fs";
import { bytesSource } from "../jsonl/byteSource";
import { candidateSourceRowsOf, exportSourceRows } from "./candidateSource";

/**
 * The export's rows for a converted file are the CLI's candidates, in order, keyed as the app keys them on
 * load (lib/ingest/conversion.test.ts ties the app's rows to the CLI's), with skipped ones as automatic skips.
 */
describe("converted trajectories as export rows", () => {
  it("tau2: 25 candidates, numbered in order, 3 duplicates auto-skipped, same bytes each pass", async () => {
    const name = "tau2_example_rollouts.jsonl";
    const cli: (PivotRow | SkippedCandidate)[] = [];
    const run = await createConversionRun({});
    const src = await openFileSource(gymFixture(name));
    await convertSource(src, name, run, { pivot: (r) => cli.push(r), skipped: (s) => cli.push(s), rowError: () => undefined });
    await src.close();
    cli.sort((a, b) => a.provenance.source_line! - b.provenance.source_line! || a.provenance.pivot_assistant_index - b.provenance.pivot_assistant_index);

    const rows = candidateSourceRowsOf([{ name, open: () => openFileSource(gymFixture(name)), conversion: { options: run.options } }]);
    const collect = async () => {
      const out = [];
      for await (const r of rows()) out.push(r);
      return out;
    };
    const first = await collect();
    expect(first.map((r) => r.line)).toEqual(cli.map((_, i) => i + 1));
    expect(first.map((r) => r.hash)).toEqual(cli.map((c) => candidateHash(run, c.provenance.pivot_id)));
    expect(first.map((r) => r.autoSkip?.reason ?? null)).toEqual(cli.map((c) => ("skip_reason" in c ? c.skip_reason : null)));
    expect(first.filter((r) => r.autoSkip).length).toBe(3);
    // The audit locates each candidate by its trajectory's line and its action there.
    expect(first.map((r) => r.origin)).toEqual(cli.map((c) => ({ line: c.provenance.source_line, record: undefined, actionIndex: c.provenance.pivot_assistant_index })));
    for (const [i, r] of first.entries()) {
      const c = cli[i]!;
      const row = "skip_reason" in c ? (({ skip_reason: _r, skip_detail: _d, ...rest }) => rest)(c) : c;
      expect(JSON.parse(r.text!)).toEqual(row);
    }
    expect(await collect()).toEqual(first);
  });
});

describe("reward groups across inputs", () => {
  it("two inputs of one name (two folders, or one file opened twice) are two samples of each task, as the app counts them", async () => {
    const [first] = readFileSync(gymFixture("tau2_example_rollouts.jsonl"), "utf8").split("\n");
    const run = await createConversionRun({});
    const input = { name: "rollouts.jsonl", open: async () => bytesSource(new TextEncoder().encode(`${first}\n`)), conversion: { options: run.options } };
    const source = exportSourceRows([input, input]);
    const rows = [];
    for await (const r of source.rows()) rows.push(r);
    const groups = source.taskGroups()!;
    // One task, one trajectory per input, both passing: all-pass, not a single sample.
    expect(new Set(rows.map((r) => groups.groupOf(r.task!, r.task!.input)))).toEqual(new Set(["all_pass"]));
  });
});
