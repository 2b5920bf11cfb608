import { type ContentHash, type Decision } from "./decision";
import { decisionEntries } from "./decisionTable";
import { type ReviewEvent } from "./events";
import { type FileFingerprint } from "./fileFingerprint";
import { type ReviewState, type RowWeights, replay } from "./reviewState";

/**
 * Re-attaching a log to the file that is open now. Decisions attach by content hash, so a renamed or reordered
 * file (same fingerprint anyway) gets all of them back, and a changed file gets those whose row is still there;
 * the rest are orphans, listed so the reviewer sees what no longer matches instead of losing it silently.
 */
export interface ReattachReport {
  /** Every event was recorded against the open file's fingerprint. */
  sameFile: boolean;
  /** The fingerprints the log's events were recorded against, in first-seen order. */
  logFiles: FileFingerprint[];
  /** Decisions (verdicts or notes) whose row is in the open file. */
  attached: number;
  /** Decisions whose content hash matches no row of the open file. */
  orphans: { key: ContentHash; decision: Decision }[];
}

/** `rows`: the open rows' weights, or null when they are not read yet, which only an empty log allows. */
export function reattach(events: readonly ReviewEvent[], file: FileFingerprint, rows: RowWeights | null): { state: ReviewState; report: ReattachReport } {
  if (rows === null && events.length > 0) throw new Error("reattach: a log re-attaches only to rows whose hashes are known");
  const state = replay(events, rows);
  const logFiles = [...new Set(events.map((e) => e.file))];
  const orphans: ReattachReport["orphans"] = [];
  for (const [key, decision] of decisionEntries(state.decisions)) if (!rows?.has(key)) orphans.push({ key, decision });
  orphans.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    state,
    report: { sameFile: logFiles.every((f) => f === file), logFiles, attached: state.decisions.size - orphans.length, orphans },
  };
}
