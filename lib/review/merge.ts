import { type ContentHash, type Decision, sameVerdict } from "./decision";
import { decisionEntries, getDecision } from "./decisionTable";
import { type MergeEntry } from "./events";
import { type ReviewState } from "./reviewState";

/**
 * Comparing and merging two reviewers' decisions (each side a state replayed from its own log). Per key with a
 * verdict on at least one side: agreement (same verdict and reason), conflict (different verdict, or rejected for
 * different reasons) or only one side. Conflicts are never settled by a rule: `resolveMerge` requires a choice
 * for each and throws otherwise. Notes are never lost: differing notes are kept both, attributed.
 */
export interface KeyPair {
  key: ContentHash;
  left: Decision;
  right: Decision;
}

export interface OneSided {
  key: ContentHash;
  decision: Decision;
}

export interface ReviewerCounts {
  reviewer: string;
  side: "left" | "right";
  accepted: number;
  rejected: number;
}

export interface MergeReport {
  agreements: KeyPair[];
  conflicts: KeyPair[];
  onlyLeft: OneSided[];
  onlyRight: OneSided[];
  reviewers: ReviewerCounts[];
}

export type ConflictChoice = "left" | "right";

export class UnresolvedConflictsError extends Error {
  constructor(readonly keys: readonly ContentHash[]) {
    super(`${keys.length} conflicting decision(s) have no resolution (first: ${keys.slice(0, 3).join(", ")}).`);
    this.name = "UnresolvedConflictsError";
  }
}

export function compareReviews(left: ReviewState, right: ReviewState): MergeReport {
  const report: MergeReport = { agreements: [], conflicts: [], onlyLeft: [], onlyRight: [], reviewers: [] };
  for (const [key, l] of decisionEntries(left.decisions)) {
    const r = getDecision(right.decisions, key);
    const lHas = hasVerdict(l);
    const rHas = hasVerdict(r);
    if (lHas && r && rHas) (sameVerdict(l, r) ? report.agreements : report.conflicts).push({ key, left: l, right: r });
    else if (lHas) report.onlyLeft.push({ key, decision: l });
  }
  for (const [key, r] of decisionEntries(right.decisions)) {
    if (hasVerdict(r) && !hasVerdict(getDecision(left.decisions, key))) report.onlyRight.push({ key, decision: r });
  }
  report.reviewers = [...countByReviewer(left, "left"), ...countByReviewer(right, "right")];
  return report;
}

/**
 * The merge event's entries: what must change on the left to hold the merged decisions. Agreements and left-only
 * keys keep the left decision, right-only keys take the right one, conflicts take the chosen side. Apply them as
 * one `merge` event on top of the left log (one undo reverts the whole merge).
 */
export function resolveMerge(left: ReviewState, right: ReviewState, choices: ReadonlyMap<ContentHash, ConflictChoice>): MergeEntry[] {
  const report = compareReviews(left, right);
  const unresolved = report.conflicts.filter((c) => !choices.has(c.key)).map((c) => c.key);
  if (unresolved.length) throw new UnresolvedConflictsError(unresolved);

  const entries: MergeEntry[] = [];
  for (const [key, r] of decisionEntries(right.decisions)) {
    const l = getDecision(left.decisions, key);
    const takeRight = hasVerdict(r) && (!hasVerdict(l) || (!sameVerdict(l, r) && choices.get(key) === "right"));
    const note = mergeNotes(l?.note, r.note, r.reviewer);
    const base = takeRight ? r : l;
    if (!takeRight && note === l?.note) continue;
    if (!base) {
      entries.push({ key, verdict: "unreviewed", ...(note && { note }), reviewer: r.reviewer, at: r.at });
      continue;
    }
    entries.push({ key, verdict: base.verdict, ...(base.reason !== undefined && { reason: base.reason }), ...(note && { note }), reviewer: base.reviewer, at: base.at });
  }
  return entries;
}

function hasVerdict(d: Decision | undefined): d is Decision {
  return d !== undefined && d.verdict !== "unreviewed";
}

function mergeNotes(left: string | undefined, right: string | undefined, rightReviewer: string): string | undefined {
  // Merging the same logs twice must not stack copies of a note.
  if (!right || right === left || left?.includes(`[${rightReviewer}] ${right}`)) return left;
  if (!left) return right;
  return `${left}\n[${rightReviewer}] ${right}`;
}

function countByReviewer(state: ReviewState, side: "left" | "right"): ReviewerCounts[] {
  const byName = new Map<string, ReviewerCounts>();
  for (const [, d] of decisionEntries(state.decisions)) {
    if (!hasVerdict(d)) continue;
    let c = byName.get(d.reviewer);
    if (!c) byName.set(d.reviewer, (c = { reviewer: d.reviewer, side, accepted: 0, rejected: 0 }));
    if (d.verdict === "accepted") c.accepted++;
    else c.rejected++;
  }
  return [...byName.values()].sort((a, b) => a.reviewer.localeCompare(b.reviewer));
}
