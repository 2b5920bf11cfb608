import path from "node:path";
import { countsRecord, type ExportProgress, type ExportResult, repairsMade, type RowProblem } from "../lib/export";
import { refusalRemedies } from "../lib/export/refusalRemedies";
import { MAX_LISTED_ROWS, plural } from "./listing";
import type { Finding } from "../lib/validate";

/** What `pivot-studio export` prints: the bundle written, or the rows that refused it, and its progress line. */

/** Where the bundle goes: a folder, or one zip file. */
export interface Target {
  out: string;
  zip: boolean;
}

/** Rows name their file by base name; show the path the user typed when that is unambiguous. */
export function displayNames(inputs: readonly string[]): (file: string) => string {
  const byBase = new Map<string, string | null>();
  for (const p of inputs) {
    const base = path.basename(p);
    byBase.set(base, byBase.has(base) ? null : p);
  }
  return (file) => byBase.get(file) ?? file;
}

/** `file:line` of a row; a decision point is named by its trajectory's line (or record) and its number, as the app does. */
function placeOf(problem: RowProblem, where: (file: string) => string): string {
  const file = where(problem.file);
  const o = problem.origin;
  if (!o) return `${file}:${problem.line}`;
  const trajectory = o.line !== undefined ? `${file}:${o.line}` : o.record !== undefined ? `${file}[${o.record}]` : file;
  return `${trajectory} · point ${problem.line}`;
}

function problemLines(problem: RowProblem, where: (file: string) => string, suffix = ""): string[] {
  return problem.findings.map((f) => `${placeOf(problem, where)}: ${f.code}: ${f.message}${suffix}`);
}

/** What the user can do about the listed errors: the flags that accept them, else leaving the rows out. */
function refusalHints(findings: readonly Finding[]): string[] {
  const hints: string[] = refusalRemedies(findings).map((remedy) =>
    remedy === "allow_missing_tools"
      ? "  rows without tools (swe_pivot, image rows): --allow-missing-tools exports them, as validate --allow-missing-tools accepts them"
      : "  function_call_batch actions: --batch exports them (Gym's verifier scores them; its validator script does not)",
  );
  const leaveOut = "fix the rows, or leave them out: with --decisions, reject them or leave them unreviewed (--accept-all keeps every row)";
  hints.push(`  ${hints.length > 0 ? "or " : ""}${leaveOut}`);
  return hints;
}

export function reportRefusal(result: Extract<ExportResult, { status: "refused" }>, where: (file: string) => string, json: boolean): number {
  if (json) {
    // Placed as skipped.jsonl places rows: a decision point by its trajectory's line (or record) and its number.
    const place = (p: RowProblem) =>
      !p.origin
        ? { file: p.file, line: p.line }
        : { file: p.file, ...(p.origin.record !== undefined ? { record: p.origin.record } : { line: p.origin.line }), action_index: p.origin.actionIndex, decision_point: p.line };
    const problem = (p: RowProblem) => ({ ...place(p), content_hash: p.hash, findings: p.findings });
    // As the manifest counts them; nothing was written, so `exported` is 0 and `kept` says how many would have been.
    const counts = { ...countsRecord(result.counts), exported: 0, kept: result.counts.exported, offending_rows: result.counts.offendingRows };
    process.stdout.write(JSON.stringify({ ok: false, refused: true, offending_total: result.offendingTotal, offending: result.offending.map(problem), counts }) + "\n");
    return 1;
  }
  const lines = result.offending.flatMap((p) => problemLines(p, where));
  if (result.offendingTotal > result.offending.length) lines.push(`… and ${plural(result.offendingTotal - result.offending.length, "more row")}`);
  lines.push(
    `export refused: ${plural(result.offendingTotal, "kept row has", "kept rows have")} errors that normalization does not repair. Nothing was written.`,
    ...refusalHints(result.offending.flatMap((p) => p.findings)),
  );
  process.stderr.write(lines.join("\n") + "\n");
  return 1;
}

export function reportWritten(
  result: Extract<ExportResult, { status: "written" }>,
  target: Target,
  where: (file: string) => string,
  decisionsFile: string | undefined,
  unmatched: number,
): void {
  const c = result.counts;
  const out: string[] = [];
  const skipped = c.skipped > 0 ? `, ${c.skipped} skipped (${c.rejected} rejected, ${c.autoSkipped} auto-skipped)` : "";
  const left = c.notExported > 0 ? `, ${plural(c.notExported, "unreviewed row")} left out` : "";
  out.push(`exported ${c.exported} of ${plural(c.sourceRows, "row")} to ${target.out}${target.zip ? "" : "/"}${skipped}${left}`);
  if (c.repairedRows > 0) {
    out.push(`repaired ${plural(c.repairedRows, "row")}: ${repairsMade(result.manifest).map(([code, n]) => `${code} ${n}`).join(", ")}`);
  }
  const nameWidth = Math.max(...result.files.map((f) => f.name.length));
  const rowsWidth = Math.max(...result.files.map((f) => String(f.rows ?? "").length));
  const bytesWidth = Math.max(...result.files.map((f) => String(f.bytes).length));
  for (const f of result.files) {
    const rows = f.rows === null ? " ".repeat(rowsWidth + 5) : `${String(f.rows).padStart(rowsWidth)} rows`;
    out.push(`  ${f.name.padEnd(nameWidth)}  ${rows}  ${String(f.bytes).padStart(bytesWidth)} bytes  sha256 ${f.sha256}`);
  }
  for (const note of result.notes) out.push(`note: ${note}`);
  if (unmatched > 0) out.push(`note: ${plural(unmatched, "decision")} in ${decisionsFile} matched no input row (recorded for another file?)`);
  if (result.warningsTotal > 0) {
    const codes = Object.entries(result.manifest.warnings as Record<string, number>).map(([code, n]) => `${code} ${n}`);
    out.push(`warnings (do not block): ${plural(result.warningsTotal, "row")}: ${codes.join(", ")}`);
    const listed = result.warnings.slice(0, MAX_LISTED_ROWS).flatMap((p) => problemLines(p, where, " (warning)"));
    if (result.warningsTotal > MAX_LISTED_ROWS) listed.push(`… and ${plural(result.warningsTotal - MAX_LISTED_ROWS, "more row")} with warnings`);
    process.stderr.write(listed.join("\n") + "\n");
  }
  process.stdout.write(out.join("\n") + "\n");
}

/** A one-line progress display on a terminal's stderr, at most ten updates a second. */
export function progressLine(enabled: boolean): { update: (p: ExportProgress) => void; clear: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && p.stage !== "finishing") return;
      last = now;
      const rows = p.totalRows ? `${p.rows}/${p.totalRows} rows` : `${p.rows} rows`;
      const what = p.stage === "checking" ? "checking" : p.stage === "writing" ? `writing ${p.files.join(", ")}` : "finishing";
      process.stderr.write(`\r\x1b[2K${what} (pass ${p.pass}/${p.passes}): ${rows}`);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write("\r\x1b[2K");
      shown = false;
    },
  };
}
