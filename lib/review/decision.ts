/**
 * One reviewer decision about one decision point. Rows are identified by their content hash (xxHash64 of the
 * line's bytes, 16 hex digits; see lib/jsonl/rowHash.ts), never by line number, so a decision survives renames,
 * reordering and re-saves. Identical lines share one hash and therefore one decision.
 */
export type ContentHash = string;

export const CONTENT_HASH_PATTERN = /^[0-9a-f]{16}$/;

export type Verdict = "accepted" | "rejected" | "unreviewed";
export const VERDICTS: readonly Verdict[] = ["unreviewed", "accepted", "rejected"];

export interface Decision {
  verdict: Verdict;
  /** Set exactly when `verdict` is `rejected`. */
  reason?: string;
  note?: string;
  /** Who made the last change to this decision, and when (ISO 8601), and by which event. */
  reviewer: string;
  at: string;
  eventId: string;
}

/** A decision that carries nothing (unreviewed, no note) is the same as no decision: tables drop it. */
export function isEmptyDecision(d: Decision): boolean {
  return d.verdict === "unreviewed" && !d.note;
}

/** Two decisions agree when they reach the same verdict for the same reason; notes, names and times aside. */
export function sameVerdict(a: Decision | undefined, b: Decision | undefined): boolean {
  return (a?.verdict ?? "unreviewed") === (b?.verdict ?? "unreviewed") && a?.reason === b?.reason;
}
