/**
 * One row's share of an export pass, done once per row wherever the rows are read (the page, or a Node worker
 * thread over a byte range of a file): the row's fate from the decisions and, for a kept row, normalization,
 * the contract check, the line to write and what the metrics need. The result is plain data so it can cross
 * threads; the bookkeeping that depends on row order (counts, metrics, the files) is done by the pass that
 * consumes it (`passes.ts`), so a threaded export gives the same bytes as a single-threaded one.
 */
import { type ActionSummary, summarizeExpectedAction } from "../formats/expectedAction";
import { isObject } from "../formats/json";
import { rowShapeError } from "../formats/rowSummary";
import { validatePivotRow, type Finding } from "../validate";
import { type GymRowStats, gymRowStats } from "./gymMetrics";
import { type MemberSpan, uniqueMembers } from "./jsonSpans";
import { joinPieces, type LineEncoder } from "./linePieces";
import { normalizedValue, renderNormalizedPieces } from "./normalizeRow";
import { planNormalization, RCP, type RepairCode } from "./normalizePlan";
import type { ExportOptions } from "./options";
import type { RequestMemo } from "./requestMemo";
import { rowFacts, type RowFacts } from "./rowFacts";
import { contractCheckOf, normalizeOptionsOf, parseLine, rowKind, skippedRowFindings, validationSkip } from "./rowParsing";
import { KEPT, SKIPPED } from "./rowPlan";
import type { EncodedLine } from "./sink";
import type { AutoSkip, CandidateOrigin, ExportDecisions, SourceRow, SourceTask } from "./sourceRows";
import { groupScore, splitGroupKey } from "./split";

/** A pivot row's context and action, as the split's identity of a row without a trajectory (see splitGroupKey). */
function pivotIdentity(value: unknown): string | null {
  if (!isObject(value)) return null;
  const params = value.responses_create_params;
  return JSON.stringify([isObject(params) ? params.input : null, value.expected_action]);
}

/** What a pass needs from each row. */
export interface RowWork {
  options: ExportOptions;
  /** Validate kept rows after normalization (the first pass); later passes rely on its verdict. */
  check: boolean;
  /** Render kept rows' lines and gather their metrics. */
  keptLines: boolean;
  /** Gather what the skipped-row audit says about skipped rows. */
  skippedRows: boolean;
}

export interface KeptRowMetrics {
  action: ActionSummary;
  /** Provenance facts of the source row. */
  facts: RowFacts;
  gym: GymRowStats | null;
  /** A converted candidate's source task: its reward group replaces `facts.rewardGroup` once the pass is done. */
  task?: SourceTask;
}

export interface KeptRowResult {
  /** Normalization changes the row. */
  changed: boolean;
  repairs: RepairCode[];
  /** Error findings left after normalization (only when checking): any one refuses the export. */
  errors: Finding[];
  warnings: Finding[];
  /** The row's text is not JSON (its one error says why). */
  unparsed?: true;
  /** JSON, but not a row the app loads (not an object, half a pivot row, of no known kind): a bad line there. */
  notARow?: true;
  /** Split group score; NaN without a split. */
  score: number;
  /** The line to write, without terminator: text, or already encoded when rendered in another thread. */
  line?: string | EncodedLine;
  metrics?: KeptRowMetrics;
}

export interface SkippedRowResult {
  /** The row's text, embedded in its audit line. */
  text: string | null;
  findings: Finding[];
  /** Whether `text` parses (then it is embedded as JSON, else as a string). */
  parses: boolean;
}

export interface ProcessedRow {
  file: string;
  line: number;
  hash: string;
  autoSkip?: AutoSkip;
  origin?: CandidateOrigin;
  /** KEPT, SKIPPED or EXCLUDED (rowPlan.ts). */
  kind: number;
  kept?: KeptRowResult;
  skipped?: SkippedRowResult;
}

/** What the calling thread keeps for its rows: how lines are written, and the previous row's request. */
export interface RowLocal {
  /** Turns a kept row's line (as pieces of its text) into what is written; by default, text. */
  encodeLine?: LineEncoder;
  /** Shortcuts for a row that repeats the previous one's request (rows of one trajectory). */
  memo?: RequestMemo;
}

export function processRow(row: SourceRow, work: RowWork, decisions: ExportDecisions, local: RowLocal = {}): ProcessedRow {
  const { kind, undecided } = rowKind(row, decisions, work.options.keep);
  const out: ProcessedRow = { file: row.file, line: row.line, hash: row.hash, kind };
  if (row.autoSkip) out.autoSkip = row.autoSkip;
  if (row.origin) out.origin = row.origin;
  // A blanket verdict (`--accept-all`) accepts rows; a line that is not one (not JSON, or JSON of no row's shape)
  // was never a row to accept, as the app cannot load it: it goes to the audit as an undecided one does.
  const blanketRow = kind === KEPT && decisions.blanket === true;
  if (undecided || blanketRow) {
    // An undecided row is checked in every pass, since its errors decide its fate (a row left out needs no
    // line); a blanket row only has to parse as a row, which processing it always checks.
    const rowWork = !undecided ? work : kind === KEPT ? { ...work, check: true } : { ...work, check: true, keptLines: false };
    const kept = processKeptRow(row, rowWork, local);
    if (undecided ? kept.errors.length > 0 : kept.unparsed === true || kept.notARow === true) {
      out.kind = SKIPPED;
      out.autoSkip = validationSkip(kept.errors, kept.warnings);
      if (work.skippedRows) out.skipped = { text: row.text, findings: [...out.autoSkip.findings!], parses: !kept.unparsed };
    } else if (kind === KEPT && (work.check || work.keptLines)) out.kept = kept;
  } else if (kind === KEPT && (work.check || work.keptLines)) out.kept = processKeptRow(row, work, local);
  else if (kind === SKIPPED && work.skippedRows) {
    const parsed = parseLine(row.text);
    out.skipped = { text: row.text, findings: skippedRowFindings(row, parsed, work.options), parses: parsed.ok };
  }
  return out;
}

const NO_FACTS = { trajectoryId: null, taskId: null, sourceRow: null };

function processKeptRow(row: SourceRow, work: RowWork, local: RowLocal): KeptRowResult {
  const { options } = work;
  const scoreOf = (facts: Pick<RowFacts, "trajectoryId" | "taskId" | "sourceRow">, value?: unknown) =>
    options.split ? groupScore(splitGroupKey(facts, () => pivotIdentity(value) ?? row.hash), options.split.seed) : NaN;
  // With a memo, the row's members (and its request's) are found once, for the parse, the line and the word count.
  const members = row.text !== null ? local.memo?.members(row.text) : undefined;
  const repeated = members && local.memo?.parse(row.text as string, members);
  const parsed = repeated !== undefined ? { ok: true as const, value: repeated } : parseLine(row.text);
  if (!parsed.ok) {
    return { changed: false, repairs: [], errors: [{ ...parsed.finding, line: row.line }], warnings: [], score: scoreOf(NO_FACTS), unparsed: true };
  }
  const source = parsed.value;
  const text = row.text as string;
  const normalize = normalizeOptionsOf(options);
  const plan = isObject(source) ? planNormalization(text, source, normalize) : null;
  const repairs = plan?.repairs ?? [];
  const value = plan && repairs.length > 0 ? normalizedValue(source as Record<string, unknown>, plan, normalize) : source;
  const result: KeptRowResult = { changed: repairs.length > 0, repairs, errors: [], warnings: [], score: NaN };
  if (rowShapeError(source) !== null) result.notARow = true;
  // Such a line's findings say why it is left out, in whichever pass writes the audit.
  if (work.check || result.notARow) {
    for (const f of validatePivotRow(value, contractCheckOf(options, row.line, options.agentName))) {
      (f.severity === "error" ? result.errors : result.warnings).push(f);
    }
  }
  const facts = isObject(source) ? rowFacts(source) : null;
  result.score = scoreOf(facts ?? NO_FACTS, value);
  if (work.keptLines) {
    const top = members && isObject(source) ? uniqueMembers(members) : undefined;
    const encodeLine = local.encodeLine ?? joinPieces;
    result.line = encodeLine(text, plan && repairs.length > 0 ? renderNormalizedPieces(text, plan, normalize, top) : [[0, text.length]]);
    result.metrics = {
      action: summarizeExpectedAction(isObject(value) ? value.expected_action : undefined),
      facts: facts ?? rowFacts({}),
      gym: gymRowStats(value, requestWords(local.memo, value, top, text, plan?.params?.set)),
      ...(row.task && { task: row.task }),
    };
  }
  return result;
}

/** The request's `json.dumps` word count through the memo, or undefined to count it in full. */
function requestWords(memo: RequestMemo | undefined, row: unknown, top: MemberSpan[] | undefined, text: string, edited: ReadonlyMap<string, unknown> = new Map()): number | undefined {
  const request = isObject(row) ? row[RCP] : undefined;
  const members = top?.find((m) => m.key === RCP)?.members;
  if (!memo || !isObject(request) || !members) return undefined;
  return 1 + memo.requestRuns(request, uniqueMembers(members), text, new Set(edited.keys()));
}
