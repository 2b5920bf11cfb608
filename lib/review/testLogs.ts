/** Test support: seeded random review logs and a plain reference model of the reducer. Production never imports it. */
import { type ContentHash, type Decision, isEmptyDecision } from "./decision";
import { type EventFactory, type MergeEntry, type ReviewEvent, type UndoableEvent, createEventFactory, isUndoable } from "./events";
import { DEFAULT_REASONS } from "./reasons";
import { type ReviewState, type RowWeights, applyEvent, createReviewState } from "./reviewState";
import { redoTarget, undoTarget } from "./selectors";
import { prng } from "../testing/prng";

export const FILE = "fp1:40:00000000000000000000000000000000";

export { prng };

/** A deterministic content hash for row i. */
export function keyOf(i: number): ContentHash {
  const hi = Math.imul(i + 1, 0x9e3779b1) >>> 0;
  const lo = Math.imul(i ^ 0x5bd1e995, 0x85ebca6b) >>> 0;
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

export function keys(n: number, from = 0): ContentHash[] {
  return Array.from({ length: n }, (_, i) => keyOf(from + i));
}

/** Event factory with predictable ids (`e1`, `e2`, …) and a clock that ticks one second per event. */
export function testFactory(reviewer = "alice", file = FILE, start = Date.UTC(2026, 0, 1)): EventFactory {
  let n = 0;
  let t = start;
  return createEventFactory({ file, reviewer, newId: () => `${reviewer}-e${++n}`, now: () => new Date((t += 1000)) });
}

export interface RandomLogOptions {
  steps: number;
  keyCount?: number;
  reviewer?: string;
}

/** A random but well-formed log: undo/redo name the right target, with an occasional stale one. */
export function randomLog(seed: number, options: RandomLogOptions): { events: ReviewEvent[]; state: ReviewState; states: ReviewState[] } {
  const rand = prng(seed);
  const pool = keys(options.keyCount ?? 40);
  const f = testFactory(options.reviewer ?? "alice");
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const subset = (max: number) => Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(pool));
  const reason = () => pick(DEFAULT_REASONS).code;
  const maybeNote = () => (rand() < 0.3 ? pick(["", "looks fine", "check args", "dup of 12"]) : undefined);
  let state = createReviewState();
  const events: ReviewEvent[] = [];
  const states: ReviewState[] = [];
  const push = (e: ReviewEvent) => {
    events.push(e);
    state = applyEvent(state, e);
    states.push(state);
  };
  while (events.length < options.steps) {
    const r = rand();
    const undo = undoTarget(state);
    const redo = redoTarget(state);
    let e: ReviewEvent;
    if (r < 0.22) e = f.accept([pick(pool)], maybeNote());
    else if (r < 0.4) e = f.reject([pick(pool)], reason(), maybeNote());
    else if (r < 0.5) e = rand() < 0.5 ? f.accept(subset(15), maybeNote()) : f.reject(subset(15), reason());
    else if (r < 0.6) e = f.note(pick(pool), pick(["", "a note", "another note"]));
    else if (r < 0.67) e = f.restore(subset(8));
    else if (r < 0.72) e = f.merge(subset(6).map((key) => randomEntry(key, rand, reason)));
    else if (r < 0.8 && undo) e = f.undo(undo);
    else if (r < 0.86 && redo) e = f.redo(redo);
    else if (r < 0.92 && (undo || redo)) {
      // A streak: undo several steps, then redo some of them, so both stacks grow deep.
      const depth = 1 + Math.floor(rand() * 12);
      for (let j = 0; j < depth && undoTarget(state); j++) push(f.undo(undoTarget(state)!));
      const again = Math.floor(rand() * (depth + 1));
      for (let j = 0; j < again && redoTarget(state); j++) push(f.redo(redoTarget(state)!));
      continue;
    } else if (r < 0.985) e = f.accept([pick(pool)]);
    else {
      // Undo or redo naming an earlier event that is not on top of its stack: replay must ignore it.
      const earlier = events.filter(isUndoable);
      if (!earlier.length) continue;
      const target = pick(earlier).id;
      e = rand() < 0.5 ? f.undo(target) : f.redo(target);
    }
    push(e);
  }
  return { events, state, states };
}

function randomEntry(key: ContentHash, rand: () => number, reason: () => string): MergeEntry {
  const r = rand();
  const who = { reviewer: rand() < 0.5 ? "bob" : "carol", at: "2025-06-01T10:00:00.000Z" };
  if (r < 0.4) return { key, verdict: "accepted", ...who };
  if (r < 0.8) return { key, verdict: "rejected", reason: reason(), note: "from bob", ...who };
  return { key, verdict: "unreviewed", note: "only a note", ...who };
}

export interface ModelResult {
  decisions: Map<ContentHash, Decision>;
  undoIds: string[];
  redoIds: string[];
}

/**
 * The reducer's meaning, written the slow and obvious way: keep the list of applied events (undo pops it, redo
 * pushes back, a new event clears redo) and fold that list from nothing on a plain Map.
 */
export function referenceModel(events: readonly ReviewEvent[]): ModelResult {
  const applied: UndoableEvent[] = [];
  let redo: UndoableEvent[] = [];
  for (const e of events) {
    if (isUndoable(e)) {
      applied.push(e);
      redo = [];
    } else if (e.kind === "undo") {
      if (applied.at(-1)?.id === e.target) redo.push(applied.pop()!);
    } else if (redo.at(-1)?.id === e.target) applied.push(redo.pop()!);
  }
  const decisions = new Map<ContentHash, Decision>();
  for (const e of applied) applyPlain(decisions, e);
  for (const [k, d] of decisions) if (isEmptyDecision(d)) decisions.delete(k);
  return { decisions, undoIds: applied.map((e) => e.id).reverse(), redoIds: redo.map((e) => e.id).reverse() };
}

function applyPlain(m: Map<ContentHash, Decision>, e: UndoableEvent): void {
  const stamp = { reviewer: e.reviewer, at: e.at, eventId: e.id };
  const set = (key: ContentHash, d: Decision) => {
    if (!d.note) delete d.note;
    m.set(key, d);
  };
  if (e.kind === "decide") for (const k of e.keys) set(k, { verdict: e.verdict, ...(e.reason && { reason: e.reason }), note: e.note ?? m.get(k)?.note, ...stamp });
  if (e.kind === "restore")
    for (const k of e.keys) {
      const prev = m.get(k);
      if (prev && prev.verdict !== "unreviewed") set(k, { verdict: "unreviewed", note: prev.note, ...stamp });
    }
  if (e.kind === "note") {
    const prev = m.get(e.key);
    set(e.key, prev ? { ...prev, note: e.note } : { verdict: "unreviewed", note: e.note, ...stamp });
  }
  if (e.kind === "merge")
    for (const x of e.entries) set(x.key, { verdict: x.verdict, ...(x.reason && { reason: x.reason }), note: x.note, reviewer: x.reviewer, at: x.at, eventId: e.id });
  for (const [k, d] of m) if (isEmptyDecision(d)) m.delete(k);
}

/** Counts recomputed from a plain decision map (row-weighted like the reducer). */
export function countsOf(decisions: ReadonlyMap<ContentHash, Decision>, rows: RowWeights | null) {
  const counts = { accepted: 0, rejected: 0, byReason: {} as Record<string, number>, orphaned: 0 };
  for (const [key, d] of decisions) {
    const w = rows ? (rows.get(key) ?? 0) : 1;
    if (w === 0) counts.orphaned++;
    else if (d.verdict === "accepted") counts.accepted += w;
    else if (d.verdict === "rejected") {
      counts.rejected += w;
      counts.byReason[d.reason!] = (counts.byReason[d.reason!] ?? 0) + w;
    }
  }
  return counts;
}
