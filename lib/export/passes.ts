/**
 * The export's passes over the processed rows (`processRow.ts`), in source order.
 *
 * The first pass reads every row once: it decides each row's fate, collects the refusal and warning lists,
 * counts, split groups and metrics, and writes `pivots.jsonl` (and `skipped.jsonl` when the sink takes several
 * files at once) as the rows come. If a kept row turns out to have an error, writing stops and the export
 * discards what was written. Later passes write what needs the whole first pass: the train/validation split,
 * and `skipped.jsonl` on a sink that holds one file at a time (a zip).
 */
import { ExportedRowMetrics, Tally } from "./bundleMetrics";
import { GymDatasetMetrics } from "./gymMetrics";
import type { RepairCode } from "./normalizePlan";
import type { ExportOptions } from "./options";
import type { KeptRowMetrics, KeptRowResult, ProcessedRow } from "./processRow";
import { CHANGED, KEPT, RowPlan, ScoreList, SKIPPED, VALIDATION } from "./rowPlan";
import type { EncodedLine, OutputFile } from "./sink";
import { type SkipInfo, skipInfo, skippedLine } from "./skippedRow";
import type { CandidateOrigin, ExportDecisions, SourceRow } from "./sourceRows";
import type { Finding } from "../validate";

export const PIVOTS = "pivots.jsonl";
export const TRAIN = "train.jsonl";
export const VALIDATION_FILE = "validation.jsonl";
export const SKIPPED_FILE = "skipped.jsonl";
export const EXAMPLE = "example.jsonl";

/** A row named in a refusal or a warning list. */
export interface RowProblem {
  file: string;
  /** The row's line; for a converted trajectory's decision point, its number (see `origin`). */
  line: number;
  hash: string;
  findings: Finding[];
  /** Where a decision point's trajectory sits in its file. */
  origin?: CandidateOrigin;
}

export interface CheckResult {
  plan: RowPlan;
  /** Per-row split group scores, when a split is asked for. */
  scores: ScoreList | null;
  /** Split group score → kept rows. */
  groups: Map<number, number>;
  sourceRows: number;
  kept: number;
  rejected: number;
  autoSkipped: number;
  notExported: number;
  repairedRows: number;
  repairs: Map<RepairCode, number>;
  /** Warning code → kept rows having it. */
  warningCodes: Tally;
  skipReasons: Tally;
  offending: RowProblem[];
  offendingTotal: number;
  warningRows: RowProblem[];
  warningRowsTotal: number;
  /** Per pivot file, each kept row's content hash → its first line: a repeat is a `duplicate_row` warning, as the app shows it. */
  firstLines: Map<string, { last: number; lines: Map<string, number> }>;
}

/** What the first pass gathers for the metrics and the example file. */
export class PivotsPassState {
  readonly rows = new ExportedRowMetrics();
  /** Gym metrics per data file name. */
  readonly gym = new Map<string, GymDatasetMetrics>();
  readonly examples: (string | EncodedLine)[] = [];
  batchRows = 0;

  gymFor(file: string): GymDatasetMetrics {
    let m = this.gym.get(file);
    if (!m) this.gym.set(file, (m = new GymDatasetMetrics()));
    return m;
  }
}

export interface PassContext {
  options: ExportOptions;
  decisions: ExportDecisions;
  /** Called every few hundred rows with the rows read so far in this pass. */
  tick(rows: number): void;
  signal?: AbortSignal;
}

export class SourceChangedError extends Error {
  override name = "SourceChangedError";
}

function emptyCheckResult(options: ExportOptions): CheckResult {
  return {
    plan: new RowPlan(),
    scores: options.split ? new ScoreList() : null,
    groups: new Map(),
    sourceRows: 0,
    kept: 0,
    rejected: 0,
    autoSkipped: 0,
    notExported: 0,
    repairedRows: 0,
    repairs: new Map(),
    warningCodes: new Tally(),
    skipReasons: new Tally(),
    offending: [],
    offendingTotal: 0,
    warningRows: [],
    warningRowsTotal: 0,
    firstLines: new Map(),
  };
}

export async function firstPass(
  batches: AsyncIterable<readonly ProcessedRow[]>,
  files: ReadonlyMap<string, OutputFile>,
  state: PivotsPassState,
  ctx: PassContext,
): Promise<CheckResult> {
  const { options, decisions } = ctx;
  const result = emptyCheckResult(options);
  const pivots = files.get(PIVOTS);
  const skipped = files.get(SKIPPED_FILE);
  for await (const batch of batches) {
    for (const row of batch) {
      ctx.signal?.throwIfAborted();
      // Asked for every row, wherever the row was processed, so the caller's decisions see each row's hash.
      const verdict = decisions.verdictOf(row.hash);
      let flags = row.kind;
      let score = NaN;
      if (row.kind === KEPT) {
        const kept = row.kept as KeptRowResult;
        if (kept.changed) flags |= CHANGED;
        noteKeptRow(result, row, kept, options.maxListedRows);
        if (options.split) {
          score = kept.score;
          result.groups.set(score, (result.groups.get(score) ?? 0) + 1);
        }
        // Once the export is bound to be refused, nothing more is written.
        if (result.offendingTotal === 0 && pivots && kept.line !== undefined && kept.metrics) {
          await pivots.writeLine(kept.line);
          addPivotsMetrics(state, kept.metrics, kept.line, options.exampleRows);
        }
      } else if (row.kind === SKIPPED) {
        const rejected = verdict === "rejected";
        if (rejected) result.rejected++;
        else result.autoSkipped++;
        const info = skipInfo(row, rejected, decisions.auditOf?.(row.hash));
        result.skipReasons.add(info.reason);
        if (result.offendingTotal === 0 && skipped) await writeSkipped(skipped, row, info);
      } else {
        result.notExported++;
      }
      result.plan.push(flags);
      result.scores?.push(score);
      if (++result.sourceRows % 256 === 0) ctx.tick(result.sourceRows);
    }
  }
  ctx.tick(result.sourceRows);
  return result;
}

function noteKeptRow(result: CheckResult, row: ProcessedRow, kept: KeptRowResult, maxListed: number): void {
  result.kept++;
  if (kept.repairs.length > 0) result.repairedRows++;
  for (const code of kept.repairs) result.repairs.set(code, (result.repairs.get(code) ?? 0) + 1);
  const problem = (findings: Finding[]): RowProblem => ({ file: row.file, line: row.line, hash: row.hash, findings, ...(row.origin && { origin: row.origin }) });
  if (kept.errors.length > 0) {
    if (result.offending.length < maxListed) result.offending.push(problem(kept.errors));
    result.offendingTotal++;
  }
  const duplicate = row.origin ? null : duplicateOf(result, row);
  const warnings = duplicate ? [...kept.warnings, duplicate] : kept.warnings;
  if (warnings.length > 0) {
    for (const code of new Set(warnings.map((w) => w.code))) result.warningCodes.add(code);
    if (result.warningRows.length < maxListed) result.warningRows.push(problem(warnings));
    result.warningRowsTotal++;
  }
}

/** A pivot row whose bytes repeat an earlier kept row of its file (candidates: conversion's `duplicate` skip does this). */
function duplicateOf(result: CheckResult, row: ProcessedRow): Finding | null {
  let file = result.firstLines.get(row.file);
  // An input's rows come in line order: a line at or before the last one seen under this name starts another
  // input of the same name (two folders' data.jsonl), whose lines repeat nothing of the first's.
  if (!file || row.line <= file.last) result.firstLines.set(row.file, (file = { last: 0, lines: new Map() }));
  file.last = row.line;
  const first = file.lines.get(row.hash);
  if (first === undefined) {
    file.lines.set(row.hash, row.line);
    return null;
  }
  return { code: "duplicate_row", severity: "warning", message: `same bytes as line ${first} of this file`, path: "", line: row.line };
}

function addPivotsMetrics(state: PivotsPassState, m: KeptRowMetrics, line: string | EncodedLine, exampleRows: number): void {
  if (m.action.actionType === "function_call_batch") state.batchRows++;
  state.rows.add(m.action, m.facts, m.task);
  const files = [PIVOTS];
  if (state.examples.length < exampleRows) {
    // Kept until the bundle's end: a line's lent bytes are reused long before that.
    state.examples.push(typeof line === "string" ? line : { bytes: line.bytes.slice(), chars: line.chars });
    files.push(EXAMPLE);
  }
  if (m.gym) for (const file of files) state.gymFor(file).addStats(m.gym);
}

async function writeSkipped(file: OutputFile, row: ProcessedRow, info: SkipInfo): Promise<void> {
  if (!row.skipped) throw new SourceChangedError(`${row.file}:${row.line}: the skipped row's audit is missing`);
  const { text, findings, parses } = row.skipped;
  const source: SourceRow = { file: row.file, line: row.line, hash: row.hash, text, ...(row.autoSkip && { autoSkip: row.autoSkip }), ...(row.origin && { origin: row.origin }) };
  await file.writeLine(skippedLine(source, info, findings, parses));
}

/**
 * A later pass: the split's files (kept rows, routed by the plan's VALIDATION flag) and/or `skipped.jsonl`.
 * The plan from the first pass says what each row is; a source that changed since is an error.
 */
export async function laterPass(
  batches: AsyncIterable<readonly ProcessedRow[]>,
  files: ReadonlyMap<string, OutputFile>,
  plan: RowPlan,
  state: PivotsPassState,
  ctx: PassContext,
): Promise<void> {
  const skipped = files.get(SKIPPED_FILE);
  let index = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      ctx.signal?.throwIfAborted();
      if (index >= plan.length) throw new SourceChangedError("the source has more rows than when it was checked");
      const kind = plan.kind(index);
      if (row.kind !== kind) throw new SourceChangedError(`${row.file}:${row.line} is not the row it was when checked`);
      if (kind === KEPT) {
        const side = plan.flags(index) & VALIDATION ? VALIDATION_FILE : TRAIN;
        const file = files.get(side);
        if (file) {
          const line = row.kept?.line;
          if (line === undefined) throw new SourceChangedError(`${row.file}:${row.line} no longer parses`);
          await file.writeLine(line);
          const gym = row.kept?.metrics?.gym;
          if (gym) state.gymFor(side).addStats(gym);
        }
      } else if (kind === SKIPPED && skipped) {
        const rejected = ctx.decisions.verdictOf(row.hash) === "rejected";
        await writeSkipped(skipped, row, skipInfo(row, rejected, ctx.decisions.auditOf?.(row.hash)));
      }
      if (++index % 256 === 0) ctx.tick(index);
    }
  }
  if (index !== plan.length) throw new SourceChangedError("the source has fewer rows than when it was checked");
  ctx.tick(index);
}
