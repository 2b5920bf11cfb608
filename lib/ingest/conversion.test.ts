/**
 * Converting trajectories during ingestion (the page's path: ranges in parallel workers, then SQL) gives the
 * same candidates, skip reasons and reward groups as the CLI's streaming conversion (convertSource) of the
 * same file. Files are split into several ranges so that the cross-range duplicate check and the line
 * renumbering are exercised: tau2_example_rollouts.jsonl has duplicates between lines 2 and 5.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rebuildCandidate } from "../view/candidateRow";
import { convertSource, createConversionRun, passRewardOf, sourceTaskGroups, type ConvertOptions, type PivotRow, type SkippedCandidate } from "../convert";
import { openFileSource } from "../node/fileSource";
import { createRowHasher } from "../jsonl/rowHash";
import { gymFixture } from "../testing/fixtures";
import { openTestDb } from "../testing/nodeDb";
import { DUPLICATES_ACROSS_RANGES_SQL, rewardGroupsSql } from "./conversionSql";
import { candidateHash } from "./candidateRows";
import { parseRange } from "./parseRange";
import { planRanges } from "./planRanges";
import { renumberSql, type RangeCounts } from "./renumber";
import { SummaryBatch } from "./summaryBatch";

async function cliConversion(name: string, options: Partial<ConvertOptions>) {
  const out: (PivotRow | SkippedCandidate)[] = [];
  const source = await openFileSource(gymFixture(name));
  await convertSource(source, name, await createConversionRun(options), { pivot: (r) => out.push(r), skipped: (s) => out.push(s), rowError: () => undefined });
  await source.close();
  return out;
}

async function pageConversion(name: string, options: Partial<ConvertOptions>, parts: number) {
  const db = await openTestDb();
  const source = await openFileSource(gymFixture(name));
  const ranges = await planRanges(source, parts, 1);
  const hasher = await createRowHasher();
  const conversion = { options: (await createConversionRun(options)).options, fileName: name };
  const results: RangeCounts[] = [];
  for (const range of ranges) {
    const batch = new SummaryBatch();
    const r = await parseRange(source, { row: (at, h, s, f, c) => batch.add(at, h, s, f, c), error: () => undefined }, hasher, {
      fileId: 1,
      start: range.start,
      end: range.end,
      conversion,
    });
    results.push({ lines: r.lines, rows: batch.size });
    db.insertIpc("rows", batch.take());
  }
  await source.close();
  const renumber = renumberSql(1, ranges, results, true);
  if (renumber) db.query(renumber);
  db.query(DUPLICATES_ACROSS_RANGES_SQL);
  db.query(rewardGroupsSql(passRewardOf(conversion.options)));
  return { ranges: ranges.length, rows: db.query("SELECT line, source_line, candidate_index, content_hash, skip_reason, action_type, reward_group FROM rows ORDER BY line") };
}

describe("conversion during ingestion", () => {
  for (const [name, options] of [
    ["tau2_example_rollouts.jsonl", {}],
    ["workplace_assistant_example_rollouts.jsonl", {}],
    ["workplace_assistant_example_rollouts.jsonl", { minReward: null, doomLoop: 2 }],
    ["workplace_assistant_example_rollouts.jsonl", { minReward: 0.5 }],
    ["example_multi_step_example_rollouts.jsonl", { messagePivots: false }],
  ] as const) {
    it(`${name} ${JSON.stringify(options)}: same candidates and verdicts as the CLI, in one range or several`, async () => {
      const cli = await cliConversion(name, options);
      const run = await createConversionRun(options);
      cli.sort((a, b) => a.provenance.source_line! - b.provenance.source_line! || a.provenance.pivot_assistant_index - b.provenance.pivot_assistant_index);
      const groups = sourceTaskGroups(cli, { passReward: passRewardOf(run.options) });
      const expected = cli.map((c, i) => ({
        line: i + 1,
        source_line: c.provenance.source_line,
        candidate_index: c.provenance.pivot_assistant_index,
        content_hash: candidateHash(run, c.provenance.pivot_id),
        skip_reason: "skip_reason" in c ? c.skip_reason : null,
        action_type: "expected_action" in c && c.expected_action ? c.expected_action.type : null,
        reward_group: groups.groupOf(c.provenance),
      }));
      for (const parts of [1, 3]) {
        const page = await pageConversion(name, options, parts);
        expect(page.ranges).toBe(parts);
        expect(page.rows).toEqual(expected);
      }
    });
  }

  it("the decision-point view rebuilds each candidate from its source row exactly as conversion wrote it", async () => {
    for (const name of ["tau2_example_rollouts.jsonl", "workplace_assistant_example_rollouts.jsonl"]) {
      const cli = await cliConversion(name, { minReward: 0.5 });
      const options = (await createConversionRun({ minReward: 0.5 })).options;
      const lines = readFileSync(gymFixture(name));
      const hasher = await createRowHasher();
      const bytesOf = (line: number) => {
        let start = 0;
        for (let l = 1; l < line; l++) start = lines.indexOf(10, start) + 1;
        const end = lines.indexOf(10, start);
        return lines.subarray(start, end < 0 ? lines.length : end);
      };
      for (const c of cli) {
        const bytes = bytesOf(c.provenance.source_line!);
        const rebuilt = rebuildCandidate(JSON.parse(new TextDecoder().decode(bytes)), hasher(bytes), {
          conversion: { options, fileName: name },
          sourceLine: c.provenance.source_line!,
          candidateIndex: c.provenance.pivot_assistant_index,
        });
        // Duplicates need the rows before; the view takes that verdict from the `rows` table.
        if ("skip_reason" in c && c.skip_reason === "duplicate") expect(rebuilt).toEqual({ ...c, skip_reason: undefined, skip_detail: undefined } as never);
        else expect(rebuilt).toEqual(c);
      }
    }
  });

  it("tau2: the duplicates of line 2 found on line 5 even when the two lines are read by different workers", async () => {
    const page = await pageConversion("tau2_example_rollouts.jsonl", {}, 3);
    expect(page.rows.filter((r) => r.skip_reason === "duplicate").map((r) => [r.source_line, r.candidate_index])).toEqual([
      [5, 0],
      [5, 1],
      [5, 2],
    ]);
  });
});
