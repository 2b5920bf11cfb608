"use client";
import { useMemo } from "react";
import { FINDING_CATALOGUE, type FindingCode } from "@/lib/validate/finding";
import { validatePivotRow } from "@/lib/validate/rowValidation";
import { rowFindingsSql } from "@/lib/view/rowFindings";
import { useStudio } from "../store/studioStore";
import { useQuery } from "../useQuery";
import { FindingBadge } from "./FindingBadge";

const ORDER = Object.keys(FINDING_CATALOGUE);

interface ShownFinding {
  code: string;
  severity: string;
  message: string;
  path: string | null;
}

/** The current row's validation findings (from the `findings` table), errors first, in check order. */
export function RowFindings({ fileId, line }: { fileId: number; line: number }) {
  const { rows } = useQuery(rowFindingsSql(fileId, line));
  if (!rows) return null;
  return <FindingList findings={rows.map((r) => ({ code: String(r.code), severity: String(r.severity), message: String(r.message), path: r.path ? String(r.path) : null }))} />;
}

/** A converted candidate's findings: checked when shown (ingestion does not check candidates, see candidateRows). */
export function CandidateFindings({ candidate }: { candidate: unknown }) {
  const validation = useStudio((s) => s.validation);
  const findings = useMemo(() => validatePivotRow(candidate, validation), [candidate, validation]);
  return <FindingList findings={findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, path: f.path || null }))} />;
}

function FindingList({ findings: unsorted }: { findings: ShownFinding[] }) {
  const findings = [...unsorted].sort(
    (a, b) =>
      Number(b.severity === "error") - Number(a.severity === "error") ||
      ORDER.indexOf(a.code as FindingCode) - ORDER.indexOf(b.code as FindingCode),
  );
  const errors = findings.filter((f) => f.severity === "error").length;
  return (
    <section className="row-findings" data-testid="row-findings" data-errors={String(errors)} data-warnings={String(findings.length - errors)}>
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
              <li key={i} data-testid="finding" data-code={f.code} data-severity={f.severity}>
                <FindingBadge code={f.code} /> {f.message}
                {f.path ? <code className="muted"> at {f.path}</code> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
