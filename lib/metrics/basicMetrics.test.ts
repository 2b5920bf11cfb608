import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { openTestDb, type TestDb } from "../testing/nodeDb";
import { fixtureRows, gymFixture } from "../testing/fixtures";
import { loadIntoDb } from "../testing/loadIntoDb";
import { EMPTY_VIEW, viewKeysSql } from "../view/viewState";
import { allBreakdownsSql, BREAKDOWNS, breakdownSql, LOAD_HEALTH_SQL } from "./basicMetrics";
import { fileProfileSql, foldFileProfile } from "./fileProfileSql";
import { detectFileKind } from "../formats/fileKind";
import { scanFile } from "../ingest/loadSummary";
import { openFileSource } from "../node/fileSource";

const SAMPLE = path.resolve(import.meta.dirname, "../../public/sample/sample-pivots.jsonl");
type Obj = Record<string, unknown>;

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await loadIntoDb(db, [gymFixture("single_step_parallel_example.jsonl"), SAMPLE]);
});

const asMap = (rows: Obj[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));

describe("metrics SQL, run in duckdb-wasm over Arrow-inserted summaries", () => {
  it("counts action types with percents summing to 100", () => {
    const rows = db.query(breakdownSql("action_type", EMPTY_VIEW));
    const raw = [...fixtureRows("single_step_parallel_example.jsonl"), ...readSample()];
    const want: Record<string, number> = {};
    for (const r of raw) want[(r.expected_action as Obj).type as string] = (want[(r.expected_action as Obj).type as string] ?? 0) + 1;
    expect(asMap(rows)).toEqual(want);
    expect(rows.reduce((s, r) => s + (r.pct as number), 0)).toBeCloseTo(100, 0);
  });

  it("counts each call of a batch under its tool, and messages once", () => {
    const rows = asMap(db.query(breakdownSql("tool", { filters: [{ column: "file_name", value: "=single_step_parallel_example.jsonl" }], sort: null })));
    // 3 + 0 + 1 get_weather from the batches, plus the single call; 2 + 1 get_stock_price; 1 message.
    expect(rows).toEqual({ get_weather: 5, get_stock_price: 3, "(message)": 1 });
  });

  it("counts depth as the rows carry it, missing depth as (none)", () => {
    const rows = asMap(db.query(breakdownSql("depth", EMPTY_VIEW)));
    const want: Record<string, number> = { "(none)": 5 };
    for (const r of readSample()) {
      const d = String((r.info as Obj).depth);
      want[d] = (want[d] ?? 0) + 1;
    }
    expect(rows).toEqual(want);
  });

  it("runs every breakdown in one query, each as its own query would", () => {
    const all = db.query(allBreakdownsSql(EMPTY_VIEW));
    for (const name of BREAKDOWNS) {
      expect(all.filter((r) => r.metric === name).map(({ metric: _, ...r }) => r)).toEqual(db.query(breakdownSql(name, EMPTY_VIEW)));
    }
  });

  it("reports load health over all files", () => {
    expect(db.query(LOAD_HEALTH_SQL)).toEqual([{ rows: 5 + readSample().length, errors: 0 }]);
  });

  it("profiles a file in SQL the same way the one-thread scan does", async () => {
    for (const [fileId, file] of [[1, gymFixture("single_step_parallel_example.jsonl")], [2, SAMPLE]] as const) {
      const src = await openFileSource(file);
      const scan = await scanFile(src);
      await src.close();
      const fromSql = foldFileProfile(db.query(fileProfileSql(fileId)), 0);
      expect(fromSql).toEqual(scan.profile);
      expect(detectFileKind(fromSql)).toEqual(scan.detection);
    }
    expect(detectFileKind(foldFileProfile(db.query(fileProfileSql(1)), 0)).details).toContain("function_call_batch actions: 3");
  });

  it("orders the view by file then line", () => {
    const keys = db.query(viewKeysSql(EMPTY_VIEW)).map((k) => ({ file_id: k.file_id, line: k.line }));
    expect(keys.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 1].map((line, i) => ({ file_id: i < 5 ? 1 : 2, line })));
  });
});

function readSample(): Obj[] {
  return readFileSync(SAMPLE, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Obj);
}
