"use client";
import { useEffect, useState } from "react";
import {
  compareReviews,
  formatLogErrors,
  parseEventLog,
  reasonLabel,
  replay,
  resolveMerge,
  type ConflictChoice,
  type Decision,
  type MergeReport,
  type ReviewState,
} from "@/lib/review";
import { clearReviewStorage, downloadLog, recordMerge, useReview } from "../store/review";
import { countText } from "../countText";
import { openRow } from "../store/openRow";
import { useStudio } from "../store/studioStore";
import { rowPlaceText } from "../rowPlace";
import { useQuery } from "../useQuery";
import { sqlString } from "@/lib/view/sqlLiteral";

interface Pending {
  name: string;
  theirs: ReviewState;
  report: MergeReport;
}

function describe(d: Decision, reasons: Parameters<typeof reasonLabel>[0]): string {
  return `${d.verdict}${d.reason ? ` (${reasonLabel(reasons, d.reason)})` : ""} by ${d.reviewer}`;
}

/**
 * Decision logs between reviewers: download this log, import a colleague's. An import shows agreements, conflicts
 * and per-reviewer counts first; conflicts are resolved one by one (or all one way), never silently.
 */
export function LogExchange() {
  const review = useReview();
  const [pending, setPending] = useState<Pending | null>(null);
  const [choices, setChoices] = useState<Map<string, ConflictChoice>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const onFile = async (file: File) => {
    setError(null);
    const parsed = parseEventLog(await file.text());
    if (!parsed.ok) {
      setError(`${file.name}: ${formatLogErrors(parsed.errors, parsed.errorCount)}`);
      return;
    }
    const mine = useReview.getState().state;
    const theirs = replay(parsed.events, mine.rows);
    setChoices(new Map());
    setPending({ name: file.name, theirs, report: compareReviews(mine, theirs) });
  };

  const apply = async () => {
    if (!pending) return;
    await recordMerge(resolveMerge(useReview.getState().state, pending.theirs, choices));
    setPending(null);
  };

  const chooseAll = (side: ConflictChoice) => setChoices(new Map(pending!.report.conflicts.map((c) => [c.key, side])));
  const unresolved = pending ? pending.report.conflicts.filter((c) => !choices.has(c.key)).length : 0;
  const where = useRowPlaces(pending?.report.conflicts.map((c) => c.key) ?? NO_KEYS);
  // The rows' hashes are known once the loaded rows are weighed (store/review.ts `weighRows`).
  const rows = review.state.rows;
  const unmatched = pending && rows ? pending.report.onlyRight.filter((d) => !rows.has(d.key)).length : 0;

  return (
    <details className="log-exchange" data-testid="log-exchange">
      <summary>Decision log ({countText(review.events.length, "event")})</summary>
      <div className="row-actions">
        <button type="button" className="button small" data-testid="export-log" onClick={downloadLog}>
          Download log (JSONL)
        </button>
        <label className="button small">
          Import a log…
          <input
            type="file"
            accept=".jsonl,.json,.ndjson,text/plain"
            data-testid="import-log"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = "";
              if (f) void onFile(f);
            }}
          />
        </label>
        <button
          type="button"
          className="button small"
          data-testid="clear-review"
          onClick={() => {
            if (confirm("Delete every decision stored in this browser? Download the log first to keep it.")) void clearReviewStorage();
          }}
        >
          Clear stored decisions
        </button>
      </div>
      {review.report && review.report.orphans.length > 0 && (
        <p className="notice" data-testid="orphans" data-count={String(review.report.orphans.length)}>
          {review.report.orphans.length} earlier {review.report.orphans.length === 1 ? "decision matches" : "decisions match"} no row of the
          open files (their rows changed or belong to other files); they are kept in the log.
        </p>
      )}
      {error && (
        <pre className="error-text" data-testid="import-error">
          {error}
        </pre>
      )}
      {pending && (
        <div
          className="merge-report"
          data-testid="merge-report"
          data-agreements={String(pending.report.agreements.length)}
          data-conflicts={String(pending.report.conflicts.length)}
          data-only-theirs={String(pending.report.onlyRight.length)}
          data-unmatched={String(unmatched)}
        >
          <p>
            {pending.name}: {pending.report.agreements.length} agreements, {pending.report.conflicts.length} conflicts,{" "}
            {pending.report.onlyRight.length} new decisions, {pending.report.onlyLeft.length} only here.
            {unmatched > 0 && (
              <span className="notice" data-testid="merge-unmatched">
                {" "}
                {unmatched} of the new decisions {unmatched === 1 ? "matches" : "match"} no row of the open files (a log of other
                files?): merged, {unmatched === 1 ? "it is" : "they are"} kept in the log but decide nothing here.
              </span>
            )}
          </p>
          <ul>
            {pending.report.reviewers.map((r) => (
              <li key={`${r.side}:${r.reviewer}`} data-testid="reviewer-count" data-reviewer={r.reviewer} data-accepted={String(r.accepted)} data-rejected={String(r.rejected)}>
                {r.reviewer} ({r.side === "left" ? "here" : "imported"}): {r.accepted} accepted, {r.rejected} rejected
              </li>
            ))}
          </ul>
          {pending.report.conflicts.length > 0 && (
            <>
              <div className="row-actions">
                <button type="button" className="button small" data-testid="conflicts-keep-mine" onClick={() => chooseAll("left")}>
                  Keep all mine
                </button>
                <button type="button" className="button small" data-testid="conflicts-take-theirs" onClick={() => chooseAll("right")}>
                  Take all imported
                </button>
              </div>
              <ul className="conflicts">
                {pending.report.conflicts.map((c) => (
                  <li key={c.key} data-testid="conflict" data-key={c.key} data-choice={choices.get(c.key) ?? ""}>
                    <ConflictRow contentHash={c.key} at={where.get(c.key)} />:{" "}
                    {(["left", "right"] as const).map((side) => (
                      <label key={side}>
                        <input
                          type="radio"
                          name={`conflict-${c.key}`}
                          data-testid={`conflict-${side}`}
                          checked={choices.get(c.key) === side}
                          onChange={() => setChoices(new Map(choices).set(c.key, side))}
                        />{" "}
                        {describe(side === "left" ? c.left : c.right, review.reasons)}{" "}
                      </label>
                    ))}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="button primary small" data-testid="merge-apply" disabled={unresolved > 0} onClick={() => void apply()}>
            {unresolved > 0 ? `Resolve ${unresolved} conflicts to merge` : "Merge into my decisions"}
          </button>
          <button type="button" className="button small" data-testid="merge-cancel" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
    </details>
  );
}

/**
 * Shown as soon as browser storage fails (at start-up when IndexedDB is unavailable, or when a write is refused,
 * e.g. storage full): decisions still apply in this tab, and the log can be downloaded. While some decisions are
 * only in this tab, leaving the page asks first.
 */
export function StorageBanner() {
  const problem = useReview((r) => r.storageProblem);
  const unsaved = useReview((r) => r.unsaved);
  useEffect(() => {
    if (unsaved === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);
  if (!problem) return null;
  return (
    <div className="storage-banner" role="alert" data-testid="storage-problem" data-unsaved={String(unsaved)}>
      {problem}{" "}
      <button type="button" className="button small" data-testid="storage-download" onClick={downloadLog}>
        Download the decision log
      </button>
    </div>
  );
}

const NO_KEYS: readonly string[] = [];
// A row's place in the load, file then line, as one number: the first row of a content hash has the least.
const FIRST = "((r.file_id::BIGINT << 32) + r.line)";

/** Where a conflicting decision's rows are: the first one (file and line) and how many share its content. */
interface RowPlace {
  fileId: number;
  file: string;
  line: number;
  rows: number;
}

/** The open files' rows of the given content hashes, first by file then line. */
function useRowPlaces(hashes: readonly string[]): Map<string, RowPlace> {
  const sql = hashes.length
    ? `SELECT r.content_hash, arg_min(f.name, ${FIRST}) AS file, arg_min(r.file_id, ${FIRST}) AS file_id, arg_min(r.line, ${FIRST}) AS line, count(*)::INTEGER AS n ` +
      `FROM rows r JOIN files f ON f.file_id = r.file_id WHERE r.content_hash IN (${hashes.map(sqlString).join(", ")}) GROUP BY r.content_hash`
    : null;
  const { rows } = useQuery(sql);
  return new Map((rows ?? []).map((r) => [String(r.content_hash), { fileId: Number(r.file_id), file: String(r.file), line: Number(r.line), rows: Number(r.n) }]));
}

/** A conflict's row: a link that steps to it (file:line), and its content hash. */
function ConflictRow({ contentHash, at }: { contentHash: string; at: RowPlace | undefined }) {
  const file = useStudio((s) => (at ? s.files.find((f) => f.fileId === at.fileId) : undefined));
  return (
    <>
      {at && (
        <button type="button" className="link" data-testid="conflict-open" onClick={() => void openRow(at.fileId, at.line)}>
          {rowPlaceText(file, at.file, at.line)}
          {at.rows > 1 ? ` (+${at.rows - 1} identical)` : ""}
        </button>
      )}{" "}
      <code className="muted">{contentHash}</code>
    </>
  );
}
