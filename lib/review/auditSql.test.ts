import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { openTestDb, type TestDb } from "../testing/nodeDb";
import { loadIntoDb } from "../testing/loadIntoDb";
import { gymFixture } from "../testing/fixtures";
import { AUDIT_SQL } from "./auditSql";

// The sample's function_call_batch rows (lines 12, 41, 70) are errors under Gym's validator rules.
const SAMPLE = path.resolve(import.meta.dirname, "../../public/sample/sample-pivots.jsonl");
const BATCH_LINES = readFileSync(SAMPLE, "utf8")
  .split("\n")
  .flatMap((l, i) => (l && (JSON.parse(l) as { expected_action: { type: string } }).expected_action.type === "function_call_batch" ? [i + 1] : []));

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await loadIntoDb(db, [SAMPLE]);
});

const audit = () => db.query(AUDIT_SQL).map((r) => [r.line, r.source, r.reason]);
const hashOf = (line: number) => db.query(`SELECT content_hash FROM rows WHERE line = ${line}`)[0]!.content_hash as string;

describe("the skipped-row audit's SQL", () => {
  it("lists each undecided row with an error as an automatic entry", () => {
    expect(BATCH_LINES).toHaveLength(3);
    expect(audit()).toEqual(BATCH_LINES.map((line) => [line, "auto", "expected_action_type_unsupported"]));
  });

  it("lists a rejected row once, as the reviewer's; leaves an accepted one out (a decision overrides)", () => {
    const [rejected, accepted, undecided] = BATCH_LINES as [number, number, number];
    db.query(`INSERT INTO decisions VALUES ('${hashOf(rejected)}', 'rejected', 'wrong_tool', 'n', 'me', 't'), ('${hashOf(accepted)}', 'accepted', NULL, NULL, 'me', 't'), ('${hashOf(5)}', 'rejected', NULL, NULL, 'me', 't')`);
    try {
      expect(audit()).toEqual([
        [5, "review", null],
        [rejected, "review", "wrong_tool"],
        [undecided, "auto", "expected_action_type_unsupported"],
      ]);
    } finally {
      db.query("DELETE FROM decisions");
    }
  });
});

describe("conversion's skips in the audit", () => {
  it("an accepted skip is overridden, except a duplicate: it stays in the audit (its first copy carries the decision)", () => {
    db.query("UPDATE rows SET skip_reason = 'source_reward_below', skip_detail = 'r' WHERE line = 2");
    db.query("UPDATE rows SET skip_reason = 'duplicate', skip_detail = 'd' WHERE line = 3");
    try {
      expect(audit().filter(([line]) => line === 2 || line === 3)).toEqual([
        [2, "auto", "source_reward_below"],
        [3, "auto", "duplicate"],
      ]);
      db.query(`INSERT INTO decisions VALUES ('${hashOf(2)}', 'accepted', NULL, NULL, 'me', 't'), ('${hashOf(3)}', 'accepted', NULL, NULL, 'me', 't')`);
      expect(audit().filter(([line]) => line === 2 || line === 3)).toEqual([[3, "auto", "duplicate"]]);
      db.query(`UPDATE decisions SET verdict = 'rejected', reason = 'too_easy' WHERE content_hash = '${hashOf(3)}'`);
      expect(audit().filter(([line]) => line === 2 || line === 3)).toEqual([[3, "review", "too_easy"]]);
    } finally {
      db.query("DELETE FROM decisions");
      db.query("UPDATE rows SET skip_reason = NULL, skip_detail = NULL WHERE line IN (2, 3)");
    }
  });
});

describe("errors the export repairs are not automatic entries", () => {
  it("Gym's single-step example: every row has metadata: null and no agent_ref (errors on load), none is in the audit", async () => {
    const fixture = await openTestDb();
    await loadIntoDb(fixture, [gymFixture("single_step_example.jsonl")]);
    const errors = fixture.query("SELECT DISTINCT line, code, path FROM findings WHERE severity = 'error' ORDER BY line, code");
    expect(errors).toEqual(
      [1, 2, 3, 4, 5].flatMap((line) => [
        { line, code: "metadata_null", path: "responses_create_params.metadata" },
        { line, code: "required_key_missing", path: "agent_ref" },
      ]),
    );
    expect(fixture.query(AUDIT_SQL)).toEqual([]);
  });
});
