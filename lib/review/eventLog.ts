import { type z } from "zod";
import { type MergeEntry, type ReviewEvent, isUndoable } from "./events";
import { reviewEventSchema } from "./eventSchema";

/**
 * The log as JSONL: one event per line, keys in a fixed order (so two exports of the same log are byte-equal and
 * diff cleanly), and the reader that validates a colleague's file line by line.
 */

/** The event rebuilt with its keys in canonical order; optional fields that are absent stay absent. */
export function canonicalEvent(e: ReviewEvent): ReviewEvent {
  const head = { v: e.v, id: e.id, at: e.at, kind: e.kind, file: e.file, reviewer: e.reviewer };
  switch (e.kind) {
    case "decide":
      return { ...head, kind: e.kind, keys: e.keys, verdict: e.verdict, ...opt("reason", e.reason), ...opt("note", e.note) };
    case "note":
      return { ...head, kind: e.kind, key: e.key, note: e.note };
    case "restore":
      return { ...head, kind: e.kind, keys: e.keys };
    case "merge":
      return { ...head, kind: e.kind, entries: e.entries.map(canonicalEntry) };
    case "undo":
    case "redo":
      return { ...head, kind: e.kind, target: e.target };
  }
}

function canonicalEntry(x: MergeEntry): MergeEntry {
  return { key: x.key, verdict: x.verdict, ...opt("reason", x.reason), ...opt("note", x.note), reviewer: x.reviewer, at: x.at };
}

function opt<K extends string>(name: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: string };
}

export function serializeEvent(e: ReviewEvent): string {
  return JSON.stringify(canonicalEvent(e));
}

export function serializeEventLog(events: Iterable<ReviewEvent>): string {
  let out = "";
  for (const e of events) out += serializeEvent(e) + "\n";
  return out;
}

export interface LogLineError {
  /** 1-based line in the imported text. */
  line: number;
  message: string;
}

export type ParsedEventLog = { ok: true; events: ReviewEvent[] } | { ok: false; errors: LogLineError[]; errorCount: number };

const MAX_REPORTED_ERRORS = 50;

/**
 * Reads a JSONL log. Blank lines are skipped. Besides each line's shape it checks what only the whole log shows:
 * event ids are unique, and undo/redo name an earlier undoable event. Nothing is returned unless every line is
 * valid: half a colleague's log would be silently wrong.
 */
export function parseEventLog(text: string): ParsedEventLog {
  const events: ReviewEvent[] = [];
  const errors: LogLineError[] = [];
  let errorCount = 0;
  const fail = (line: number, message: string) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, message });
  };
  const undoable = new Set<string>();
  const seen = new Set<string>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "").replace(/^\uFEFF/, "");
    if (raw.trim() === "") continue;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      fail(line, `not JSON: ${(err as Error).message}`);
      continue;
    }
    const parsed = reviewEventSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail(line, describeIssue(issue));
      continue;
    }
    const e = canonicalEvent(parsed.data);
    if (seen.has(e.id)) fail(line, `id "${e.id}" is used by an earlier event`);
    else if ((e.kind === "undo" || e.kind === "redo") && !undoable.has(e.target)) fail(line, `${e.kind} names "${e.target}", which is not an earlier decision, note, restore or merge event`);
    seen.add(e.id);
    if (isUndoable(e)) undoable.add(e.id);
    events.push(e);
  }
  return errorCount ? { ok: false, errors, errorCount } : { ok: true, events };
}

/** One line per error, e.g. `line 3: keys[2]: must be a content hash: 16 lowercase hex digits`. */
export function formatLogErrors(errors: readonly LogLineError[], errorCount = errors.length): string {
  const lines = errors.map((e) => `line ${e.line}: ${e.message}`);
  if (errorCount > errors.length) lines.push(`… and ${errorCount - errors.length} more`);
  return lines.join("\n");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
  return path ? `${path}: ${issue.message}` : issue.message;
}
