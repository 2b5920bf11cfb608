import { describe, expect, it } from "vitest";
import { decisionEntries } from "./decisionTable";
import { type ReviewEvent, isUndoable } from "./events";
import { type ReviewState, applyEvent, countRows, createReviewState, keysTouchedBy, replay, scopeToRows } from "./reviewState";
import { decisionOf, progress, redoTarget, undoTarget, verdictOf } from "./selectors";
import { countsOf, keyOf, keys, randomLog, referenceModel, testFactory } from "./testLogs";

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

function plain(state: ReviewState) {
  return new Map(decisionEntries(state.decisions));
}

function stackIds(state: ReviewState) {
  const undo: string[] = [];
  for (let s = state.undo; s; s = s.rest) undo.push(s.top.event.id);
  const redo: string[] = [];
  for (let s = state.redo; s; s = s.rest) redo.push(s.top.id);
  return { undo, redo };
}

describe("review reducer on generated logs", () => {
  it.each(SEEDS)("seed %i: every prefix matches the reference model (decisions, counts, undo and redo stacks)", (seed) => {
    const { events, states } = randomLog(seed, { steps: 150 });
    states.forEach((state, i) => {
      const model = referenceModel(events.slice(0, i + 1));
      expect(plain(state)).toEqual(model.decisions);
      expect(state.counts).toEqual(countsOf(model.decisions, null));
      expect(stackIds(state)).toEqual({ undo: model.undoIds, redo: model.redoIds });
      expect(state.decisions.size).toBe(model.decisions.size);
    });
  });

  it.each(SEEDS)("seed %i: replaying the log, whole or resumed at any point, gives the incremental state", (seed) => {
    const { events, state } = randomLog(seed, { steps: 150 });
    expect(replay(events)).toEqual(state);
    expect(replay(events)).toEqual(replay(events));
    const cut = (seed * 37) % events.length;
    expect(events.slice(cut).reduce(applyEvent, replay(events.slice(0, cut)))).toEqual(state);
  });

  it.each(SEEDS)("seed %i: undo inverts any event and redo re-applies it", (seed) => {
    const { states } = randomLog(seed, { steps: 60 });
    const f = testFactory("zed");
    const s0 = states[states.length - 1]!;
    const events: ReviewEvent[] = [f.accept(keys(5)), f.reject(keys(3, 2), "too_easy", "n"), f.restore(keys(40)), f.note(keyOf(7), "x"), f.merge([{ key: keyOf(1), verdict: "rejected", reason: "other", reviewer: "bob", at: "2025-01-01T00:00:00.000Z" }])];
    for (const e of events) {
      const s1 = applyEvent(s0, e);
      const s2 = applyEvent(s1, f.undo(e.id));
      expect(plain(s2)).toEqual(plain(s0));
      expect(s2.counts).toEqual(s0.counts);
      expect(undoTarget(s2)).toBe(undoTarget(s0));
      const s3 = applyEvent(s2, f.redo(e.id));
      expect(plain(s3)).toEqual(plain(s1));
      expect(s3.counts).toEqual(s1.counts);
      expect(redoTarget(s3)).toBe(redoTarget(s1));
    }
  });

  it("counts stay equal to a recount for a file with duplicate rows and rows the log does not know", () => {
    for (const seed of SEEDS) {
      const { events } = randomLog(seed, { steps: 120 });
      // Keys 0–9 appear twice in the file, 30–39 not at all (orphans).
      const rows = countRows([...keys(30), ...keys(10)]);
      const state = replay(events, rows);
      expect(state.counts).toEqual(countsOf(plain(state), rows));
      expect(scopeToRows(replay(events), rows)).toEqual(state);
    }
  });
});

describe("review reducer, by example", () => {
  it("records accept and reject with reviewer, time and event id", () => {
    const f = testFactory();
    const [k1, k2] = keys(2);
    const state = replay([f.accept([k1!]), f.reject([k2!], "wrong_tool", "called search")]);
    expect(decisionOf(state, k1!)).toEqual({ verdict: "accepted", reviewer: "alice", at: "2026-01-01T00:00:01.000Z", eventId: "alice-e1" });
    expect(decisionOf(state, k2!)).toMatchObject({ verdict: "rejected", reason: "wrong_tool", note: "called search" });
    expect(verdictOf(state, keyOf(99))).toBe("unreviewed");
    expect(progress(state, 10)).toEqual({ total: 10, reviewed: 2, accepted: 1, rejected: 1, unreviewed: 8 });
  });

  it("undoes a bulk over 9,620 rows in one step, and applies it well under a second", () => {
    const f = testFactory();
    const all = keys(9620);
    let state = replay([f.reject(all.slice(0, 100), "duplicate"), f.accept(all.slice(50, 60), "kept")], countRows(all));
    const before = state;
    const bulk = f.reject(all, "bad_source_trajectory");
    const t0 = performance.now();
    state = applyEvent(state, bulk);
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(250);
    expect(state.counts).toMatchObject({ accepted: 0, rejected: 9620, byReason: { bad_source_trajectory: 9620 } });
    expect(decisionOf(state, all[55]!)?.note).toBe("kept");
    state = applyEvent(state, f.undo(bulk.id));
    expect(plain(state)).toEqual(plain(before));
    expect(state.counts).toEqual(before.counts);
  });

  it("a single decision copies one bucket of the decision table and shares the rest", () => {
    const f = testFactory();
    const all = keys(20_000);
    const big = replay([f.accept(all)]);
    const next = applyEvent(big, f.reject([all[123]!], "too_hard"));
    const changed = next.decisions.buckets.filter((b, i) => b !== big.decisions.buckets[i]).length;
    expect(changed).toBe(1);
    expect(verdictOf(big, all[123]!)).toBe("accepted");
  });

  it("restore puts rows back to unreviewed, keeps their notes, and is undoable", () => {
    const f = testFactory();
    const [a, b, c] = keys(3);
    const rejected = replay([f.reject([a!, b!], "ambiguous_context", "unclear"), f.accept([c!])]);
    const restore = f.restore([a!, b!, keyOf(50)]);
    const restored = applyEvent(rejected, restore);
    expect(decisionOf(restored, a!)).toMatchObject({ verdict: "unreviewed", note: "unclear" });
    expect(restored.counts).toEqual({ accepted: 1, rejected: 0, byReason: {}, orphaned: 0 });
    expect(keysTouchedBy(rejected, restore)).toEqual([a, b, keyOf(50)]);
    expect(plain(applyEvent(restored, f.undo(restore.id)))).toEqual(plain(rejected));
  });

  it("a note keeps who made the verdict; an empty note clears it", () => {
    const f = testFactory("alice");
    const g = testFactory("bob");
    const [k] = keys(1);
    const accepted = replay([f.accept([k!])]);
    const noted = applyEvent(accepted, g.note(k!, "fine by me"));
    expect(decisionOf(noted, k!)).toEqual({ ...decisionOf(accepted, k!), note: "fine by me" });
    expect(decisionOf(applyEvent(noted, g.note(k!, "")), k!)).toEqual(decisionOf(accepted, k!));
    const noteOnly = applyEvent(createReviewState(), g.note(k!, "look later"));
    expect(decisionOf(noteOnly, k!)).toMatchObject({ verdict: "unreviewed", note: "look later", reviewer: "bob" });
    expect(progress(noteOnly, 1).reviewed).toBe(0);
  });

  it("a new decision clears redo; stale undo and redo are ignored and recorded", () => {
    const f = testFactory();
    const [a, b] = keys(2);
    const first = f.accept([a!]);
    let state = replay([first, f.undo(first.id)]);
    expect(redoTarget(state)).toBe(first.id);
    state = applyEvent(state, f.accept([b!]));
    expect(redoTarget(state)).toBeNull();
    const stale = f.redo(first.id);
    const after = applyEvent(state, stale);
    expect(plain(after)).toEqual(plain(state));
    expect(after.ignoredEventIds).toEqual([stale.id]);
    expect(keysTouchedBy(state, stale)).toEqual([]);
  });

  it("undo and redo walk back and forth through the whole history", () => {
    const { events, states } = randomLog(7, { steps: 80 });
    const f = testFactory("walker");
    let state = states[states.length - 1]!;
    const seen: ReviewState[] = [state];
    for (let target = undoTarget(state); target; target = undoTarget(state)) {
      state = applyEvent(state, f.undo(target));
      seen.push(state);
    }
    expect(state.decisions.size).toBe(0);
    expect(events.some(isUndoable)).toBe(true);
    for (let i = seen.length - 2; i >= 0; i--) {
      state = applyEvent(state, f.redo(redoTarget(state)!));
      expect(plain(state)).toEqual(plain(seen[i]!));
    }
  });
});
