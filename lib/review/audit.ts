import { type ContentHash } from "./decision";
import { decisionEntries } from "./decisionTable";
import { type ReviewState } from "./reviewState";

/**
 * The skipped-row audit lists two kinds of entries side by side:
 * - `review`: a row a reviewer rejected (from the log; restoring it is an undoable event);
 * - `auto`: a row conversion skipped or validation found an error in. These are derived from the data each time
 *   it is loaded, never logged: re-running conversion must not leave stale log entries behind.
 */
export interface ReviewAuditEntry {
  source: "review";
  key: ContentHash;
  reason: string;
  note?: string;
  reviewer: string;
  at: string;
  eventId: string;
}

export interface AutoAuditEntry {
  source: "auto";
  origin: "conversion" | "validation";
  /** The skip reason or finding code. */
  reason: string;
  message: string;
  /** 1-based line in its file, when the entry is about one row. */
  line?: number;
  key?: ContentHash;
}

export type AuditEntry = ReviewAuditEntry | AutoAuditEntry;

/** Rejected rows of the open file, newest first. O(decisions): call it for the audit view, not per keystroke. */
export function reviewAuditEntries(state: ReviewState): ReviewAuditEntry[] {
  const entries: ReviewAuditEntry[] = [];
  for (const [key, d] of decisionEntries(state.decisions)) {
    if (d.verdict !== "rejected" || (state.rows && !state.rows.has(key))) continue;
    entries.push({ source: "review", key, reason: d.reason ?? "other", ...(d.note && { note: d.note }), reviewer: d.reviewer, at: d.at, eventId: d.eventId });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key < b.key ? -1 : 1));
}

/** Only the shape this module needs, so lib/validate's Finding fits without a dependency on it. */
export interface FindingLike {
  code: string;
  severity: "error" | "warning";
  message: string;
  line?: number;
}

/** Error findings become audit entries; warnings do not block export, so they stay out of the audit. */
export function auditEntriesFromFindings(findings: readonly FindingLike[], key?: ContentHash): AutoAuditEntry[] {
  return findings
    .filter((f) => f.severity === "error")
    .map((f) => ({ source: "auto", origin: "validation", reason: f.code, message: f.message, ...(f.line !== undefined && { line: f.line }), ...(key && { key }) }));
}

export interface SkipLike {
  reason: string;
  message?: string;
  line?: number;
  key?: ContentHash;
}

export function auditEntriesFromSkips(skips: readonly SkipLike[]): AutoAuditEntry[] {
  return skips.map((s) => ({
    source: "auto",
    origin: "conversion",
    reason: s.reason,
    message: s.message ?? s.reason,
    ...(s.line !== undefined && { line: s.line }),
    ...(s.key && { key: s.key }),
  }));
}

/** Entries per reason code across both sources (the audit header). */
export function auditCountsByReason(entries: readonly AuditEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  return counts;
}
