import { describe, expect, it } from "vitest";
import { auditCountsByReason, auditEntriesFromFindings, auditEntriesFromSkips, reviewAuditEntries } from "./audit";
import { DEFAULT_REASONS } from "./reasons";
import { countRows, replay } from "./reviewState";
import { reasonCounts } from "./selectors";
import { keys, testFactory } from "./testLogs";

describe("skipped-row audit", () => {
  const f = testFactory();
  const [a, b, c, gone] = keys(4) as [string, string, string, string];
  const events = [f.reject([a], "wrong_tool", "n"), f.reject([b, gone], "from_elsewhere"), f.accept([c])];

  it("lists rejected rows of the open file, newest first, with reason, note, reviewer and time", () => {
    const state = replay(events, countRows([a, b, c]));
    expect(reviewAuditEntries(state)).toEqual([
      { source: "review", key: b, reason: "from_elsewhere", reviewer: "alice", at: "2026-01-01T00:00:02.000Z", eventId: "alice-e2" },
      { source: "review", key: a, reason: "wrong_tool", note: "n", reviewer: "alice", at: "2026-01-01T00:00:01.000Z", eventId: "alice-e1" },
    ]);
  });

  it("puts conversion skips and validation errors beside them as auto entries", () => {
    const auto = [
      ...auditEntriesFromSkips([{ reason: "no_tool_call_after_user", line: 4 }]),
      ...auditEntriesFromFindings(
        [
          { code: "tools_not_list", severity: "error", message: "tools is missing", line: 9 },
          { code: "params_null_fields", severity: "warning", message: "null keys", line: 9 },
        ],
        c,
      ),
    ];
    expect(auto).toEqual([
      { source: "auto", origin: "conversion", reason: "no_tool_call_after_user", message: "no_tool_call_after_user", line: 4 },
      { source: "auto", origin: "validation", reason: "tools_not_list", message: "tools is missing", line: 9, key: c },
    ]);
    const all = [...reviewAuditEntries(replay(events)), ...auto];
    expect(Object.fromEntries(auditCountsByReason(all))).toEqual({ wrong_tool: 1, from_elsewhere: 2, no_tool_call_after_user: 1, tools_not_list: 1 });
  });

  it("counts rows per reason in catalogue order, then codes the catalogue lacks", () => {
    const counts = reasonCounts(replay(events, countRows([a, b, b, c])), DEFAULT_REASONS);
    expect(counts.slice(0, 2)).toEqual([
      { code: "wrong_tool", label: "Wrong tool", count: 1 },
      { code: "wrong_arguments", label: "Wrong arguments", count: 0 },
    ]);
    expect(counts.at(-1)).toEqual({ code: "from_elsewhere", label: "from_elsewhere", count: 2 });
  });
});
