import path from "node:path";
import { convertSource, createConversionRun, emptyStats, SourceTaskGroups } from "../lib/convert";
import { DEFAULT_CONVERT_OPTIONS } from "../lib/convert/options";
import { detectConvertedFile, type FileDetection } from "../lib/formats/fileKind";
import { firstRows, isTrajectoryFile } from "../lib/ingest/conversionMode";
import { scanFile, type FileScan } from "../lib/ingest/loadSummary";
import type { ByteSource } from "../lib/jsonl/byteSource";
import { openFileSource } from "../lib/node/fileSource";
import { UsageError } from "./usageError";

/**
 * `pivot-studio inspect FILE…`: what the app shows after opening files — detected kind, rows, located bad
 * lines and the action-type split — from the same parser, headless. A file of trajectories is converted as the
 * app converts it (with its default options), and shows as the app shows it: decision points kept and skipped.
 */
export async function inspect(paths: string[], flags: { json: boolean; strict: boolean }): Promise<number> {
  if (paths.length === 0) throw new UsageError("inspect needs at least one FILE");
  const results: { path: string; scan: FileScan; detection: FileDetection; actionTypes: Partial<Record<string, number>> }[] = [];
  for (const p of paths) {
    const src = await openFileSource(p);
    try {
      const scan = await scanFile(src);
      const converted = isTrajectoryFile(await firstRows(src)) ? await conversionOf(src, path.basename(p)) : null;
      results.push({ path: p, scan, detection: converted?.detection ?? scan.detection, actionTypes: converted?.actionTypes ?? scan.profile.actionTypes });
    } finally {
      await src.close();
    }
  }
  if (flags.json) {
    const out = results.map(({ path, scan, detection, actionTypes }) => ({
      path,
      kind: detection.kind,
      label: detection.label,
      details: detection.details,
      rows: scan.profile.rows,
      errors: scan.errors.map((e) => ({ line: e.line, message: e.message })),
      action_types: actionTypes,
      row_kinds: scan.profile.rowKinds,
    }));
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  } else {
    for (const { path, scan, detection, actionTypes } of results) {
      const total = scan.profile.rows;
      process.stdout.write(`${path}: ${detection.label} — ${total} rows, ${scan.errors.length} bad lines\n`);
      for (const d of detection.details) process.stdout.write(`  ${d}\n`);
      // Of the rows, or of a trajectory file's kept decision points.
      const of = Object.values(actionTypes).reduce<number>((sum, n) => sum + (n ?? 0), 0);
      for (const [type, n = 0] of Object.entries(actionTypes)) {
        process.stdout.write(`  ${type}: ${n} (${((100 * n) / Math.max(1, of)).toFixed(2)}%)\n`);
      }
      for (const e of scan.errors) process.stderr.write(`${path}:${e.line}: ${e.message}\n`);
    }
  }
  const bad = results.some((r) => r.scan.errors.length > 0);
  return flags.strict && bad ? 1 : 0;
}

/** A trajectory file as the app shows it: its decision points kept and skipped per reason, the kept ones' action types. */
async function conversionOf(source: ByteSource, fileName: string): Promise<{ detection: FileDetection; actionTypes: Partial<Record<string, number>> }> {
  const run = await createConversionRun({ ...DEFAULT_CONVERT_OPTIONS });
  const stats = emptyStats(new SourceTaskGroups());
  await convertSource(source, fileName, run, { pivot: () => undefined, skipped: () => undefined, rowError: () => undefined }, stats);
  const counts = [{ reason: null, n: stats.converted }, ...Object.entries(stats.bySkipReason).map(([reason, n]) => ({ reason, n: n ?? 0 }))];
  return { detection: detectConvertedFile(counts), actionTypes: stats.byActionType };
}
