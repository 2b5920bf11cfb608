/**
 * The export's first pass over the source rows: decide each row's fate, normalize and validate every kept
 * row, and size the split groups. Nothing is written; if a kept row still has an error after normalization,
 * the export stops here with the list of offending rows.
 */
import { isObject } from "../formats/json";
import type { Finding } from "../validate";
import { Tally } from "./bundleMetrics";
import type { RepairCode } from "./normalizePlan";
import type { ExportOptions } from "./options";
import { rowFacts } from "./rowFacts";
import { checkKeptRow, rowKind } from "./rowParsing";
import { CHANGED, KEPT, RowPlan, ScoreList, SKIPPED } from "./rowPlan";
import { skipInfo } from "./skippedRow";
import { groupScore, splitGroupKey } from "./split";
import type { ExportDecisions, SourceRow } from "./sourceRows";

/** A row named in a refusal or a warning list. */
export interface RowProblem {
  file: string;
  line: number;
  hash: string;
  findings: Finding[];
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
}

export interface PassContext {
  options: ExportOptions;
  decisions: ExportDecisions;
  /** Called every few hundred rows with the rows read so far in this pass. */
  tick(rows: number): void;
  signal?: AbortSignal;
}

export async function checkPass(rows: AsyncIterable<SourceRow>, ctx: PassContext): Promise<CheckResult> {
  const { options, decisions } = ctx;
  const result: CheckResult = {
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
  };
  for await (const row of rows) {
    ctx.signal?.throwIfAborted();
    const kind = rowKind(row, decisions, options.keep);
    let flags = kind;
    let score = NaN;
    if (kind === KEPT) {
      const checked = checkKeptRow(row, options);
      if (checked.repairs.length > 0) flags |= CHANGED;
      noteKeptRow(result, row, checked.repairs, checked.errors, checked.warnings, options.maxListedRows);
      if (options.split) {
        const facts = isObject(checked.parsed) ? rowFacts(checked.parsed) : { trajectoryId: null, taskId: null };
        score = groupScore(splitGroupKey(facts, row.hash), options.split.seed);
        result.groups.set(score, (result.groups.get(score) ?? 0) + 1);
      }
    } else if (kind === SKIPPED) {
      const rejected = decisions.verdictOf(row.hash) === "rejected";
      if (rejected) result.rejected++;
      else result.autoSkipped++;
      result.skipReasons.add(skipInfo(row, rejected, decisions.auditOf?.(row.hash)).reason);
    } else {
      result.notExported++;
    }
    result.plan.push(flags);
    result.scores?.push(score);
    if (++result.sourceRows % 256 === 0) ctx.tick(result.sourceRows);
  }
  ctx.tick(result.sourceRows);
  return result;
}

function noteKeptRow(
  result: CheckResult,
  row: SourceRow,
  repairs: readonly RepairCode[],
  errors: Finding[],
  warnings: Finding[],
  maxListed: number,
): void {
  result.kept++;
  if (repairs.length > 0) result.repairedRows++;
  for (const code of repairs) result.repairs.set(code, (result.repairs.get(code) ?? 0) + 1);
  const problem = (findings: Finding[]): RowProblem => ({ file: row.file, line: row.line, hash: row.hash, findings });
  if (errors.length > 0) {
    if (result.offending.length < maxListed) result.offending.push(problem(errors));
    result.offendingTotal++;
  }
  if (warnings.length > 0) {
    for (const code of new Set(warnings.map((w) => w.code))) result.warningCodes.add(code);
    if (result.warningRows.length < maxListed) result.warningRows.push(problem(warnings));
    result.warningRowsTotal++;
  }
}
