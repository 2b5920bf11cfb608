/**
 * The export pipeline: check every row (refusing with the offending rows when a kept row has an error
 * normalization cannot repair), assign the split, then stream the row files through the sink and finish with
 * the config, metrics, README and manifest. Rows are read from the source again for each writing pass rather
 * than held in memory, so the output's size is bounded by the disk, not the tab.
 */
import { type CheckResult, checkPass, type PassContext, type RowProblem } from "./checkPass";
import { gymConfigFileName, gymConfigYaml } from "./gymConfig";
import { buildManifest, type ExportCounts, jsonFileText } from "./manifest";
import { buildMetrics } from "./metricsJson";
import { type ExportOptions, type ExportOptionsInput, gymInstanceNames, resolveExportOptions } from "./options";
import { bundleReadme } from "./readme";
import { KEPT, VALIDATION } from "./rowPlan";
import { type BundleSink, OutputFile, type WrittenFile, writeTextFile } from "./sink";
import type { ExportDecisions, InputFileInfo, SourceRow } from "./sourceRows";
import { chooseValidationGroups, validationTarget } from "./split";
import { EXAMPLE, PIVOTS, PivotsPassState, SKIPPED_FILE, TRAIN, VALIDATION_FILE, writePass } from "./writePass";

export interface ExportRequest {
  /** The source rows, in a fixed order; called once per pass, and must yield the same rows each time. */
  rows: () => AsyncIterable<SourceRow>;
  decisions: ExportDecisions;
  decisionLogDigest: string;
  inputs: readonly InputFileInfo[];
  appVersion: string;
  filterSql?: string | null;
  /** Recorded in the manifest only when given (a bundle otherwise carries no time). */
  createdAt?: string | null;
}

export interface ExportProgress {
  stage: "checking" | "writing" | "finishing";
  /** 1-based pass number, of `passes` (checking is pass 1). */
  pass: number;
  passes: number;
  /** The files this pass writes. */
  files: string[];
  /** Source rows read in this pass, of `totalRows` (unknown while checking). */
  rows: number;
  totalRows: number | null;
}

export interface ExportHooks {
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
}

export type ExportResult =
  | {
      status: "refused";
      /** Kept rows with errors that normalization does not repair (at most `maxListedRows`). */
      offending: RowProblem[];
      offendingTotal: number;
      warnings: RowProblem[];
      warningsTotal: number;
      counts: ExportCounts;
    }
  | {
      status: "written";
      files: WrittenFile[];
      manifest: Record<string, unknown>;
      warnings: RowProblem[];
      warningsTotal: number;
      counts: ExportCounts;
      notes: string[];
    };

function countsOf(check: CheckResult): ExportCounts {
  return {
    sourceRows: check.sourceRows,
    exported: check.kept,
    skipped: check.rejected + check.autoSkipped,
    rejected: check.rejected,
    autoSkipped: check.autoSkipped,
    notExported: check.notExported,
    repairedRows: check.repairedRows,
    rowsWithWarnings: check.warningRowsTotal,
    offendingRows: check.offendingTotal,
  };
}

/** Marks validation-side rows in the plan; returns the number of validation rows. */
function assignSplit(check: CheckResult, options: ExportOptions): number {
  if (!options.split || !check.scores) return 0;
  const chosen = chooseValidationGroups(check.groups, validationTarget(options.split, check.kept));
  let rows = 0;
  for (let i = 0; i < check.plan.length; i++) {
    if (check.plan.kind(i) === KEPT && chosen.has(check.scores.get(i))) {
      check.plan.mark(i, VALIDATION);
      rows++;
    }
  }
  return rows;
}

/** Row files grouped into passes: all at once when the sink allows, else one per pass. */
function planPasses(sink: BundleSink, split: boolean): string[][] {
  const files = [PIVOTS, ...(split ? [TRAIN, VALIDATION_FILE] : []), SKIPPED_FILE];
  return sink.concurrentFiles ? [files] : files.map((f) => [f]);
}

function configNotes(options: ExportOptions, state: PivotsPassState, check: CheckResult, validationRows: number): string[] {
  const notes: string[] = [];
  const c = options.gym.comparator;
  if (check.kept === 0) notes.push("No rows were kept: pivots.jsonl is empty.");
  if (state.batchRows > 0 && !c.parallel_tool_call_rewarding) {
    notes.push("Batch rows with parallel_tool_call_rewarding off: the verifier ignores surplus calls.");
  }
  if (c.word_count_similarity_threshold > 0.5) {
    notes.push("word_count_similarity_threshold is above 0.5: every multi-word string argument will fail to match.");
  }
  if (options.split && check.kept > 0 && (validationRows === 0 || validationRows === check.kept)) {
    notes.push("The split put every row on one side (too few trajectory groups for the requested size).");
  }
  return notes;
}

export async function exportBundle(
  request: ExportRequest,
  optionsInput: ExportOptionsInput | ExportOptions,
  sink: BundleSink,
  hooks: ExportHooks = {},
): Promise<ExportResult> {
  const options = resolveExportOptions(optionsInput);
  const passes = planPasses(sink, options.split !== null);
  const progress = (p: Omit<ExportProgress, "passes">) => hooks.onProgress?.({ ...p, passes: passes.length + 1 });
  const ctx = (pass: number, files: string[], totalRows: number | null): PassContext => ({
    options,
    decisions: request.decisions,
    signal: hooks.signal,
    tick: (rows) => progress({ stage: pass === 1 ? "checking" : "writing", pass, files, rows, totalRows }),
  });

  const check = await checkPass(request.rows(), ctx(1, [], null));
  const counts = countsOf(check);
  if (check.offendingTotal > 0) {
    await sink.abort?.(new Error("export refused: kept rows have errors"));
    return {
      status: "refused",
      offending: check.offending,
      offendingTotal: check.offendingTotal,
      warnings: check.warningRows,
      warningsTotal: check.warningRowsTotal,
      counts,
    };
  }
  const validationRows = assignSplit(check, options);
  try {
    const state = new PivotsPassState();
    for (const name of [PIVOTS, ...(options.split ? [TRAIN, VALIDATION_FILE] : []), ...(options.exampleRows > 0 ? [EXAMPLE] : [])]) {
      state.gymFor(name);
    }
    const written = new Map<string, WrittenFile>();
    for (const [i, names] of passes.entries()) {
      hooks.signal?.throwIfAborted();
      const files = new Map<string, OutputFile>();
      for (const name of names) files.set(name, await OutputFile.open(sink, name));
      // A pass whose files get no rows (e.g. nothing skipped) need not read the source.
      if (needsRows(names, check)) await writePass(request.rows(), files, check.plan, state, ctx(i + 2, names, check.sourceRows));
      for (const [name, file] of files) written.set(name, await file.close());
    }
    hooks.signal?.throwIfAborted();
    progress({ stage: "finishing", pass: passes.length + 1, files: [], rows: check.sourceRows, totalRows: check.sourceRows });
    const notes = configNotes(options, state, check, validationRows);
    const { list, manifest } = await finishBundle(sink, request, options, check, state, written, counts, notes);
    await sink.close();
    return { status: "written", files: list, manifest, warnings: check.warningRows, warningsTotal: check.warningRowsTotal, counts, notes };
  } catch (e) {
    await sink.abort?.(e);
    throw e;
  }
}

function needsRows(names: readonly string[], check: CheckResult): boolean {
  return names.some((n) => (n === SKIPPED_FILE ? check.rejected + check.autoSkipped > 0 : check.kept > 0));
}

async function finishBundle(
  sink: BundleSink,
  request: ExportRequest,
  options: ExportOptions,
  check: CheckResult,
  state: PivotsPassState,
  written: Map<string, WrittenFile>,
  counts: ExportCounts,
  notes: string[],
): Promise<{ list: WrittenFile[]; manifest: Record<string, unknown> }> {
  const list = [PIVOTS, TRAIN, VALIDATION_FILE, SKIPPED_FILE].flatMap((n) => written.get(n) ?? []);
  if (options.exampleRows > 0) {
    const example = await OutputFile.open(sink, EXAMPLE);
    for (const line of state.examples) await example.writeLine(line);
    list.push(await example.close());
  }
  const names = gymInstanceNames(options.agentName);
  const configFile = gymConfigFileName(options.agentName);
  const hasBatchRows = state.batchRows > 0;
  const yaml = gymConfigYaml({
    agentName: options.agentName,
    gym: options.gym,
    hasBatchRows,
    datasets: {
      train: options.split ? TRAIN : PIVOTS,
      validation: options.split ? VALIDATION_FILE : null,
      example: options.exampleRows > 0 ? EXAMPLE : null,
    },
  });
  const dataFiles = [...list];
  list.push(await writeTextFile(sink, configFile, yaml));
  list.push(await writeTextFile(sink, "metrics.json", jsonFileText(buildMetrics(check, state, counts))));
  const readme = bundleReadme({
    agentName: options.agentName,
    resourcesServerName: names.resourcesServer,
    configFile,
    dataFiles,
    hasBatchRows,
    jsonlPathPrefix: options.gym.jsonlPathPrefix,
  });
  list.push(await writeTextFile(sink, "README.md", readme));
  const manifest = buildManifest({
    appVersion: request.appVersion,
    createdAt: request.createdAt ?? null,
    inputs: request.inputs,
    decisionLogDigest: request.decisionLogDigest,
    filterSql: request.filterSql ?? null,
    options,
    counts,
    repairs: check.repairs,
    warnings: new Map(check.warningCodes.shares().map((s) => [s.key, s.n])),
    notes,
    files: list,
  });
  list.push(await writeTextFile(sink, "manifest.json", jsonFileText(manifest)));
  return { list, manifest };
}
