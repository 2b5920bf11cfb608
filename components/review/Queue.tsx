"use client";
import type { Verdict } from "@/lib/review";
import { setView } from "../store/actions";
import { useStudio } from "../store/studioStore";

const QUEUES: (Verdict | "all")[] = ["all", "unreviewed", "accepted", "rejected"];

/** The review queue is a verdict filter like any other (SQL over the decisions mirror, shareable in the URL). */
export function Queue() {
  const view = useStudio((s) => s.view);
  const current = view.filters.find((f) => f.column === "verdict")?.value.replace(/^=/, "") ?? "all";
  return (
    <span className="queue" role="group" aria-label="review queue">
      {QUEUES.map((q) => (
        <button
          key={q}
          type="button"
          className={`button small${current === q ? " primary" : ""}`}
          data-testid={`queue-${q}`}
          aria-pressed={current === q}
          onClick={() => {
            const filters = view.filters.filter((f) => f.column !== "verdict");
            if (q !== "all") filters.push({ column: "verdict", value: `=${q}` });
            void setView({ ...view, filters });
          }}
        >
          {q}
        </button>
      ))}
    </span>
  );
}
