/**
 * A writing pass: one read of the source rows that writes some of the bundle's row files. With a sink that
 * holds one file at a time (a zip), each large file gets its own pass; a directory takes them all in one.
 * The pass that writes `pivots.jsonl` also computes the metrics and keeps the example rows.
 */
import { summarizeExpectedAction } from "../formats/expectedAction";
import { isObject } from "../formats/json";
import { ExportedRowMetrics } from "./bundleMetrics";
import type { PassContext } from "./checkPass";
import { GymDatasetMetrics, gymRowStats } from "./gymMetrics";
import { normalizePivotRow } from "./normalizeRow";
import { rowFacts } from "./rowFacts";
import { normalizeOptionsOf, parseLine, skippedRowFindings } from "./rowParsing";
import { CHANGED, KEPT, type RowPlan, SKIPPED, VALIDATION } from "./rowPlan";
import type { OutputFile } from "./sink";
import { skipInfo, skippedLine } from "./skippedRow";
import type { SourceRow } from "./sourceRows";

export const PIVOTS = "pivots.jsonl";
export const TRAIN = "train.jsonl";
export const VALIDATION_FILE = "validation.jsonl";
export const SKIPPED_FILE = "skipped.jsonl";
export const EXAMPLE = "example.jsonl";

/** What the pivots pass gathers besides the file itself. */
export class PivotsPassState {
  readonly rows = new ExportedRowMetrics();
  /** Gym metrics per data file name. */
  readonly gym = new Map<string, GymDatasetMetrics>();
  readonly examples: string[] = [];
  batchRows = 0;

  gymFor(file: string): GymDatasetMetrics {
    let m = this.gym.get(file);
    if (!m) this.gym.set(file, (m = new GymDatasetMetrics()));
    return m;
  }
}

export class SourceChangedError extends Error {
  override name = "SourceChangedError";
}

export async function writePass(
  rows: AsyncIterable<SourceRow>,
  files: ReadonlyMap<string, OutputFile>,
  plan: RowPlan,
  state: PivotsPassState,
  ctx: PassContext,
): Promise<void> {
  const { options } = ctx;
  const normalize = normalizeOptionsOf(options);
  const pivots = files.get(PIVOTS);
  const skipped = files.get(SKIPPED_FILE);
  let index = 0;
  for await (const row of rows) {
    ctx.signal?.throwIfAborted();
    if (index >= plan.length) throw new SourceChangedError("the source has more rows than when it was checked");
    const flags = plan.flags(index);
    const kind = plan.kind(index);
    if (kind === KEPT) {
      const sideName = options.split ? (flags & VALIDATION ? VALIDATION_FILE : TRAIN) : null;
      const side = sideName === null ? undefined : files.get(sideName);
      if (pivots || side) {
        let line = row.text as string;
        if (pivots || flags & CHANGED) {
          const parsed = parseLine(row.text);
          if (!parsed.ok) throw new SourceChangedError(`${row.file}:${row.line} no longer parses`);
          const normalized = normalizePivotRow(line, parsed.value, normalize);
          line = normalized.text;
          if (pivots) addToMetrics(state, normalized.value, parsed.value, line, sideName, options.exampleRows);
        }
        await pivots?.writeLine(line);
        await side?.writeLine(line);
      }
    } else if (kind === SKIPPED && skipped) {
      const parsed = parseLine(row.text);
      const rejected = ctx.decisions.verdictOf(row.hash) === "rejected";
      const info = skipInfo(row, rejected, ctx.decisions.auditOf?.(row.hash));
      await skipped.writeLine(skippedLine(row, info, skippedRowFindings(row, parsed, options), parsed.ok));
    }
    if (++index % 256 === 0) ctx.tick(index);
  }
  if (index !== plan.length) throw new SourceChangedError("the source has fewer rows than when it was checked");
  ctx.tick(index);
}

function addToMetrics(state: PivotsPassState, value: unknown, source: unknown, line: string, side: string | null, exampleRows: number): void {
  const action = summarizeExpectedAction(isObject(value) ? value.expected_action : undefined);
  if (action.actionType === "function_call_batch") state.batchRows++;
  const facts = isObject(source) ? rowFacts(source) : rowFacts({});
  state.rows.add(action, facts);
  const stats = gymRowStats(value);
  const files = [PIVOTS, ...(side === null ? [] : [side])];
  if (state.examples.length < exampleRows) {
    state.examples.push(line);
    files.push(EXAMPLE);
  }
  if (stats) for (const file of files) state.gymFor(file).addStats(stats);
}
