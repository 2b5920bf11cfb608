"use client";
import { reasonLabel } from "@/lib/review";
import { AUDIT_COUNTS_SQL, AUDIT_SQL } from "@/lib/review/auditSql";
import { openRow } from "../store/openRow";
import { restore, useReview } from "../store/review";
import { useStudio } from "../store/studioStore";
import { countText } from "../countText";
import { useQuery } from "../useQuery";

const SHOWN = 200;

/** The skipped-row audit: every rejected row and every row an error finding skips, with counts per reason. */
export function AuditPanel() {
  const reasons = useReview((r) => r.reasons);
  const { rows } = useQuery(AUDIT_SQL, true);
  const { rows: counts } = useQuery(AUDIT_COUNTS_SQL, true);
  const entries = rows ?? [];
  // A converted file's rows are decision points, numbered among its candidates (not lines of the file).
  const converted = new Set(useStudio((s) => s.files).flatMap((f) => (f.conversion ? [f.fileId] : [])));
  // Lines that never loaded are in the bundle's skipped.jsonl too; they are listed with the load's errors.
  // (An unreadable .json document loads nothing, so the export has nothing of it either.)
  const badLines = useStudio((s) => s.files.reduce((n, f) => n + (f.document && f.file.size === 0 ? 0 : f.errorTotal), 0));
  return (
    <details className="audit" data-testid="audit">
      <summary>
        Skipped-row audit:{" "}
        <span data-testid="audit-count" data-value={String(entries.length)}>
          {entries.length.toLocaleString("en-US")}
        </span>{" "}
        {entries.length === 1 ? "row" : "rows"}
        {badLines > 0 && (
          <span className="muted" data-testid="audit-bad-lines" data-count={String(badLines)}>
            {" "}
            (+ {countText(badLines, "bad line")} that did not load, listed above: the export&apos;s skipped.jsonl has {badLines === 1 ? "it" : "them"} too)
          </span>
        )}
      </summary>
      <ul className="audit-counts">
        {(counts ?? []).map((c) => (
          <li key={`${String(c.source)}:${String(c.reason)}`} data-testid="audit-reason" data-reason={String(c.reason)} data-source={String(c.source)} data-count={String(c.n)}>
            {c.source === "auto" ? `auto: ${String(c.reason)}` : reasonLabel(reasons, String(c.reason))} — {String(c.n)}
          </li>
        ))}
      </ul>
      <table className="audit-list">
        <thead>
          <tr>
            <th>file</th>
            <th>line / point</th>
            <th>reason</th>
            <th>note</th>
            <th>reviewer</th>
            <th>time</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {entries.slice(0, SHOWN).map((e) => (
            <tr key={`${String(e.source)}:${String(e.file_id)}:${String(e.line)}`} data-testid="audit-entry" data-line={String(e.line)} data-source={String(e.source)} data-reason={String(e.reason)}>
              <td>{String(e.file_name)}</td>
              <td>
                <button type="button" className="link" data-testid="audit-open" onClick={() => void openRow(Number(e.file_id), Number(e.line))}>
                  {converted.has(Number(e.file_id)) ? `point ${String(e.line)}` : String(e.line)}
                </button>
              </td>
              <td>{e.source === "auto" ? `auto: ${String(e.reason)}` : reasonLabel(reasons, String(e.reason))}</td>
              <td>{e.note === null ? "" : String(e.note)}</td>
              <td>{e.reviewer === null ? "" : String(e.reviewer)}</td>
              <td>{e.at === null ? "" : String(e.at).replace("T", " ").slice(0, 19)}</td>
              <td>
                {e.source === "review" && (
                  <button type="button" className="button small" data-testid="audit-restore" onClick={() => void restore([String(e.content_hash)])}>
                    Restore
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length > SHOWN && <p className="muted">First {SHOWN} of {entries.length.toLocaleString("en-US")}; filter the table by verdict or finding to see the rest.</p>}
    </details>
  );
}
