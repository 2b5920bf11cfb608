"use client";
import { useEffect, useState } from "react";
import { viewDecidedCountSql, viewSkippedCountSql } from "@/lib/view/viewState";
import { bulkDecide, useReview } from "../store/review";
import { useStudio } from "../store/studioStore";
import { useQuery } from "../useQuery";
import { countText } from "../countText";

/** One decision for every row of the current filter (all of them, not the visible page), after a confirmation. */
export function BulkDecide() {
  const count = useStudio((s) => s.keys.hashes.length);
  const filtered = useStudio((s) => s.view.filters.length > 0);
  const reasons = useReview((r) => r.reasons);
  const busy = useReview((r) => r.busy);
  const [asking, setAsking] = useState<null | "accepted" | "rejected">(null);
  const [reason, setReason] = useState(reasons[0]?.code ?? "other");
  const view = useStudio((s) => s.view);
  const skips = useQuery(asking === "accepted" ? viewSkippedCountSql(view) : null).rows?.[0];
  const skipped = Number(skips?.n ?? 0);
  const duplicates = Number(skips?.duplicates ?? 0);
  // Rows a reviewer already decided the other way: the bulk decision overwrites them.
  const decided = useQuery(asking ? viewDecidedCountSql(view) : null).rows?.[0];
  const overwrites = Number((asking === "accepted" ? decided?.rejected : decided?.accepted) ?? 0);
  // A modal: the page's shortcuts wait (shortcutsPaused), and Escape closes it.
  useEffect(() => {
    if (!asking) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setAsking(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [asking]);
  if (count === 0) return null;
  const rows = countText(count, "row");
  return (
    <div className="bulk" data-testid="bulk">
      <button type="button" className="button small" data-testid="bulk-accept" disabled={busy} onClick={() => setAsking("accepted")}>
        Accept all in view…
      </button>
      <button type="button" className="button small" data-testid="bulk-reject" disabled={busy} onClick={() => setAsking("rejected")}>
        Reject all in view…
      </button>
      {asking && (
        <div className="bulk-confirm" role="dialog" aria-modal="true" aria-label="confirm bulk decision" data-testid="bulk-dialog" data-count={String(count)}>
          <p>
            {asking === "accepted" ? "Accept" : "Reject"} <strong data-testid="bulk-count">{rows}</strong> — every row in the current
            {filtered ? " filter" : " view (no filter: all loaded rows)"}? One undo reverts it.
          </p>
          {overwrites > 0 && (
            <p className="warning" data-testid="bulk-overwrites" data-count={String(overwrites)}>
              {overwrites.toLocaleString("en-US")} of them {overwrites === 1 ? "was" : "were"} {asking === "accepted" ? "rejected" : "accepted"} by a
              reviewer: this overwrites {overwrites === 1 ? "that decision" : "those decisions"} (undo brings {overwrites === 1 ? "it" : "them"} back).
            </p>
          )}
          {asking === "accepted" && duplicates > 0 && (
            <p className="warning" data-testid="bulk-duplicates" data-count={String(duplicates)}>
              {duplicates.toLocaleString("en-US")} of them {duplicates === 1 ? "repeats an earlier decision point" : "repeat earlier decision points"}{" "}
              (duplicates): {duplicates === 1 ? "it stays" : "they stay"} skipped whatever the verdict, so the bundle holds each decision point
              once. Accept the first copy to export it.
            </p>
          )}
          {asking === "accepted" && skipped > 0 && (
            <p className="warning" data-testid="bulk-skipped" data-count={String(skipped)}>
              {skipped.toLocaleString("en-US")} of them {skipped === 1 ? "was" : "were"} skipped by conversion: accepting overrides
              the skip, and the export writes {skipped === 1 ? "it" : "them"}.
            </p>
          )}
          {asking === "rejected" && (
            <select data-testid="bulk-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
              {reasons.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
          <button
            type="button"
            className="button primary small"
            data-testid="bulk-confirm"
            disabled={busy}
            onClick={() => void bulkDecide(asking, reason).then(() => setAsking(null))}
          >
            {busy ? "Saving…" : `${asking === "accepted" ? "Accept" : "Reject"} ${rows}`}
          </button>
          <button type="button" className="button small" data-testid="bulk-cancel" onClick={() => setAsking(null)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
