/**
 * Pins every finding (code, severity, message, path, line, order) of validatePivotRow and validateFirstError over
 * the Gym fixtures and seeded damaged copies of them, so a faster validator cannot report one thing differently.
 * The full report is kept out of the repo: each option set pins its SHA-256 and its count per code (which shows
 * what moved when the hash does). The snapshots were written by the validator as it stood before the speed work;
 * update them (`vitest run -u`) only for a deliberate change of wording or rules.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Finding } from "./finding";
import { type FirstErrorOptions, validateFirstError, validatePivotRow } from "./rowValidation";
import { mutateRow } from "./rowMutations";
import { cleanRow, fixtureRows } from "./testRows";

const FIXTURES = ["single_step_example.jsonl", "single_step_parallel_example.jsonl", "swe_pivot_example.jsonl", "terminal_multi_harness_example.jsonl"];
const MUTANTS_PER_ROW = 60;

const OPTION_SETS: FirstErrorOptions[] = [
  {},
  {
    allowBatch: true,
    allowMissingTools: true,
    expectedAgentName: "weather_agent",
    requireFields: ["uuid", "metadata.category"],
    requireAnyFields: ["pivot_tags, harness", " ,"],
  },
  { checkToolNames: false, gymModels: true },
];

function rows(): unknown[] {
  const base = [cleanRow(), ...FIXTURES.flatMap((name) => fixtureRows(name))];
  return base.flatMap((row, i) => [row, ...mutateRow(row, MUTANTS_PER_ROW, 1000 + i)]);
}

const line = (f: Finding) => `${f.line ?? "-"} ${f.severity} ${f.code} @${f.path}: ${f.message}`;

describe("findings are pinned", () => {
  const all = rows();
  it.each(OPTION_SETS.map((options, i) => [i, options] as const))("option set %i", (_i, options) => {
    const report: string[] = [];
    const codes: Record<string, number> = {};
    all.forEach((row, n) => {
      const findings = validatePivotRow(row, { ...options, line: n + 1 });
      const first = validateFirstError(row, { ...options, line: n + 1 });
      report.push(`# row ${n + 1}: first ${first ? line(first) : "none"}`, ...findings.map(line));
      for (const f of findings) codes[f.code] = (codes[f.code] ?? 0) + 1;
    });
    const sha256 = createHash("sha256").update(report.join("\n")).digest("hex");
    expect({ rows: all.length, codes, sha256 }).toMatchSnapshot();
  });
});
