"use client";
import { useEffect, useRef, useState } from "react";
import { REASONS_PER_PAGE, decisionOf, digitForIndex, progress, reasonLabel, reasonPageCount, redoTarget, undoTarget, verdictOf } from "@/lib/review";
import { accept, addReason, editNote, goToNextUnreviewed, redo, reject, setReviewer, undo, useReview } from "../store/review";
import { totalRows, useStudio } from "../store/studioStore";

/** Verdict buttons, progress, reviewer and note for the current decision point. Every key has a button here. */
export function ReviewBar() {
  const review = useReview();
  const total = useStudio(totalRows);
  const hash = useStudio((s) => (s.cursor >= 0 ? (s.keys.hashes[s.cursor] ?? null) : null));
  const p = progress(review.state, total);
  // Decisions of rows a changed file no longer has: said here, where the progress they no longer count in is.
  const orphans = review.report?.orphans.length ?? 0;
  const decision = hash ? decisionOf(review.state, hash) : undefined;
  const verdict = hash ? verdictOf(review.state, hash) : "unreviewed";
  return (
    <section className="review-bar" data-testid="review-bar" data-verdict={verdict}>
      <div className="review-actions">
        <button type="button" className="button accept" data-testid="verdict-accept" disabled={!hash} onClick={() => void accept()} title="accept (a)">
          ✓ Accept
        </button>
        <button
          type="button"
          className="button reject"
          data-testid="verdict-reject"
          disabled={!hash}
          onClick={() => useReview.setState({ picking: !review.picking, pickPage: 0 })}
          title="reject (r, then a digit)"
        >
          ✗ Reject…
        </button>
        <button type="button" className="button" data-testid="next-unreviewed" onClick={() => void goToNextUnreviewed()} title="next unreviewed (n)">
          Next unreviewed
        </button>
        <button type="button" className="button" data-testid="undo" disabled={!undoTarget(review.state)} onClick={() => void undo()} title="undo (u, ctrl+z)">
          Undo
        </button>
        <button type="button" className="button" data-testid="redo" disabled={!redoTarget(review.state)} onClick={() => void redo()} title="redo (shift+u, ctrl+shift+z)">
          Redo
        </button>
        <button type="button" className="button small" data-testid="help-toggle" onClick={() => useReview.setState({ helpOpen: !review.helpOpen })} title="keys (?)">
          ?
        </button>
        <span
          className="review-progress"
          data-testid="review-progress"
          data-reviewed={String(p.reviewed)}
          data-total={String(p.total)}
          data-accepted={String(p.accepted)}
          data-rejected={String(p.rejected)}
        >
          {p.reviewed.toLocaleString("en-US")} of {p.total.toLocaleString("en-US")} reviewed · {p.accepted.toLocaleString("en-US")} accepted ·{" "}
          {p.rejected.toLocaleString("en-US")} rejected
        </span>
        {orphans > 0 && (
          <span className="notice" data-testid="orphans-hint">
            {orphans.toLocaleString("en-US")} earlier {orphans === 1 ? "decision matches" : "decisions match"} no row here (see Decision log)
          </span>
        )}
      </div>
      {review.picking && <ReasonPicker />}
      <div className="review-meta">
        <span className={`verdict verdict-${verdict}`} data-testid="current-verdict">
          {verdict}
          {decision?.reason ? ` — ${reasonLabel(review.reasons, decision.reason)}` : ""}
          {decision && decision.verdict !== "unreviewed" ? ` · ${decision.reviewer}` : ""}
        </span>
        <NoteEditor key={hash ?? ""} note={decision?.note ?? ""} disabled={!hash} />
        <ReviewerName />
      </div>
      {review.helpOpen && <KeyHelp />}
    </section>
  );
}

/**
 * The reasons to reject with. Digits pick among ten at a time (the page shown with digits; `r` shows the next
 * ten), a click picks any. The user can add a reason of their own here; the picker then shows its ten, so its
 * digit works at once.
 */
function ReasonPicker() {
  const reasons = useReview((r) => r.reasons);
  const page = useReview((r) => r.pickPage);
  const pages = reasonPageCount(reasons);
  return (
    <div className="reason-picker" data-testid="reason-picker" role="menu" data-page={String(page)}>
      {reasons.map((r, i) => {
        const keyed = Math.floor(i / REASONS_PER_PAGE) === page;
        return (
          <button
            key={r.code}
            type="button"
            role="menuitem"
            className={`button small${keyed ? "" : " unkeyed"}`}
            data-testid={`reason-${r.code}`}
            data-digit={keyed ? digitForIndex(i) : ""}
            title={r.code}
            onClick={() => void pickReason(r.code)}
          >
            {keyed && <kbd>{digitForIndex(i)}</kbd>} {r.label}
          </button>
        );
      })}
      {pages > 1 && (
        <button
          type="button"
          className="button small"
          data-testid="reason-more"
          onClick={() => useReview.setState({ pickPage: (page + 1) % pages })}
          title="digits pick among the next ten reasons (r)"
        >
          <kbd>r</kbd> more ({page + 1}/{pages})
        </button>
      )}
      <NewReason />
    </div>
  );
}

function NewReason() {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    try {
      addReason(name);
      setName("");
      setError(null);
      // Back to the page: the new reason's digit (or any review key) works from here.
      (document.activeElement as HTMLElement | null)?.blur();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <span className="new-reason">
      <input
        data-testid="reason-new"
        aria-label="new reason"
        placeholder="new reason…"
        maxLength={200}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Enter") add();
          else if (e.key === "Escape") e.currentTarget.blur();
        }}
      />
      <button
        type="button"
        className="button small"
        data-testid="reason-add"
        disabled={!name.trim()}
        onClick={add}
      >
        Add reason
      </button>
      {error && (
        <span className="error-text" role="alert" data-testid="reason-error">
          {error}
        </span>
      )}
    </span>
  );
}

export async function pickReason(code: string): Promise<void> {
  useReview.setState({ picking: false });
  await reject(code);
}

function NoteEditor({ note, disabled }: { note: string; disabled: boolean }) {
  const [draft, setDraft] = useState(note);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const focus = () => ref.current?.focus();
    window.addEventListener("pivot:edit-note", focus);
    return () => window.removeEventListener("pivot:edit-note", focus);
  }, []);
  const save = () => {
    if (draft !== note) void editNote(draft);
  };
  return (
    <input
      ref={ref}
      className="note"
      data-testid="note-input"
      aria-label="note"
      placeholder="note (e)"
      disabled={disabled}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") {
          save();
          e.currentTarget.blur();
        } else if (e.key === "Escape") {
          setDraft(note);
          e.currentTarget.blur();
        }
      }}
    />
  );
}

function ReviewerName() {
  const reviewer = useReview((r) => r.reviewer);
  return (
    <label className="reviewer">
      reviewer{" "}
      <input
        data-testid="reviewer-name"
        placeholder="your name"
        value={reviewer}
        onChange={(e) => setReviewer(e.target.value)}
        onKeyDown={(e) => e.stopPropagation()}
        className={reviewer.trim() ? "" : "needs-name"}
        title="your name goes with each decision you make (kept in this browser)"
      />
      {!reviewer.trim() && (
        <span className="reviewer-hint" data-testid="reviewer-hint">
          decisions are signed &ldquo;anonymous&rdquo; until you give a name
        </span>
      )}
    </label>
  );
}

const KEYS: [string, string][] = [
  ["a", "accept and go to the next unreviewed row"],
  ["r then 1–9, 0", "reject with a reason (r again: the next ten reasons)"],
  ["n", "next unreviewed row"],
  ["u / ctrl+z", "undo"],
  ["shift+u / ctrl+shift+z", "redo"],
  ["e", "edit the note"],
  ["j / k, ↓ / ↑, g / G", "next, previous, first, last row"],
  ["?", "show or hide these keys"],
];

function KeyHelp() {
  return (
    <table className="key-help" data-testid="key-help">
      <tbody>
        {KEYS.map(([k, what]) => (
          <tr key={k}>
            <td>
              <kbd>{k}</kbd>
            </td>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
