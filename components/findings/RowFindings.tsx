"use client";
import { FINDING_CATALOGUE, type FindingCode } from "@/lib/validate/finding";
import { rowFindingsSql } from "@/lib/view/rowFindings";
import { useQuery } from "../useQuery";
import { FindingBadge } from "./FindingBadge";

const ORDER = Object.keys(FINDING_CATALOGUE);

/** The current row's validation findings (from the `findings` table), errors first, in check order. */
export function RowFindings({ fileId, line }: { fileId: number; line: number }) {
  const { rows } = useQuery(rowFindingsSql(fileId, line));
  if (!rows) return null;
  const findings = [...rows].sort(
    (a, b) =>
      Number(b.severity === "error") - Number(a.severity === "error") ||
      ORDER.indexOf(a.code as FindingCode) - ORDER.indexOf(b.code as FindingCode),
  );
  const errors = findings.filter((f) => f.severity === "error").length;
  return (
    <section
      className="row-findings"
      data-testid="row-findings"
      data-errors={String(errors)}
      data-warnings={String(findings.length - errors)}
    >
      {findings.length === 0 ? (
        <p className="muted">No contract findings.</p>
      ) : (
        <>
          <h3>
            Findings: {errors} {errors === 1 ? "error" : "errors"}, {findings.length - errors}{" "}
            {findings.length - errors === 1 ? "warning" : "warnings"}
          </h3>
          <ul>
            {findings.map((f, i) => (
              <li key={i} data-testid="finding" data-code={String(f.code)} data-severity={String(f.severity)}>
                <FindingBadge code={String(f.code)} /> {String(f.message)}
                {f.path ? <code className="muted"> at {String(f.path)}</code> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
