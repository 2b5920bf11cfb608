import { type ContentHash, type Decision, type Verdict } from "./decision";
import { getDecision } from "./decisionTable";
import { type ReasonCode, reasonLabel } from "./reasons";
import { type ReviewState } from "./reviewState";

/** Reads of a review state for the page and the CLI. All are O(1) or O(reasons) unless noted. */

export function decisionOf(state: ReviewState, key: ContentHash): Decision | undefined {
  return getDecision(state.decisions, key);
}

export function verdictOf(state: ReviewState, key: ContentHash): Verdict {
  return getDecision(state.decisions, key)?.verdict ?? "unreviewed";
}

export interface Progress {
  total: number;
  reviewed: number;
  accepted: number;
  rejected: number;
  unreviewed: number;
}

/** `total` is the number of rows in view of the review (the open file's rows when the state is scoped to it). */
export function progress(state: ReviewState, total: number): Progress {
  const { accepted, rejected } = state.counts;
  const reviewed = accepted + rejected;
  return { total, reviewed, accepted, rejected, unreviewed: Math.max(0, total - reviewed) };
}

export interface ReasonCount extends ReasonCode {
  count: number;
}

/** Every known reason in catalogue order (zeros included, so the panel does not jump), then unknown codes in use. */
export function reasonCounts(state: ReviewState, reasons: readonly ReasonCode[]): ReasonCount[] {
  const byReason = state.counts.byReason;
  const known = new Set(reasons.map((r) => r.code));
  const unknown = Object.keys(byReason)
    .filter((code) => !known.has(code))
    .sort();
  return [...reasons.map((r) => ({ ...r, count: byReason[r.code] ?? 0 })), ...unknown.map((code) => ({ code, label: reasonLabel(reasons, code), count: byReason[code] ?? 0 }))];
}

/** The event an undo would revert, for building the undo event; null when there is nothing to undo. */
export function undoTarget(state: ReviewState): string | null {
  return state.undo?.top.event.id ?? null;
}

export function redoTarget(state: ReviewState): string | null {
  return state.redo?.top.id ?? null;
}
