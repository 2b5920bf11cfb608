/**
 * The per-row converter: one parsed source row in, every assistant action of its trajectory out, each either
 * a pivot row or a skipped candidate with its reason. Pure apart from the run's duplicate set, so the CLI,
 * the ingestion workers and tests all call it the same way.
 */
import { isObject } from "../formats/json";
import { contentText } from "./content";
import { detectRowFormat } from "./detectFormat";
import type { DuplicateIndex, PrefixKeys } from "./duplicates";
import { doomLoopRepeats, isToolError, outputsByCallId } from "./filters";
import { findGymIndices, findReward, findRowTools, findTaskId, findTrajectoryId, toolsInSystemPrompt } from "./findByMeaning";
import type { ConvertOptions, SourceFormat } from "./options";
import type { AgentRef, ExpectedAction, InputItem, PivotParams, PivotProvenance, PivotRow, PivotTool, SkippedCandidate, SkipReason } from "./pivotRow";
import { readTrajectory } from "./readTrajectory";
import { functionToolNames, toPivotTools } from "./tools";
import type { OutputStep, Step, Trajectory, TurnStep } from "./trajectory";
import { turnAction } from "./turnAction";

/** Where a row sits in its source. */
export interface RowSource {
  file: string;
  /** 1-based line of a JSONL source. */
  line?: number;
  /** 0-based position in a `.json` source's list. */
  record?: number;
  /** The row's content hash (see `PivotProvenance.source_row_hash`). */
  rowHash: string;
}

/** What every row of one conversion shares. */
export interface ConversionRun {
  options: ConvertOptions;
  /** A stable 64-bit hash of a string, as hex (xxHash64 in `createConversionRun`). */
  hashText: (text: string) => string;
  /** Tools attached to rows that carry none (a loaded tools file). */
  toolsFile?: readonly PivotTool[];
  /** The duplicate keys of the pivots produced so far; without it, duplicates are not looked for. */
  duplicates?: DuplicateIndex;
}

export interface RowConversion {
  format: SourceFormat | null;
  candidates: PivotRow[];
  skipped: SkippedCandidate[];
  /** Set when the row holds no trajectory this converter can read; it then has no candidates. */
  error?: string;
  /** Seeded greetings passed over (context, not candidates). */
  seedTurns: number;
  /**
   * Duplicate keys by assistant-action index, for candidates that reached the duplicate check (kept ones and
   * `duplicate` skips). Ingestion workers convert ranges of a file in parallel, each with its own `seen` set;
   * these keys let the page finish the duplicate check across ranges in SQL.
   */
  duplicateKeys: Map<number, string>;
}

type Skip = { reason: SkipReason; detail: string };
type Position = Pick<PivotProvenance, "turn" | "step" | "depth">;
/** The provenance all candidates of a row share. */
type BaseProvenance = Omit<PivotProvenance, "pivot_id" | "pivot_message_index" | "pivot_assistant_index" | keyof Position | "pivot_has_reasoning">;

/** A previous turn replayed as context: its reasoning first (Gym rollouts may write it after the call it explains). */
export function renderTurn(turn: TurnStep, keepReasoning: boolean): InputItem[] {
  const reasoning = turn.items.filter((i) => i.type === "reasoning");
  const rest = turn.items.filter((i) => i.type !== "reasoning");
  return keepReasoning ? [...reasoning, ...rest] : rest;
}

function unreadableRow(row: unknown): string {
  if (isObject(row) && "expected_action" in row && "responses_create_params" in row) {
    return "already a pivot row (responses_create_params + expected_action): nothing to convert";
  }
  if (!isObject(row) && !Array.isArray(row)) return `the row is ${row === null ? "null" : typeof row}, not a trajectory`;
  return "no trajectory found: expected a Gym rollout (responses_create_params.input + response.output) or a message list (messages, conversations, traj, history, chat, …)";
}

function rowTools(row: unknown, trajectory: Trajectory, toolsFile: readonly PivotTool[] | undefined): PivotTool[] {
  const own = toPivotTools(findRowTools(row));
  if (own.length > 0) return own;
  for (const s of trajectory.steps) {
    if (s.kind !== "context" || s.role !== "system") continue;
    const declared = toPivotTools(toolsInSystemPrompt(contentText(s.item.content)));
    if (declared.length > 0) return declared;
  }
  return toolsFile ? [...toolsFile] : [];
}

function isCandidate(s: Step): s is TurnStep {
  return s.kind === "turn" && !s.seed;
}

/** What the candidates of one row share. */
interface RowContext {
  run: ConversionRun;
  options: ConvertOptions;
  tools: PivotTool[];
  toolNames: Set<string>;
  /** The candidates' duplicate keys; null when duplicates are not looked for. */
  keys: PrefixKeys | null;
  repeats: Set<number>;
  outputs: Map<string, OutputStep>;
  reward: number | undefined;
  agentRef: AgentRef;
  base: BaseProvenance;
  rowHash: string;
}

export function convertRow(row: unknown, source: RowSource, run: ConversionRun): RowConversion {
  const { options } = run;
  const format = options.format === "auto" ? detectRowFormat(row) : options.format;
  const out: RowConversion = { format, candidates: [], skipped: [], seedTurns: 0, duplicateKeys: new Map() };
  if (format === null) return { ...out, error: unreadableRow(row) };
  const read = readTrajectory(row, format);
  if (!read.ok) return { ...out, error: read.error };
  const trajectory = read.trajectory;
  const tools = rowTools(row, trajectory, run.toolsFile);
  const turns = trajectory.steps.filter(isCandidate);
  const reward = findReward(row);
  const ctx: RowContext = {
    run,
    options,
    tools,
    toolNames: functionToolNames(tools),
    keys: options.dropDuplicates && run.duplicates ? run.duplicates.forRow(tools) : null,
    repeats: doomLoopRepeats(turns, options.doomLoop),
    outputs: outputsByCallId(trajectory.steps),
    reward,
    agentRef: { type: "responses_api_agents", name: options.agentName },
    base: baseProvenance(row, source, format, reward, trajectory, turns.length),
    rowHash: source.rowHash,
  };
  const prefix: InputItem[] = [];
  const at = { turn: 0, step: 0, depth: 0 };
  let actionIndex = 0;
  for (const s of trajectory.steps) {
    if (s.kind !== "turn") {
      prefix.push(s.item);
      if (s.kind === "context" && s.role === "user") {
        at.turn++;
        at.step = 0;
      }
      continue;
    }
    if (s.seed) out.seedTurns++;
    else addCandidate(out, s, prefix.slice(), at, actionIndex++, ctx);
    prefix.push(...renderTurn(s, options.keepReasoning));
    at.step++;
    at.depth++;
  }
  return out;
}

function addCandidate(out: RowConversion, turn: TurnStep, input: InputItem[], at: Readonly<Position>, index: number, ctx: RowContext): void {
  const { options } = ctx;
  const params: PivotParams = { input, tools: ctx.tools, tool_choice: "auto", parallel_tool_calls: options.parallelToolCalls };
  const provenance: PivotProvenance = {
    pivot_id: `${ctx.rowHash}-${index}`,
    ...ctx.base,
    pivot_message_index: turn.source,
    pivot_assistant_index: index,
    turn: at.turn,
    step: at.step,
    depth: at.depth,
    pivot_has_reasoning: turn.hasReasoning,
  };
  const verdict = verdictOf(turn, index, params, ctx, out.duplicateKeys);
  if (verdict.ok) {
    out.candidates.push({ responses_create_params: params, expected_action: verdict.action, agent_ref: ctx.agentRef, provenance });
    return;
  }
  out.skipped.push({
    skip_reason: verdict.skip.reason,
    skip_detail: verdict.skip.detail,
    responses_create_params: params,
    ...(verdict.action ? { expected_action: verdict.action } : { action_items: turn.items }),
    agent_ref: ctx.agentRef,
    provenance,
  });
}

type Verdict = { ok: true; action: ExpectedAction } | { ok: false; skip: Skip; action?: ExpectedAction };

/**
 * The first reason that applies, in this order: the source reward, the structural reasons (turnAction),
 * then the optional filters. Every candidate gets exactly one verdict.
 */
function verdictOf(turn: TurnStep, index: number, params: PivotParams, ctx: RowContext, keys: Map<number, string>): Verdict {
  const { options, reward } = ctx;
  const decided = turnAction(turn, { batch: options.batch, toolNames: ctx.toolNames });
  if (reward !== undefined && options.minReward !== null && reward < options.minReward) {
    return { ok: false, skip: { reason: "source_reward_below", detail: `source reward ${reward} is below ${options.minReward}` }, action: decided.action };
  }
  if (!decided.ok) return { ok: false, skip: { reason: decided.reason, detail: decided.detail }, action: decided.action };
  const skip = filterSkip(turn, decided.action, index, params, ctx, keys);
  return skip ? { ok: false, skip, action: decided.action } : decided;
}

/** The optional filters, in order, for a candidate whose action is valid. */
function filterSkip(
  turn: TurnStep,
  action: ExpectedAction,
  index: number,
  params: PivotParams,
  f: RowContext,
  keys: Map<number, string>,
): Skip | null {
  if (params.input.length === 0) return { reason: "empty_prefix", detail: "the action has no context before it" };
  if (action.type === "message" && !f.options.messagePivots) return { reason: "message_pivot", detail: "message pivots are off" };
  if (f.repeats.has(index)) return { reason: "doom_loop", detail: `repeats the next call (${f.options.doomLoop}+ identical calls in a row)` };
  if (f.options.dropToolErrors) {
    const failed = turn.calls.find((c) => {
      const o = f.outputs.get(c.callId);
      return o !== undefined && isToolError(o);
    });
    if (failed) return { reason: "tool_error_response", detail: `the ${failed.name} response is an error` };
  }
  if (f.keys) {
    const key = f.keys.key(params.input, action);
    keys.set(index, key);
    if (!f.keys.index.add(key)) return { reason: "duplicate", detail: "the same prefix, tools and action were already converted" };
  }
  return null;
}

function baseProvenance(
  row: unknown,
  source: RowSource,
  format: SourceFormat,
  reward: number | undefined,
  trajectory: Trajectory,
  numActions: number,
): BaseProvenance {
  const { taskIndex, rolloutIndex } = findGymIndices(row);
  const optional = {
    source_line: source.line,
    source_record: source.record,
    trajectory_id: findTrajectoryId(row),
    task_id: findTaskId(row),
    task_index: taskIndex,
    rollout_index: rolloutIndex,
    source_reward: reward,
    dropped_messages: trajectory.droppedMessages > 0 ? trajectory.droppedMessages : undefined,
  };
  return {
    source_file: source.file,
    source_row_hash: source.rowHash,
    source_format: format,
    ...(Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) as Partial<typeof optional>),
    trajectory_num_messages: trajectory.numMessages,
    trajectory_num_assistant_actions: numActions,
  };
}

/** A row's candidates, converted and skipped alike, in trajectory order (by assistant-action index). */
export function candidatesInOrder(conv: RowConversion): (PivotRow | SkippedCandidate)[] {
  // Both lists are in action order already (convertRow appends as it walks): merge them.
  const { candidates: kept, skipped } = conv;
  const all: (PivotRow | SkippedCandidate)[] = [];
  let k = 0;
  let s = 0;
  while (k < kept.length && s < skipped.length) {
    all.push(kept[k]!.provenance.pivot_assistant_index < skipped[s]!.provenance.pivot_assistant_index ? kept[k++]! : skipped[s++]!);
  }
  while (k < kept.length) all.push(kept[k++]!);
  while (s < skipped.length) all.push(skipped[s++]!);
  return all;
}
