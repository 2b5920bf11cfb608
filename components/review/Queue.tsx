"use client";
import type { Verdict } from "@/lib/review";
import { setView } from "../store/actions";
import { useReview } from "../store/review";
import { useStudio } from "../store/studioStore";

const QUEUES: (Verdict | "all")[] = ["all", "unreviewed", "accepted", "rejected"];

/**
 * The review queue is a verdict or reason filter like any other (SQL over the decisions mirror, shareable in the
 * URL). The reasons are the picker's: defaults, the user's own, and codes an imported log uses.
 */
export function Queue() {
  const view = useStudio((s) => s.view);
  const reasons = useReview((r) => r.reasons);
  const current = view.filters.find((f) => f.column === "verdict")?.value.replace(/^=/, "") ?? "all";
  const reason = view.filters.find((f) => f.column === "reason")?.value.replace(/^=/, "") ?? "";
  const filterBy = (column: "verdict" | "reason", value: string | null) => {
    const filters = view.filters.filter((f) => f.column !== column);
    if (value !== null) filters.push({ column, value: `=${value}` });
    void setView({ ...view, filters });
  };
  return (
    <span className="queue" role="group" aria-label="review queue">
      {QUEUES.map((q) => (
        <button
          key={q}
          type="button"
          className={`button small${current === q ? " primary" : ""}`}
          data-testid={`queue-${q}`}
          aria-pressed={current === q}
          onClick={() => filterBy("verdict", q === "all" ? null : q)}
        >
          {q}
        </button>
      ))}
      <select data-testid="queue-reason" aria-label="filter by reason" value={reason} onChange={(e) => filterBy("reason", e.target.value || null)}>
        <option value="">any reason</option>
        {reason && !reasons.some((r) => r.code === reason) && <option value={reason}>{reason}</option>}
        {reasons.map((r) => (
          <option key={r.code} value={r.code}>
            {r.label}
          </option>
        ))}
      </select>
    </span>
  );
}
