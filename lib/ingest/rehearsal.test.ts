import { describe, expect, it } from "vitest";
import { openTestDb } from "../testing/nodeDb";
import { REHEARSAL_ROWS, rehearsal } from "./rehearsal";

describe("rehearsal", () => {
  it("runs a load's inserts and statements on the app's schema, with work for each check", async () => {
    const db = await openTestDb();
    const { inserts, statements } = rehearsal();
    for (const { table, ipc } of inserts) db.insertIpc(table, ipc);
    for (const sql of statements) db.query(sql);
    const [counts] = db.query(
      "SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE skip_reason = 'duplicate')::INTEGER AS duplicates, " +
        "count(reward_group)::INTEGER AS grouped, count(*) FILTER (WHERE list_contains(finding_codes, 'duplicate_row'))::INTEGER AS repeated FROM rows",
    );
    expect(counts).toMatchObject({ n: REHEARSAL_ROWS, grouped: REHEARSAL_ROWS });
    expect(counts!.duplicates).toBeGreaterThan(0);
    expect(counts!.repeated).toBeGreaterThan(0);
  });
});
