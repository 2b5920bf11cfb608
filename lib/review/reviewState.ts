import { type ContentHash, type Decision, isEmptyDecision } from "./decision";
import { type DecisionChange, type DecisionTable, EMPTY_TABLE, decisionEntries, getDecision, setDecisions } from "./decisionTable";
import { type ReviewEvent, type UndoableEvent, eventKeys, isUndoable } from "./events";

/**
 * The review state is a pure function of the event log: `replay(events)` folds `applyEvent` over it. Every part
 * is immutable and shared between states, so `applyEvent` costs O(keys the event touches), not O(log).
 *
 * Undo keeps, for each applied event, the decisions its keys had before; undoing puts exactly those back, so a
 * bulk over 9,620 rows is reverted in one step. A new decision clears the redo stack, as editors do.
 */

/** How many rows of the open file carry each content hash (identical lines share one hash and one decision). */
export type RowWeights = ReadonlyMap<ContentHash, number>;

export function countRows(hashes: Iterable<ContentHash>): Map<ContentHash, number> {
  const weights = new Map<ContentHash, number>();
  for (const h of hashes) weights.set(h, (weights.get(h) ?? 0) + 1);
  return weights;
}

/** Counts in rows of the open file (or in keys when no file is given); `orphaned` is in decisions. */
export interface VerdictCounts {
  readonly accepted: number;
  readonly rejected: number;
  readonly byReason: Readonly<Record<string, number>>;
  /** Decisions (verdict or note) whose content hash matches no row of the open file. */
  readonly orphaned: number;
}

/** A persistent stack: pushing and popping share the rest, so old states stay valid. */
export interface Stack<T> {
  readonly top: T;
  readonly rest: Stack<T> | null;
  readonly depth: number;
}

export interface UndoStep {
  readonly event: UndoableEvent;
  /** Each key the event changed, with its decision just before. */
  readonly before: readonly DecisionChange[];
}

export interface ReviewState {
  readonly decisions: DecisionTable;
  readonly rows: RowWeights | null;
  readonly counts: VerdictCounts;
  readonly undo: Stack<UndoStep> | null;
  readonly redo: Stack<UndoableEvent> | null;
  readonly eventCount: number;
  /** Undo/redo events whose target was not on top of its stack (e.g. a hand-edited log); replay skips them. */
  readonly ignoredEventIds: readonly string[];
}

const NO_COUNTS: VerdictCounts = { accepted: 0, rejected: 0, byReason: {}, orphaned: 0 };

export function createReviewState(rows: RowWeights | null = null): ReviewState {
  return { decisions: EMPTY_TABLE, rows, counts: NO_COUNTS, undo: null, redo: null, eventCount: 0, ignoredEventIds: [] };
}

/** The state a log describes: the same events always give the same state. */
export function replay(events: Iterable<ReviewEvent>, rows: RowWeights | null = null): ReviewState {
  let state = createReviewState(rows);
  for (const e of events) state = applyEvent(state, e);
  return state;
}

/** The state after one more event. Pure: `state` is left as it was and shares all untouched parts with the result. */
export function applyEvent(state: ReviewState, event: ReviewEvent): ReviewState {
  const eventCount = state.eventCount + 1;
  if (isUndoable(event)) {
    return { ...changeDecisions(state, event), eventCount, redo: null };
  }
  if (event.kind === "undo") {
    const step = state.undo?.top;
    if (!step || step.event.id !== event.target) return ignore(state, event);
    const { decisions, counts } = writeChanges(state, step.before);
    return { ...state, decisions, counts, undo: state.undo!.rest, redo: push(state.redo, step.event), eventCount };
  }
  const redone = state.redo?.top;
  if (!redone || redone.id !== event.target) return ignore(state, event);
  return { ...changeDecisions(state, redone), eventCount, redo: state.redo!.rest };
}

/** Recomputes the counts for another open file (e.g. after re-attaching a log); O(decisions). */
export function scopeToRows(state: ReviewState, rows: RowWeights | null): ReviewState {
  const counts = emptyMutableCounts();
  for (const [key, d] of decisionEntries(state.decisions)) tally(counts, rows, key, d, +1);
  return { ...state, rows, counts };
}

/** The keys `event` may change when applied to `state`: what a DuckDB mirror must rewrite, instead of every row. */
export function keysTouchedBy(state: ReviewState, event: ReviewEvent): readonly ContentHash[] {
  if (isUndoable(event)) return eventKeys(event);
  if (event.kind === "undo") return state.undo?.top.event.id === event.target ? state.undo.top.before.map(([k]) => k) : [];
  return state.redo?.top.id === event.target ? eventKeys(state.redo.top) : [];
}

function ignore(state: ReviewState, event: ReviewEvent): ReviewState {
  return { ...state, eventCount: state.eventCount + 1, ignoredEventIds: [...state.ignoredEventIds, event.id] };
}

function push<T>(stack: Stack<T> | null, top: T): Stack<T> {
  return { top, rest: stack, depth: (stack?.depth ?? 0) + 1 };
}

/** Applies an undoable event and records what it overwrote. */
function changeDecisions(state: ReviewState, event: UndoableEvent): ReviewState {
  const after = decisionsAfter(state.decisions, event);
  const before: DecisionChange[] = after.map(([key]) => [key, getDecision(state.decisions, key)]);
  const { decisions, counts } = writeChanges(state, after);
  return { ...state, decisions, counts, undo: push(state.undo, { event, before }) };
}

/** What each key's decision becomes under `event`: one entry per distinct key it actually changes. */
function decisionsAfter(table: DecisionTable, event: UndoableEvent): DecisionChange[] {
  const stamp = { reviewer: event.reviewer, at: event.at, eventId: event.id };
  const changes = new Map<ContentHash, Decision | undefined>();
  switch (event.kind) {
    case "decide":
      for (const key of event.keys) {
        const note = event.note ?? getDecision(table, key)?.note;
        changes.set(key, { verdict: event.verdict, ...(event.reason !== undefined && { reason: event.reason }), ...(note && { note }), ...stamp });
      }
      break;
    case "restore":
      for (const key of event.keys) {
        const prev = getDecision(table, key);
        if (prev && prev.verdict !== "unreviewed") changes.set(key, { verdict: "unreviewed", ...(prev.note && { note: prev.note }), ...stamp });
      }
      break;
    case "note": {
      const prev = getDecision(table, event.key);
      // A note keeps the verdict's attribution: who accepted or rejected a row does not change when it is annotated.
      const { note: _old, ...kept } = prev ?? { verdict: "unreviewed" as const, ...stamp };
      changes.set(event.key, { ...kept, ...(event.note && { note: event.note }) });
      break;
    }
    case "merge":
      for (const e of event.entries) {
        changes.set(e.key, {
          verdict: e.verdict,
          ...(e.verdict === "rejected" && e.reason !== undefined && { reason: e.reason }),
          ...(e.note && { note: e.note }),
          reviewer: e.reviewer,
          at: e.at,
          eventId: event.id,
        });
      }
      break;
  }
  return [...changes];
}

type MutableCounts = { accepted: number; rejected: number; byReason: Record<string, number>; orphaned: number };

function emptyMutableCounts(): MutableCounts {
  return { accepted: 0, rejected: 0, byReason: {}, orphaned: 0 };
}

function writeChanges(state: ReviewState, changes: readonly DecisionChange[]): Pick<ReviewState, "decisions" | "counts"> {
  const counts: MutableCounts = { ...state.counts, byReason: { ...state.counts.byReason } };
  for (const [key, next] of changes) {
    tally(counts, state.rows, key, getDecision(state.decisions, key), -1);
    tally(counts, state.rows, key, next, +1);
  }
  for (const [reason, n] of Object.entries(counts.byReason)) if (n === 0) delete counts.byReason[reason];
  return { decisions: setDecisions(state.decisions, changes), counts };
}

function tally(counts: MutableCounts, rows: RowWeights | null, key: ContentHash, d: Decision | undefined, sign: 1 | -1): void {
  if (!d || isEmptyDecision(d)) return;
  const weight = rows ? (rows.get(key) ?? 0) : 1;
  if (weight === 0) {
    counts.orphaned += sign;
    return;
  }
  if (d.verdict === "accepted") counts.accepted += sign * weight;
  if (d.verdict === "rejected") {
    counts.rejected += sign * weight;
    const reason = d.reason ?? "other";
    counts.byReason[reason] = (counts.byReason[reason] ?? 0) + sign * weight;
  }
}
