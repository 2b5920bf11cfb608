import { describe, expect, it } from "vitest";
import { decisionEntries } from "./decisionTable";
import { UnresolvedConflictsError, compareReviews, resolveMerge } from "./merge";
import { applyEvent, createReviewState, replay } from "./reviewState";
import { decisionOf } from "./selectors";
import { keyOf, keys, randomLog, testFactory } from "./testLogs";

const [k1, k2, k3, k4, k5, k6] = keys(6) as [string, string, string, string, string, string];

function twoReviewers() {
  const alice = testFactory("alice");
  const bob = testFactory("bob", undefined, Date.UTC(2026, 1, 1));
  const left = replay([alice.accept([k1, k2]), alice.reject([k3], "wrong_tool", "search, not lookup"), alice.reject([k4], "too_easy"), alice.accept([k5])]);
  const right = replay([bob.accept([k1]), bob.reject([k2], "wrong_arguments"), bob.reject([k3], "wrong_tool", "should call lookup"), bob.reject([k4], "duplicate"), bob.accept([k6])]);
  return { left, right };
}

describe("comparing two reviewers", () => {
  it("sorts keys into agreements, conflicts and one-sided decisions, with per-reviewer counts", () => {
    const report = compareReviews(twoReviewers().left, twoReviewers().right);
    const ids = (xs: { key: string }[]) => xs.map((x) => x.key).sort();
    expect(ids(report.agreements)).toEqual([k1, k3].sort());
    expect(ids(report.conflicts)).toEqual([k2, k4].sort()); // k2: different verdicts; k4: different reasons
    expect(ids(report.onlyLeft)).toEqual([k5]);
    expect(ids(report.onlyRight)).toEqual([k6]);
    expect(report.reviewers).toEqual([
      { reviewer: "alice", side: "left", accepted: 3, rejected: 2 },
      { reviewer: "bob", side: "right", accepted: 2, rejected: 3 },
    ]);
  });

  it("refuses to merge until every conflict has a choice", () => {
    const { left, right } = twoReviewers();
    expect(() => resolveMerge(left, right, new Map([[k2, "right"]]))).toThrow(UnresolvedConflictsError);
    try {
      resolveMerge(left, right, new Map());
    } catch (err) {
      expect([...(err as UnresolvedConflictsError).keys].sort()).toEqual([k2, k4].sort());
    }
  });

  it("applies the choices as one merge event: right-only and chosen-right keys change, notes kept from both", () => {
    const { left, right } = twoReviewers();
    const entries = resolveMerge(left, right, new Map([[k2, "right"], [k4, "left"]]));
    const merger = testFactory("alice", undefined, Date.UTC(2026, 2, 1));
    const merge = merger.merge(entries);
    const merged = applyEvent(left, merge);
    expect(decisionOf(merged, k2)).toMatchObject({ verdict: "rejected", reason: "wrong_arguments", reviewer: "bob" });
    expect(decisionOf(merged, k4)).toMatchObject({ verdict: "rejected", reason: "too_easy", reviewer: "alice" });
    expect(decisionOf(merged, k6)).toMatchObject({ verdict: "accepted", reviewer: "bob" });
    expect(decisionOf(merged, k5)).toEqual(decisionOf(left, k5));
    expect(decisionOf(merged, k3)?.note).toBe("search, not lookup\n[bob] should call lookup");
    expect(decisionOf(merged, k3)?.reviewer).toBe("alice");
    expect(compareReviews(merged, right).conflicts.map((c) => c.key)).toEqual([k4]);
    // One undo reverts the whole merge.
    expect([...decisionEntries(applyEvent(merged, merger.undo(merge.id)).decisions)]).toEqual([...decisionEntries(left.decisions)]);
  });

  it("is idempotent: merging the same right side again changes nothing", () => {
    const { left, right } = twoReviewers();
    const choices = new Map([[k2, "left" as const], [k4, "right" as const]]);
    const once = applyEvent(left, testFactory("m").merge(resolveMerge(left, right, choices)));
    expect(resolveMerge(once, right, choices)).toEqual([]);
  });

  it("importing a colleague's log into an empty review adopts every decision and note", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { state: theirs } = randomLog(seed, { steps: 120, reviewer: "bob" });
      const mine = applyEvent(createReviewState(), testFactory("alice").merge(resolveMerge(createReviewState(), theirs, new Map())));
      const strip = (s: typeof mine) => [...decisionEntries(s.decisions)].map(([k, d]) => [k, d.verdict, d.reason, d.note, d.reviewer, d.at]).sort();
      expect(strip(mine)).toEqual(strip(theirs));
      expect(mine.counts).toEqual(theirs.counts);
    }
  });

  it("a note-only decision on either side is carried, never a conflict", () => {
    const a = testFactory("alice");
    const b = testFactory("bob");
    const left = replay([a.note(keyOf(1), "left note")]);
    const right = replay([b.note(keyOf(1), "right note"), b.note(keyOf(2), "only right")]);
    const report = compareReviews(left, right);
    expect(report.conflicts).toEqual([]);
    const merged = applyEvent(left, a.merge(resolveMerge(left, right, new Map())));
    expect(decisionOf(merged, keyOf(1))).toMatchObject({ verdict: "unreviewed", note: "left note\n[bob] right note" });
    expect(decisionOf(merged, keyOf(2))).toMatchObject({ verdict: "unreviewed", note: "only right", reviewer: "bob" });
  });
});
