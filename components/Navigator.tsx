"use client";
import { shortcutsPaused } from "./typingTarget";
import { useEffect, useState } from "react";
import { navKeyFor } from "@/lib/view/navigation";
import { jumpToLine, navigate } from "./store/actions";
import { useStudio } from "./store/studioStore";

/** j/k and arrows step, g/G go to the ends, a box jumps to a line; buttons do the same. */
export function Navigator() {
  const cursor = useStudio((s) => s.cursor);
  const total = useStudio((s) => s.keys.lines.length);
  const [line, setLine] = useState("");
  const [notFound, setNotFound] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || shortcutsPaused(e)) return;
      const nav = navKeyFor(e.key);
      if (!nav) return;
      e.preventDefault();
      navigate(nav);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="navigator">
      <button type="button" className="button" data-testid="prev-row" onClick={() => navigate("prev")} disabled={cursor <= 0} title="previous (k)">
        ← Prev
      </button>
      <span data-testid="position" data-index={cursor} className="position">
        {total ? `${(cursor + 1).toLocaleString("en-US")} / ${total.toLocaleString("en-US")}` : "–"}
      </span>
      <button type="button" className="button" data-testid="next-row" onClick={() => navigate("next")} disabled={cursor >= total - 1} title="next (j)">
        Next →
      </button>
      <form
        className="jump"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(line);
          const found = Number.isInteger(n) && n > 0 && jumpToLine(n);
          setNotFound(!found);
          // Landed: give the keyboard back to review and navigation keys.
          if (found) (document.activeElement as HTMLElement | null)?.blur();
        }}
      >
        <input data-testid="jump-line" aria-label="jump to line" inputMode="numeric" placeholder="line" value={line} onChange={(e) => setLine(e.target.value)} />
        <button type="submit" className="button small">
          Go
        </button>
        {notFound && <span className="error-text">no row at or after that line</span>}
      </form>
      <span className="hint">j/k ↑/↓ step · g/G first/last</span>
    </div>
  );
}
