import path from "node:path";
import { convertSource, createConversionRun, emptyStats, type RowError, SourceTaskGroups, type StreamingRun } from "../lib/convert";
import { DEFAULT_CONVERT_OPTIONS } from "../lib/convert/options";
import { detectConvertedFile, type FileDetection } from "../lib/formats/fileKind";
import { firstRows, isTrajectoryFile } from "../lib/ingest/conversionMode";
import { scanFile, type FileScan } from "../lib/ingest/loadSummary";
import type { ByteSource } from "../lib/jsonl/byteSource";
import { DocumentError, rowFile, type RowFile } from "../lib/node/rowFileSource";
import { plural } from "./listing";
import { UsageError } from "./usageError";

/**
 * `pivot-studio inspect FILE…`: what the app shows after opening files — detected kind, rows, located bad
 * lines and the action-type split — from the same parser, headless. A file of trajectories is converted as the
 * app converts it (with its default options), and shows as the app shows it: decision points kept and skipped.
 */
export async function inspect(paths: string[], flags: { json: boolean; strict: boolean }): Promise<number> {
  if (paths.length === 0) throw new UsageError("inspect needs at least one FILE");
  const results: Inspected[] = [];
  // One conversion run for every trajectory file, as the app converts what it opens together: a trajectory
  // repeated in a later file is a duplicate there.
  let run: StreamingRun | null = null;
  for (const p of paths) {
    let file: RowFile;
    try {
      file = await rowFile(p);
    } catch (e) {
      // A document that cannot be read is this file's error; the other files are still inspected, as in the app.
      if (!(e instanceof DocumentError)) throw e;
      results.push({ path: p, document: true, unreadable: e, scan: null, rows: 0, errors: [], detection: null, actionTypes: {} });
      continue;
    }
    const src = await file.open();
    try {
      const scan = await scanFile(src);
      const trajectories = isTrajectoryFile(await firstRows(src));
      if (trajectories) run ??= await createConversionRun({ ...DEFAULT_CONVERT_OPTIONS });
      const converted = trajectories && run ? await conversionOf(src, path.basename(p), run) : null;
      const detection = converted?.detection ?? scan.detection;
      // A trajectory file's bad lines are those conversion cannot read (as the app counts them): a line that
      // parses as a trajectory row may still hold none (an empty message list).
      const errors = converted?.errors ?? scan.errors;
      const rows = scan.profile.rows + scan.errors.length - errors.length;
      results.push({ path: p, document: file.document, unreadable: null, scan, rows, errors, detection, actionTypes: converted?.actionTypes ?? scan.profile.actionTypes });
    } finally {
      await src.close?.();
    }
  }
  if (flags.json) {
    process.stdout.write(JSON.stringify(results.map(inspectedJson), null, 2) + "\n");
  } else {
    for (const r of results) printInspected(r);
  }
  const bad = results.some((r) => r.unreadable || r.errors.length > 0);
  return flags.strict && bad ? 1 : 0;
}

type LineError = { line: number; message: string };
type Inspected =
  | { path: string; document: boolean; unreadable: null; scan: FileScan; rows: number; errors: LineError[]; detection: FileDetection; actionTypes: Partial<Record<string, number>> }
  | { path: string; document: true; unreadable: DocumentError; scan: null; rows: 0; errors: LineError[]; detection: null; actionTypes: Partial<Record<string, number>> };

/** A document's bad rows are its records, numbered from 0 as `convert` and the export's `record` number them. */
const where = (r: Inspected, line: number) => (r.document ? { record: line - 1 } : { line });
const whereText = (r: Inspected, line: number) => (r.document ? `${r.path}[${line - 1}]` : `${r.path}:${line}`);

function inspectedJson(r: Inspected) {
  if (r.unreadable) return { path: r.path, kind: "unreadable", label: "not a readable JSON document", rows: 0, errors: [{ line: r.unreadable.line, message: r.unreadable.reason }] };
  return {
    path: r.path,
    kind: r.detection.kind,
    label: r.detection.label,
    details: r.detection.details,
    rows: r.rows,
    errors: r.errors.map((e) => ({ ...where(r, e.line), message: e.message })),
    action_types: r.actionTypes,
    row_kinds: r.scan.profile.rowKinds,
  };
}

function printInspected(r: Inspected): void {
  if (r.unreadable) {
    process.stdout.write(`${r.path}: not a readable JSON document — 0 rows\n`);
    process.stderr.write(`${r.unreadable.message}\n`);
    return;
  }
  const bad = r.errors.length;
  process.stdout.write(`${r.path}: ${r.detection.label} — ${plural(r.rows, "row")}, ${plural(bad, r.document ? "bad record" : "bad line")}\n`);
  for (const d of r.detection.details) process.stdout.write(`  ${d}\n`);
  // Of the rows, or of a trajectory file's kept decision points.
  const of = Object.values(r.actionTypes).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  for (const [type, n = 0] of Object.entries(r.actionTypes)) {
    process.stdout.write(`  ${type}: ${n} (${((100 * n) / Math.max(1, of)).toFixed(2)}%)\n`);
  }
  for (const e of r.errors) process.stderr.write(`${whereText(r, e.line)}: ${e.message}\n`);
}

/** A trajectory file as the app shows it: its decision points kept and skipped per reason, the kept ones' action types. */
async function conversionOf(
  source: ByteSource,
  fileName: string,
  run: StreamingRun,
): Promise<{ detection: FileDetection; actionTypes: Partial<Record<string, number>>; errors: LineError[] }> {
  const stats = emptyStats(new SourceTaskGroups());
  const errors: LineError[] = [];
  // The source is JSONL: a document's records come one per line (rowFile).
  const sink = { pivot: () => undefined, skipped: () => undefined, rowError: (e: RowError) => void errors.push({ line: e.line ?? 0, message: e.message }) };
  await convertSource(source, fileName, run, sink, stats, "jsonl");
  const counts = [{ reason: null, n: stats.converted }, ...Object.entries(stats.bySkipReason).map(([reason, n]) => ({ reason, n: n ?? 0 }))];
  return { detection: detectConvertedFile(counts), actionTypes: stats.byActionType, errors };
}
