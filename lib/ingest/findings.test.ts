import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { breakdownSql } from "../metrics/basicMetrics";
import { fixtureRows, gymFixture } from "../testing/fixtures";
import { loadIntoDb } from "../testing/loadIntoDb";
import { openTestDb, type TestDb } from "../testing/nodeDb";
import { validatePivotRow } from "../validate";
import { cleanRow } from "../validate/testRows";
import { EMPTY_VIEW, viewKeysSql } from "../view/viewState";

type Obj = Record<string, unknown>;
let db: TestDb;
let dupFile: string;

beforeAll(async () => {
  // A clean row, repeated at lines 3 and 4 (bytes equal), plus a row whose tool_choice is wrong.
  const clean = JSON.stringify(cleanRow());
  const bad = cleanRow();
  (bad.responses_create_params as Obj).tool_choice = "required";
  dupFile = path.join(mkdtempSync(path.join(tmpdir(), "findings-")), "dups.jsonl");
  writeFileSync(dupFile, [clean, JSON.stringify(bad), clean, clean].join("\n") + "\n");
  db = await openTestDb();
  await loadIntoDb(db, [gymFixture("single_step_example.jsonl"), dupFile, gymFixture("single_step_example_rollouts.jsonl")]);
});

const rowsOf = (fileId: number) => db.query(`SELECT * FROM rows WHERE file_id = ${fileId} ORDER BY line`);

describe("validation findings during ingestion", () => {
  it("single_step_example.jsonl: every row lacks agent_ref and has metadata: null, as Gym's validator says", () => {
    const rows = rowsOf(1);
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.finding_codes).toEqual(expect.arrayContaining(["required_key_missing", "metadata_null"]));
      expect(r.error_count).toBeGreaterThanOrEqual(2);
    }
    const found = db.query("SELECT line, code, severity, message, path FROM findings WHERE file_id = 1 ORDER BY line, code");
    const want = fixtureRows("single_step_example.jsonl")
      .flatMap((row, i) => validatePivotRow(row).map((f) => ({ line: i + 1, code: f.code, severity: f.severity, message: f.message, path: f.path })))
      .sort((a, b) => a.line - b.line || a.code.localeCompare(b.code));
    expect(found).toEqual(want);
    expect(found.find((f) => f.code === "required_key_missing")?.message).toContain("agent_ref");
  });

  it("flags repeated rows as duplicate_row warnings pointing at the first copy", () => {
    const rows = rowsOf(2);
    expect(rows.map((r) => r.finding_codes)).toEqual([[], ["tool_choice_not_auto"], ["duplicate_row"], ["duplicate_row"]]);
    expect(rows.map((r) => [r.error_count, r.warning_count])).toEqual([[0, 0], [1, 0], [0, 1], [0, 1]]);
    const dups = db.query("SELECT line, message FROM findings WHERE code = 'duplicate_row' ORDER BY line");
    expect(dups).toEqual([
      { line: 3, message: "same bytes as line 1 of this file" },
      { line: 4, message: "same bytes as line 1 of this file" },
    ]);
  });

  it("does not hold rollouts to the pivot contract", () => {
    expect(db.query("SELECT count(*)::INTEGER AS n FROM findings WHERE file_id = 3")).toEqual([{ n: 0 }]);
  });

  it("filters the view by finding code and counts codes per row", () => {
    const view = { filters: [{ column: "finding_codes" as const, value: "duplicate_row" }], sort: null };
    expect(db.query(viewKeysSql(view)).map((r) => [r.file_id, r.line])).toEqual([[2, 3], [2, 4]]);
    const facet = Object.fromEntries(db.query(breakdownSql("finding", EMPTY_VIEW)).map((r) => [r.key, r.n]));
    expect(facet.required_key_missing).toBe(5);
    expect(facet.duplicate_row).toBe(2);
    expect(facet.tool_choice_not_auto).toBe(1);
    // Clean rows: line 1 of dups.jsonl and the 5 rollouts.
    expect(facet["(none)"]).toBe(6);
  });
});
