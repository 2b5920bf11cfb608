/**
 * The export pipeline: one pass over the rows checks each one (refusing, with the offending rows, when a kept
 * row has an error normalization cannot repair) and streams `pivots.jsonl` through the sink as it goes; later
 * passes write the train/validation split and, on a one-file-at-a-time sink, the skipped-row audit; then the
 * config, metrics, README and manifest. Rows are read from the source again for each pass rather than held in
 * memory, so the output's size is bounded by the disk, not the tab.
 */
import { gymConfigFileName, gymConfigYaml } from "./gymConfig";
import { type Sha256Factory, wasmSha256 } from "./hashing";
import { buildManifest, type ExportCounts, jsonFileText } from "./manifest";
import { buildMetrics } from "./metricsJson";
import { type ExportOptions, type ExportOptionsInput, gymInstanceNames, resolveExportOptions } from "./options";
import {
  type CheckResult,
  EXAMPLE,
  firstPass,
  laterPass,
  type PassContext,
  PIVOTS,
  PivotsPassState,
  type RowProblem,
  SKIPPED_FILE,
  TRAIN,
  VALIDATION_FILE,
} from "./passes";
import type { RowWork } from "./processRow";
import { bundleReadme } from "./readme";
import { inlineRowProcessor, type RowProcessor } from "./rowProcessor";
import { KEPT, VALIDATION } from "./rowPlan";
import { type BundleSink, OutputFile, type WrittenFile, writeTextFile } from "./sink";
import type { ExportDecisions, InputFileInfo, SourceRow, SourceTask } from "./sourceRows";
import { chooseValidationGroups, validationTarget } from "./split";

interface ExportRequestBase {
  decisions: ExportDecisions;
  decisionLogDigest: string;
  /** The input files as the manifest records them; a promise lets hashing them overlap the export. */
  inputs: readonly InputFileInfo[] | Promise<readonly InputFileInfo[]>;
  appVersion: string;
  /** The filter that chose the rows (`rows` yields only those): recorded in the manifest. */
  filterSql?: string | null;
  /** Recorded in the manifest only when given (a bundle otherwise carries no time). */
  createdAt?: string | null;
  /** SHA-256 of the written files; default hash-wasm (Node passes its native hash). */
  sha256?: Sha256Factory;
  /** Converted candidates' source-task groups, complete after any full pass over the rows (candidateSource). */
  taskGroups?: () => { groupOf(task: SourceTask, input: number): string } | null;
}

export type ExportRequest = ExportRequestBase &
  (
    | {
        /** The source rows, in a fixed order; called once per pass, and must yield the same rows each time. */
        rows: () => AsyncIterable<SourceRow>;
      }
    | {
        /** Processes the rows elsewhere (Node worker threads), with the same decisions as `decisions`. */
        processor: RowProcessor;
      }
  );

export interface ExportProgress {
  stage: "checking" | "writing" | "finishing";
  /** 1-based pass number, of `passes` (checking, which also writes pivots.jsonl, is pass 1). */
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

/** The files of each pass: the first writes pivots.jsonl (with the audit when the sink takes several files). */
function planPasses(sink: BundleSink, split: boolean): string[][] {
  const sides = split ? [TRAIN, VALIDATION_FILE] : [];
  if (sink.concurrentFiles) return [[PIVOTS, SKIPPED_FILE], ...(split ? [sides] : [])];
  return [[PIVOTS], ...sides.map((f) => [f]), [SKIPPED_FILE]];
}

/** The per-row work pass `index` needs, given the files it writes. */
function workFor(index: number, names: readonly string[], options: ExportOptions): RowWork {
  const sides = names.includes(TRAIN) || names.includes(VALIDATION_FILE);
  return { options, check: index === 0, keptLines: index === 0 || sides, skippedRows: names.includes(SKIPPED_FILE) };
}

/** A later pass whose files get no rows (e.g. nothing skipped) need not read the source. */
function needsRows(names: readonly string[], check: CheckResult): boolean {
  return names.some((n) => (n === SKIPPED_FILE ? check.rejected + check.autoSkipped > 0 : check.kept > 0));
}

function configNotes(options: ExportOptions, state: PivotsPassState, check: CheckResult, validationRows: number): string[] {
  const notes: string[] = [];
  const c = options.gym.comparator;
  if (check.kept === 0) {
    const why = options.keep === "accepted" ? "no row is accepted (keep: accepted rows); accept rows, or keep every row not rejected" : "every row is rejected or skipped";
    notes.push(`Nothing exported: ${why}. pivots.jsonl is empty.`);
  }
  if (state.batchRows > 0 && !c.parallel_tool_call_rewarding) {
    notes.push("Batch rows with parallel_tool_call_rewarding off: the verifier ignores surplus calls.");
  }
  if (state.batchRows > 0 && options.parallelToolCalls === false) {
    notes.push("Batch rows with parallel_tool_calls set to false: the model is asked for one call at a time, and a batch expects several.");
  }
  if (c.word_count_similarity_threshold > 0.5) {
    notes.push("word_count_similarity_threshold is above 0.5: every multi-word string argument will fail to match.");
  }
  if (c.floating_point_comparison_threshold === 0) {
    notes.push("floating_point_comparison_threshold is 0: every float argument will fail to match (Gym tests abs(a − b) < threshold).");
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
  const sha256 = request.sha256 ?? wasmSha256;
  const inputs = Promise.resolve(request.inputs);
  inputs.catch(() => undefined); // awaited for the manifest; a failure must not go unhandled before that
  const processor = "processor" in request ? request.processor : inlineRowProcessor(request.rows, request.decisions);
  const passes = planPasses(sink, options.split !== null);
  const progress = (p: Omit<ExportProgress, "passes">) => hooks.onProgress?.({ ...p, passes: passes.length + 1 });
  const ctx = (pass: number, files: string[], totalRows: number | null): PassContext => ({
    options,
    decisions: request.decisions,
    signal: hooks.signal,
    tick: (rows) => progress({ stage: pass === 1 ? "checking" : "writing", pass, files, rows, totalRows }),
  });
  // Files stay open until every pass is done when the sink allows it (closing order is the bundle's file order).
  const open = new Map<string, OutputFile>();
  const written = new Map<string, WrittenFile>();
  const closeFiles = async (names: readonly string[]) => {
    for (const name of names) {
      const file = open.get(name);
      if (!file) continue;
      open.delete(name);
      written.set(name, await file.close());
    }
  };
  try {
    const state = new PivotsPassState();
    for (const name of [PIVOTS, ...(options.split ? [TRAIN, VALIDATION_FILE] : []), ...(options.exampleRows > 0 ? [EXAMPLE] : [])]) {
      state.gymFor(name);
    }
    const [firstFiles, ...laterPasses] = passes as [string[], ...string[][]];
    for (const name of firstFiles) open.set(name, await OutputFile.open(sink, name, sha256));
    const check = await firstPass(processor.process(workFor(0, firstFiles, options), hooks.signal), open, state, ctx(1, firstFiles, null));
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
    if (!sink.concurrentFiles) await closeFiles(firstFiles);
    for (const [i, names] of laterPasses.entries()) {
      hooks.signal?.throwIfAborted();
      const files = new Map<string, OutputFile>();
      for (const name of names) files.set(name, await OutputFile.open(sink, name, sha256));
      for (const [name, file] of files) open.set(name, file);
      if (needsRows(names, check)) {
        const batches = processor.process(workFor(i + 1, names, options), hooks.signal);
        await laterPass(batches, files, check.plan, state, ctx(i + 2, names, check.sourceRows));
      }
      if (!sink.concurrentFiles) await closeFiles(names);
    }
    await closeFiles([PIVOTS, TRAIN, VALIDATION_FILE, SKIPPED_FILE]);
    hooks.signal?.throwIfAborted();
    progress({ stage: "finishing", pass: passes.length + 1, files: [], rows: check.sourceRows, totalRows: check.sourceRows });
    const notes = configNotes(options, state, check, validationRows);
    const bundle = { request, inputs: await inputs, options, check, state, counts, notes, sha256 };
    const { list, manifest } = await finishBundle(sink, bundle, written);
    await sink.close();
    return { status: "written", files: list, manifest, warnings: check.warningRows, warningsTotal: check.warningRowsTotal, counts, notes };
  } catch (e) {
    await sink.abort?.(e);
    throw e;
  }
}

interface FinishedPasses {
  request: ExportRequest;
  inputs: readonly InputFileInfo[];
  options: ExportOptions;
  check: CheckResult;
  state: PivotsPassState;
  counts: ExportCounts;
  notes: string[];
  sha256: Sha256Factory;
}

async function finishBundle(
  sink: BundleSink,
  { request, inputs, options, check, state, counts, notes, sha256 }: FinishedPasses,
  written: Map<string, WrittenFile>,
): Promise<{ list: WrittenFile[]; manifest: Record<string, unknown> }> {
  const list = [PIVOTS, TRAIN, VALIDATION_FILE, SKIPPED_FILE].flatMap((n) => written.get(n) ?? []);
  if (options.exampleRows > 0) {
    const example = await OutputFile.open(sink, EXAMPLE, sha256);
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
  list.push(await writeTextFile(sink, configFile, yaml, sha256));
  const groups = request.taskGroups?.();
  if (groups) state.rows.countTaskGroups(groups);
  list.push(await writeTextFile(sink, "metrics.json", jsonFileText(buildMetrics(check, state, counts)), sha256));
  const readme = bundleReadme({
    agentName: options.agentName,
    resourcesServerName: names.resourcesServer,
    configFile,
    dataFiles,
    hasBatchRows,
    allowMissingTools: options.allowMissingTools,
    jsonlPathPrefix: options.gym.jsonlPathPrefix,
  });
  list.push(await writeTextFile(sink, "README.md", readme, sha256));
  const manifest = buildManifest({
    appVersion: request.appVersion,
    createdAt: request.createdAt ?? null,
    inputs,
    decisionLogDigest: request.decisionLogDigest,
    filterSql: request.filterSql ?? null,
    options,
    counts,
    repairs: check.repairs,
    warnings: new Map(check.warningCodes.shares().map((s) => [s.key, s.n])),
    notes,
    files: list,
  });
  list.push(await writeTextFile(sink, "manifest.json", jsonFileText(manifest), sha256));
  return { list, manifest };
}
