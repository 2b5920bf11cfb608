import { scanFile, type FileScan } from "../lib/ingest/loadSummary";
import { openFileSource } from "../lib/node/fileSource";
import { UsageError } from "./usageError";

/**
 * `pivot-studio inspect FILE…`: what the app shows after opening files — detected kind, rows, located bad
 * lines and the action-type split — from the same parser, headless.
 */
export async function inspect(paths: string[], flags: { json: boolean; strict: boolean }): Promise<number> {
  if (paths.length === 0) throw new UsageError("inspect needs at least one FILE");
  const results: { path: string; scan: FileScan }[] = [];
  for (const p of paths) {
    const src = await openFileSource(p);
    try {
      results.push({ path: p, scan: await scanFile(src) });
    } finally {
      await src.close();
    }
  }
  if (flags.json) {
    const out = results.map(({ path, scan }) => ({
      path,
      kind: scan.detection.kind,
      label: scan.detection.label,
      details: scan.detection.details,
      rows: scan.profile.rows,
      errors: scan.errors.map((e) => ({ line: e.line, message: e.message })),
      action_types: scan.profile.actionTypes,
      row_kinds: scan.profile.rowKinds,
    }));
    process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  } else {
    for (const { path, scan } of results) {
      const total = scan.profile.rows;
      process.stdout.write(`${path}: ${scan.detection.label} — ${total} rows, ${scan.errors.length} bad lines\n`);
      for (const d of scan.detection.details) process.stdout.write(`  ${d}\n`);
      for (const [type, n] of Object.entries(scan.profile.actionTypes)) {
        process.stdout.write(`  ${type}: ${n} (${((100 * n) / Math.max(1, total)).toFixed(2)}%)\n`);
      }
      for (const e of scan.errors) process.stderr.write(`${path}:${e.line}: ${e.message}\n`);
    }
  }
  const bad = results.some((r) => r.scan.errors.length > 0);
  return flags.strict && bad ? 1 : 0;
}

