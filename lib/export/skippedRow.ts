/**
 * One line of `skipped.jsonl`, the skipped-row audit: why the row was left out (a reviewer's reason or the
 * converter's auto-skip code), who decided and when, where it came from, its findings, and the row itself
 * embedded as its original text (so nothing in it is re-serialized).
 */
import type { Finding } from "../validate";
import { renderObject } from "./jsonSpans";
import type { ReviewAudit, SourceRow } from "./sourceRows";

/** Reason code of a rejection the reviewer gave no reason for. */
export const REVIEWER_REJECTED = "reviewer_rejected";

export interface SkipInfo {
  reason: string;
  skippedBy: "reviewer" | "converter" | "validator";
  note: string | null;
  reviewer: string | null;
  time: string | null;
}

/** Why a skipped row is skipped; a reviewer's rejection speaks over an automatic skip. */
export function skipInfo(row: Pick<SourceRow, "autoSkip">, rejected: boolean, audit: ReviewAudit | undefined): SkipInfo {
  if (rejected) {
    return {
      reason: audit?.reason || REVIEWER_REJECTED,
      skippedBy: "reviewer",
      note: audit?.note ?? null, // the reviewer's own, as the app's audit shows it (not conversion's detail)
      reviewer: audit?.reviewer ?? null,
      time: audit?.at ?? null,
    };
  }
  return {
    reason: row.autoSkip?.reason ?? "auto_skipped",
    skippedBy: row.autoSkip?.by ?? "converter",
    note: row.autoSkip?.note ?? audit?.note ?? null,
    reviewer: audit?.reviewer ?? null,
    time: audit?.at ?? null,
  };
}

const j = (v: unknown) => JSON.stringify(v);

function findingText(f: Finding): string {
  return renderObject([['"code"', j(f.code)], ['"severity"', j(f.severity)], ['"path"', j(f.path)], ['"message"', j(f.message)]]);
}

/**
 * Where the row is: its file and line; for a converted candidate, its trajectory's line (or a `.json`
 * document's record), the action's index in it, and the candidate's number in the app (`decision_point`).
 */
function sourceMembers(row: SourceRow): [string, string][] {
  const o = row.origin;
  if (!o) return [['"file"', j(row.file)], ['"line"', j(row.line)]];
  const at: [string, string] = o.record !== undefined ? ['"record"', j(o.record)] : ['"line"', j(o.line)];
  if (o.actionIndex === undefined) return [['"file"', j(row.file)], at];
  return [['"file"', j(row.file)], at, ['"action_index"', j(o.actionIndex)], ['"decision_point"', j(row.line)]];
}

/** The audit line (no terminator). `rowIsJson` says whether `row.text` parses and can be embedded as is. */
export function skippedLine(row: SourceRow, info: SkipInfo, findings: readonly Finding[], rowIsJson: boolean): string {
  const members: [string, string][] = [
    ['"reason"', j(info.reason)],
    ['"skipped_by"', j(info.skippedBy)],
    ['"note"', j(info.note)],
    ['"reviewer"', j(info.reviewer)],
    ['"time"', j(info.time)],
    ['"source"', renderObject(sourceMembers(row))],
    ['"content_hash"', j(row.hash)],
    ['"findings"', `[${findings.map(findingText).join(", ")}]`],
    ['"row"', rowIsJson && row.text !== null ? row.text.trim() : "null"],
  ];
  if (!rowIsJson) members.push(['"row_text"', j(row.text)]);
  return renderObject(members);
}
