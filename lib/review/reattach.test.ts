import { describe, expect, it } from "vitest";
import { fingerprintOf } from "./fileFingerprint";
import { reattach } from "./reattach";
import { applyEvent, countRows, scopeToRows } from "./reviewState";
import { progress, verdictOf } from "./selectors";
import { keys, prng, testFactory } from "./testLogs";

const rows = keys(100);
const file = fingerprintOf(rows);

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rand = prng(seed);
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function log() {
  const f = testFactory("alice", file);
  return [f.accept(rows.slice(0, 10)), f.reject(rows.slice(90), "duplicate", "same as 3"), f.note(rows[50]!, "odd")];
}

describe("re-attaching a log to the open file", () => {
  it("attaches every decision to a reordered copy of the same file", () => {
    const reordered = shuffled(rows, 3);
    const fp = fingerprintOf(reordered);
    expect(fp).toBe(file);
    const { state, report } = reattach(log(), fp, countRows(reordered));
    expect(report).toEqual({ sameFile: true, logFiles: [file], attached: 21, orphans: [] });
    expect(verdictOf(state, rows[95]!)).toBe("rejected");
    expect(progress(state, reordered.length)).toMatchObject({ reviewed: 20, accepted: 10, rejected: 10 });
  });

  it("on a changed file attaches what still matches and lists the rest as orphans", () => {
    const changed = [...rows.slice(5, 95), ...keys(3, 1000)];
    const fp = fingerprintOf(changed);
    const { state, report } = reattach(log(), fp, countRows(changed));
    expect(report.sameFile).toBe(false);
    expect(report.logFiles).toEqual([file]);
    expect(report.attached).toBe(11);
    expect(report.orphans.map((o) => o.key)).toEqual([...rows.slice(0, 5), ...rows.slice(95)].sort());
    expect(report.orphans.find((o) => o.key === rows[96])?.decision).toMatchObject({ verdict: "rejected", note: "same as 3" });
    expect(state.counts).toMatchObject({ accepted: 5, rejected: 5, orphaned: 10 });
  });

  it("without a log, needs no rows yet: decisions made before the weights are read count once they are", () => {
    // Two identical lines share one hash; deciding it accepts both rows.
    const open = [...rows.slice(0, 10), rows[3]!];
    const { state, report } = reattach([], fingerprintOf(open), null);
    expect(report).toEqual({ sameFile: true, logFiles: [], attached: 0, orphans: [] });
    const decided = applyEvent(state, testFactory("alice", fingerprintOf(open)).accept([rows[3]!]));
    expect(decided.counts).toMatchObject({ accepted: 1 });
    expect(scopeToRows(decided, countRows(open)).counts).toMatchObject({ accepted: 2, orphaned: 0 });
    expect(() => reattach(log(), file, null)).toThrow(/hashes are known/);
  });
});
