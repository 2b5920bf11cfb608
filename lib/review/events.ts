import { type ContentHash, type Verdict } from "./decision";
import { type FileFingerprint } from "./fileFingerprint";
import { REASON_CODE_PATTERN } from "./reasons";

/**
 * The review log's events. The log is append-only: nothing is ever rewritten, undo and redo are events that
 * name the event they revert or re-apply, and replaying the same events always gives the same state.
 *
 * Every event says which file (fingerprint) it was recorded against and who recorded it. `decide` covers one
 * key or a whole bulk, so a bulk is one record, one write and one undo step.
 */
export const LOG_FORMAT_VERSION = 1;

interface EventBase {
  v: typeof LOG_FORMAT_VERSION;
  id: string;
  /** ISO 8601 time the event was recorded. */
  at: string;
  file: FileFingerprint;
  reviewer: string;
}

export interface DecideEvent extends EventBase {
  kind: "decide";
  keys: ContentHash[];
  verdict: "accepted" | "rejected";
  /** Required for `rejected`, absent for `accepted`. */
  reason?: string;
  /** When present, replaces the note of every key; when absent, notes are kept. */
  note?: string;
}

/** Sets (or, with "", clears) one key's note, keeping its verdict and who made it. */
export interface NoteEvent extends EventBase {
  kind: "note";
  key: ContentHash;
  note: string;
}

/** Puts keys back to unreviewed (their notes stay): how a row leaves the skipped-row audit. */
export interface RestoreEvent extends EventBase {
  kind: "restore";
  keys: ContentHash[];
}

/** One decision as a merge carries it: attribution stays with the reviewer who made it. */
export interface MergeEntry {
  key: ContentHash;
  verdict: Verdict;
  reason?: string;
  note?: string;
  reviewer: string;
  at: string;
}

/** The outcome of merging another reviewer's log: arbitrary decisions set at once, undone at once. */
export interface MergeEvent extends EventBase {
  kind: "merge";
  entries: MergeEntry[];
}

export interface UndoEvent extends EventBase {
  kind: "undo";
  /** The event being undone: must be the top of the undo stack, or the undo is ignored. */
  target: string;
}

export interface RedoEvent extends EventBase {
  kind: "redo";
  /** The undone event being re-applied: must be the top of the redo stack, or the redo is ignored. */
  target: string;
}

export type UndoableEvent = DecideEvent | NoteEvent | RestoreEvent | MergeEvent;
export type ReviewEvent = UndoableEvent | UndoEvent | RedoEvent;
export type ReviewEventKind = ReviewEvent["kind"];

export function isUndoable(e: ReviewEvent): e is UndoableEvent {
  return e.kind !== "undo" && e.kind !== "redo";
}

/** The keys an undoable event sets (possibly with repeats, as recorded). */
export function eventKeys(e: UndoableEvent): readonly ContentHash[] {
  switch (e.kind) {
    case "decide":
    case "restore":
      return e.keys;
    case "note":
      return [e.key];
    case "merge":
      return e.entries.map((x) => x.key);
  }
}

/** 96 random bits as hex. getRandomValues works outside secure contexts too (unlike randomUUID). */
export function newEventId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export interface EventContext {
  file: FileFingerprint;
  reviewer: string;
  now?: () => Date;
  newId?: () => string;
}

export interface EventFactory {
  accept(keys: Iterable<ContentHash>, note?: string): DecideEvent;
  reject(keys: Iterable<ContentHash>, reason: string, note?: string): DecideEvent;
  note(key: ContentHash, note: string): NoteEvent;
  restore(keys: Iterable<ContentHash>): RestoreEvent;
  merge(entries: MergeEntry[]): MergeEvent;
  undo(target: string): UndoEvent;
  redo(target: string): RedoEvent;
}

/** Builds well-formed events for one file and reviewer; keys are de-duplicated (a filter can list a row twice). */
export function createEventFactory(ctx: EventContext): EventFactory {
  const reviewer = ctx.reviewer.trim();
  if (!reviewer) throw new Error("A reviewer name is required to record decisions.");
  const base = (): EventBase => ({
    v: LOG_FORMAT_VERSION,
    id: (ctx.newId ?? newEventId)(),
    at: (ctx.now?.() ?? new Date()).toISOString(),
    file: ctx.file,
    reviewer,
  });
  const uniqueKeys = (keys: Iterable<ContentHash>): ContentHash[] => {
    const list = [...new Set(keys)];
    if (list.length === 0) throw new Error("A decision needs at least one row.");
    return list;
  };
  const withNote = <T extends object>(event: T, note: string | undefined): T => (note === undefined ? event : { ...event, note });
  return {
    accept: (keys, note) => withNote({ ...base(), kind: "decide", keys: uniqueKeys(keys), verdict: "accepted" }, note),
    reject: (keys, reason, note) => {
      if (!REASON_CODE_PATTERN.test(reason)) throw new Error(`Not a reason code: ${JSON.stringify(reason)}`);
      return withNote({ ...base(), kind: "decide", keys: uniqueKeys(keys), verdict: "rejected", reason }, note);
    },
    note: (key, note) => ({ ...base(), kind: "note", key, note }),
    restore: (keys) => ({ ...base(), kind: "restore", keys: uniqueKeys(keys) }),
    merge: (entries) => ({ ...base(), kind: "merge", entries }),
    undo: (target) => ({ ...base(), kind: "undo", target }),
    redo: (target) => ({ ...base(), kind: "redo", target }),
  };
}
