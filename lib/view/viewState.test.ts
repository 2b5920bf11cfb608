import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { openTestDb, type TestDb } from "../testing/nodeDb";
import { gymFixture } from "../testing/fixtures";
import { loadIntoDb } from "../testing/loadIntoDb";
import { decodeView, encodeView, filterPredicate, viewKeysSql, viewPageSql, type ViewState } from "./viewState";

const SAMPLE = path.resolve(import.meta.dirname, "../../public/sample/sample-pivots.jsonl");
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  await loadIntoDb(db, [gymFixture("single_step_example.jsonl"), gymFixture("single_step_parallel_example.jsonl"), SAMPLE]);
});

const lines = (view: ViewState) => db.query(viewKeysSql(view)).map((r) => `${r.file_id}:${r.line}`);
const filtered = (...filters: ViewState["filters"]) => lines({ filters, sort: null });

describe("view filters are SQL over the whole table", () => {
  it("text filters: substring (case-insensitive), exact, not-equal, null", () => {
    expect(filtered({ column: "tool_name", value: "AUTHENTICATE" })).toEqual(["1:1"]);
    expect(filtered({ column: "file_name", value: "=single_step_example.jsonl" }, { column: "action_type", value: "=message" })).toEqual(["1:2", "1:4"]);
    expect(filtered({ column: "file_name", value: "parallel" }, { column: "action_type", value: "!=function_call_batch" })).toEqual(["2:4", "2:5"]);
    expect(filtered({ column: "file_name", value: "example" }, { column: "agent_ref", value: "null" })).toHaveLength(10);
    // A message has no tool: its empty tool name matches `null`, and only the calls match `!null`.
    const messages = filtered({ column: "action_type", value: "=message" });
    expect(messages.length).toBeGreaterThan(0);
    expect(filtered({ column: "tool_name", value: "null" })).toEqual(messages);
    expect(filtered({ column: "tool_name", value: "!null" })).toEqual(filtered({ column: "action_type", value: "!=message" }));
    expect(filtered({ column: "tool_name", value: "!=null" })).toEqual(filtered({ column: "tool_name", value: "!null" }));
  });

  it("number filters: equality, comparisons, ranges; garbage matches nothing", () => {
    expect(filtered({ column: "file_name", value: "=single_step_example.jsonl" }, { column: "input_items", value: ">=14" })).toEqual(["1:3", "1:4"]);
    expect(filtered({ column: "file_name", value: "=single_step_example.jsonl" }, { column: "input_items", value: "5..11" })).toEqual(["1:1", "1:2", "1:5"]);
    expect(filtered({ column: "line", value: "3" }).length).toBe(3);
    expect(filtered({ column: "line", value: "three" })).toEqual([]);
    // != is every other row: the complement of =.
    const all = filtered({ column: "file_name", value: "=single_step_example.jsonl" });
    const five = filtered({ column: "file_name", value: "=single_step_example.jsonl" }, { column: "input_items", value: "5" });
    const notFive = filtered({ column: "file_name", value: "=single_step_example.jsonl" }, { column: "input_items", value: "!=5" });
    expect(five.length).toBeGreaterThan(0);
    expect([...five, ...notFive].sort()).toEqual([...all].sort());
    expect(notFive.length).toBeGreaterThan(0);
  });

  it("list filters match an element", () => {
    expect(filtered({ column: "tool_names", value: "get_stock_price" })).toEqual(["2:2", "2:3"]);
    const parallel = filtered({ column: "file_name", value: "parallel" });
    const without = filtered({ column: "file_name", value: "parallel" }, { column: "tool_names", value: "!=get_stock_price" });
    expect(without).toEqual(parallel.filter((k) => k !== "2:2" && k !== "2:3"));
  });

  it("escapes literals: quotes and LIKE wildcards are matched literally", () => {
    expect(filtered({ column: "tool_name", value: "'; DROP TABLE rows; --" })).toEqual([]);
    expect(filtered({ column: "tool_name", value: "%" })).toEqual([]);
    expect(filtered({ column: "tool_name", value: "get_" }).length).toBeGreaterThan(0);
    expect(filtered({ column: "tool_name", value: "get%weather" })).toEqual([]);
    expect(db.query("SELECT count(*)::INTEGER AS n FROM rows")[0]!.n).toBeGreaterThan(0);
    expect(filterPredicate("tool_name", "a'b")).toBe(`r."tool_name" ILIKE '%a''b%' ESCAPE '\\'`);
  });

  it("sorts with a stable tie-break, and pages in the same order", () => {
    const view: ViewState = { filters: [{ column: "file_name", value: "=single_step_example.jsonl" }], sort: { column: "input_items", desc: true } };
    expect(lines(view)).toEqual(["1:4", "1:3", "1:5", "1:1", "1:2"]);
    expect(db.query(viewPageSql(view, ["line", "file_name", "input_items"], 1, 2))).toEqual([
      { line: 3, file_name: "single_step_example.jsonl", input_items: 14 },
      { line: 5, file_name: "single_step_example.jsonl", input_items: 11 },
    ]);
  });

  it("filters, sorts and pages by review decisions (unreviewed rows have none)", () => {
    const [first, second] = db.query("SELECT content_hash FROM rows WHERE file_id = 1 ORDER BY line LIMIT 2").map((r) => r.content_hash as string);
    db.query(`INSERT INTO decisions VALUES ('${first}', 'rejected', 'bad_arguments', '', 'me', 't'), ('${second}', 'accepted', NULL, '', 'me', 't')`);
    try {
      expect(filtered({ column: "verdict", value: "=rejected" })).toEqual(["1:1"]);
      expect(filtered({ column: "verdict", value: "=unreviewed" })).toHaveLength(lines({ filters: [], sort: null }).length - 2);
      const byReason: ViewState = { filters: [{ column: "file_name", value: "=single_step_example.jsonl" }], sort: { column: "reason", desc: false } };
      expect(lines(byReason)).toEqual(["1:1", "1:2", "1:3", "1:4", "1:5"]);
      expect(db.query(viewPageSql({ filters: [], sort: null }, ["line", "verdict", "reason"], 0, 3))).toEqual([
        { line: 1, verdict: "rejected", reason: "bad_arguments" },
        { line: 2, verdict: "accepted", reason: null },
        { line: 3, verdict: "unreviewed", reason: null },
      ]);
    } finally {
      db.query("DELETE FROM decisions");
    }
  });

  it("round-trips through the URL and rejects what is not a view", () => {
    const view: ViewState = { filters: [{ column: "depth", value: ">2" }], sort: { column: "line", desc: false } };
    expect(decodeView(encodeView(view))).toEqual(view);
    expect(encodeView({ filters: [], sort: null })).toBeNull();
    expect(decodeView('{"filters":[{"column":"line); DROP TABLE rows","value":"1"}]}')).toEqual({ filters: [], sort: null });
    expect(decodeView("not json")).toEqual({ filters: [], sort: null });
  });
});
