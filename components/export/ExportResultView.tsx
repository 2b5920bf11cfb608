"use client";
import type { ExportResult } from "@/lib/export/exportBundle";
import { repairsMade } from "@/lib/export/manifest";
import { refusalRemedies, type RefusalRemedy } from "@/lib/export/refusalRemedies";
import { countText } from "../countText";

/** What normalization changed, per repair code (the manifest's `repairs`), e.g. "agent_ref_set 5". */
const repairsText = (manifest: Record<string, unknown>) =>
  repairsMade(manifest)
    .map(([code, n]) => `${code} ${n.toLocaleString("en-US")}`)
    .join(", ");

const REMEDY_TEXT: Record<RefusalRemedy, string> = {
  allow_missing_tools: "Rows without tools (swe_pivot, image rows): tick “accept rows without tools” to export them.",
  batch: "function_call_batch actions: tick “export function_call_batch” to export them (Gym's verifier scores them; its validator script does not).",
};

/** What an export wrote (files with rows), or the kept rows that refused it, with their error findings. */
export function ExportResultView({ result, download }: { result: ExportResult; download: { url: string; name: string } | null }) {
  const c = result.counts;
  return (
    <div className="export-result" data-testid="export-result" data-status={result.status} data-exported={String(c.exported)} data-skipped={String(c.skipped)}>
      {result.status === "written" ? (
        <>
          <p>
            {countText(c.exported, "row")} exported, {c.skipped.toLocaleString("en-US")} in the skipped-row audit
            {c.repairedRows > 0 && (
              <span data-testid="export-repairs" title="rewritten to the export contract (counted in the manifest)">
                , {c.repairedRows.toLocaleString("en-US")} normalized ({repairsText(result.manifest)})
              </span>
            )}
            {c.notExported > 0 && <>, {c.notExported.toLocaleString("en-US")} unreviewed left out</>}.{" "}
            {download && (
              <a href={download.url} download={download.name} data-testid="export-download">
                Download {download.name} again
              </a>
            )}
          </p>
          {result.notes.map((note) => (
            <p key={note} className="export-note" data-testid="export-note">
              {note}
            </p>
          ))}
          <ul>
            {result.files.map((f) => (
              <li key={f.name} data-testid="export-file" data-name={f.name} data-rows={f.rows === null ? "" : String(f.rows)}>
                <code>{f.name}</code> <span className="muted">{f.rows !== null ? `${countText(f.rows, "row")} · ` : ""}{f.bytes.toLocaleString("en-US")} bytes</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <ul>
          {result.offending.map((r) => (
            <li key={`${r.file}:${r.line}`} data-testid="export-offending" data-line={String(r.line)}>
              {r.origin ? `${r.file} · point ${r.line}` : `${r.file} line ${r.line}`}: {r.findings.filter((f) => f.severity === "error").map((f) => `${f.code} (${f.message})`).join("; ")}
            </li>
          ))}
          {result.offendingTotal > result.offending.length && <li className="muted">… and {result.offendingTotal - result.offending.length} more</li>}
          {refusalRemedies(result.offending.flatMap((r) => r.findings)).map((remedy) => (
            <li key={remedy} className="muted" data-testid="export-remedy" data-remedy={remedy}>
              {REMEDY_TEXT[remedy]}
            </li>
          ))}
        </ul>
      )}
      {result.warningsTotal > 0 && <p className="muted">{result.warningsTotal.toLocaleString("en-US")} kept {result.warningsTotal === 1 ? "row has" : "rows have"} warnings (listed in the manifest; they do not block).</p>}
    </div>
  );
}
