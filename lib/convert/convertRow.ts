/**
 * The per-row converter: one parsed source row in, every assistant action of its trajectory out, each either
 * a pivot row or a skipped candidate with its reason. Pure apart from the run's duplicate set, so the CLI,
 * the ingestion workers and tests all call it the same way.
 */
import { isObject, jsonTypeName } from "../formats/json";
import { contentText } from "./content";
import { detectRowFormat } from "./detectFormat";
import type { DuplicateIndex, PrefixKeys } from "./duplicates";
import { doomLoopRepeats, isToolError } from "./filters";
import { exactTwins } from "./exactNumbers";
import { emptyMessageListError, findGymIndices, misshapenMessageList, findReward, findRowTools, findTaskId, findTrajectoryId, toolsInSystemPrompt } from "./findByMeaning";
import type { ConvertOptions, SourceFormat } from "./options";
import type { AgentRef, ExpectedAction, InputItem, PivotParams, PivotProvenance, PivotRow, PivotTool, SkippedCandidate, SkipReason } from "./pivotRow";
import { readTrajectory } from "./readTrajectory";
import { functionToolNames, toPivotTools } from "./tools";
import type { Step, Trajectory, TurnStep } from "./trajectory";
import { turnAction } from "./turnAction";
import { inputItemKind, isAcceptedItemKind } from "../validate/inputItems";

/** Where a row sits in its source. */
export interface RowSource {
  file: string;
  /** 1-based line of a JSONL source. */
  line?: number;
  /** 0-based position in a `.json` source's list. */
  record?: number;
  /** The row's content hash (see `PivotProvenance.source_row_hash`). */
  rowHash: string;
  /** The row's JSON text, when it was parsed from one: object arguments keep its number tokens (exactNumbers). */
  text?: string;
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
export type Position = Pick<PivotProvenance, "turn" | "step" | "depth">;
/** The provenance all candidates of a row share. */
export type BaseProvenance = Omit<PivotProvenance, "pivot_id" | "pivot_message_index" | "pivot_assistant_index" | keyof Position | "pivot_has_reasoning">;

/** Appends a previous turn, replayed as context: its reasoning first (Gym rollouts may write it after the call it explains). */
function pushTurn(prefix: InputItem[], turn: TurnStep, keepReasoning: boolean): void {
  if (keepReasoning) for (const i of turn.items) if (i.type === "reasoning") prefix.push(i);
  for (const i of turn.items) if (i.type !== "reasoning") prefix.push(i);
}

function unreadableRow(row: unknown): string {
  if (isObject(row) && "expected_action" in row && "responses_create_params" in row) {
    return "already a pivot row (responses_create_params + expected_action): nothing to convert";
  }
  if (!isObject(row) && !Array.isArray(row)) return `the row is ${jsonTypeName(row)}, not a trajectory`;
  const empty = emptyMessageListError(row);
  if (empty) return empty;
  const misshapen = misshapenMessageList(row);
  if (misshapen) return misshapen;
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
export interface RowContext {
  run: ConversionRun;
  options: ConvertOptions;
  tools: PivotTool[];
  toolNames: Set<string>;
  /** The candidates' duplicate keys; null when duplicates are not looked for. */
  keys: PrefixKeys | null;
  repeats: Set<number>;
  reward: number | undefined;
  agentRef: AgentRef;
  base: BaseProvenance;
  rowHash: string;
}

export type CandidateVerdict = { ok: true; action: ExpectedAction } | { ok: false; skip: Skip; action?: ExpectedAction };

/**
 * One candidate as `walkCandidates` meets it, with its verdict. Only valid during the visit: the prefix and
 * the position are the walk's own and move on after it.
 */
export interface CandidateVisit {
  turn: TurnStep;
  /** Index among the trajectory's assistant actions. */
  index: number;
  /** The items before every turn met so far: this candidate's input is the first `inputLength`. */
  prefix: readonly InputItem[];
  inputLength: number;
  position: Readonly<Position>;
  verdict: CandidateVerdict;
  /** Set when the candidate reached the duplicate check. */
  duplicateKey: string | undefined;
}

/** What `walkCandidates` tells of a row besides its candidates. */
export interface RowWalk {
  format: SourceFormat | null;
  /** Set when the row holds no trajectory this converter can read; it then has no candidates. */
  error?: string;
  seedTurns: number;
}

export function convertRow(row: unknown, source: RowSource, run: ConversionRun): RowConversion {
  const out: RowConversion = { format: null, candidates: [], skipped: [], seedTurns: 0, duplicateKeys: new Map() };
  const walk = walkCandidates(row, source, run, (c, ctx) => addCandidate(out, c, ctx));
  out.format = walk.format;
  out.seedTurns = walk.seedTurns;
  return walk.error === undefined ? out : { ...out, error: walk.error };
}

/**
 * Reads a row's trajectory and visits its candidates in order (by assistant-action index), each with its
 * verdict: `convertRow` builds their rows from the visits; the ingestion workers summarize them without.
 */
export function walkCandidates(row: unknown, source: RowSource, run: ConversionRun, visit: (c: CandidateVisit, ctx: RowContext) => void): RowWalk {
  const { options } = run;
  const format = options.format === "auto" ? detectRowFormat(row) : options.format;
  if (format === null) return { format, error: unreadableRow(row), seedTurns: 0 };
  const read = readTrajectory(row, format, source.text !== undefined ? exactTwins(row, source.text) : undefined);
  if (!read.ok) return { format, error: read.error, seedTurns: 0 };
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
    reward,
    agentRef: { type: "responses_api_agents", name: options.agentName },
    base: baseProvenance(row, source, format, reward, trajectory, turns.length),
    rowHash: source.rowHash,
  };
  const prefix: InputItem[] = [];
  // The first item of the prefix that a Gym request cannot carry (an Anthropic server tool's block): every
  // candidate after it is unsupported, since its context cannot be written as a valid row.
  let foreign: string | null = null;
  const at = { turn: 0, step: 0, depth: 0 };
  let actionIndex = 0;
  let seedTurns = 0;
  for (const s of trajectory.steps) {
    if (s.kind !== "turn") {
      prefix.push(s.item);
      foreign ??= foreignItemType(s.item);
      if (s.kind === "context" && s.role === "user") {
        at.turn++;
        at.step = 0;
      }
      continue;
    }
    if (s.seed) {
      seedTurns++;
    } else {
      const index = actionIndex++;
      const duplicate: DuplicateCheck = {};
      const verdict = verdictOf(s, index, prefix, ctx, duplicate, foreign);
      visit({ turn: s, index, prefix, inputLength: prefix.length, position: at, verdict, duplicateKey: duplicate.key }, ctx);
    }
    pushTurn(prefix, s, options.keepReasoning);
    for (const item of s.items) foreign ??= foreignItemType(item);
    at.step++;
    at.depth++;
  }
  return { format, seedTurns };
}

function addCandidate(out: RowConversion, c: CandidateVisit, ctx: RowContext): void {
  const { turn, index, position: at, verdict } = c;
  const params: PivotParams = {
    input: c.prefix.slice(0, c.inputLength),
    tools: ctx.tools,
    tool_choice: "auto",
    parallel_tool_calls: ctx.options.parallelToolCalls,
  };
  const provenance: PivotProvenance = {
    pivot_id: pivotId(ctx.rowHash, index),
    ...ctx.base,
    pivot_message_index: turn.source,
    pivot_assistant_index: index,
    turn: at.turn,
    step: at.step,
    depth: at.depth,
    pivot_has_reasoning: turn.hasReasoning,
  };
  if (c.duplicateKey !== undefined) out.duplicateKeys.set(index, c.duplicateKey);
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

/** The type of an item Gym's input does not accept (spec §1.2, as the validator judges it), or null for one it does. */
function foreignItemType(item: InputItem): string | null {
  const kind = inputItemKind(item);
  return isAcceptedItemKind(kind) ? null : String(kind);
}

/** A candidate's stable id (`PivotProvenance.pivot_id`). */
export function pivotId(rowHash: string, index: number): string {
  return `${rowHash}-${index}`;
}

/** Receives a candidate's duplicate key when the candidate reaches the duplicate check. */
type DuplicateCheck = { key?: string };

/**
 * The first reason that applies, in this order: the source reward, the structural reasons (turnAction),
 * then the optional filters. Every candidate gets exactly one verdict. `input` is the row's prefix so far.
 */
function verdictOf(
  turn: TurnStep,
  index: number,
  input: readonly InputItem[],
  ctx: RowContext,
  duplicate: DuplicateCheck,
  foreign: string | null,
): CandidateVerdict {
  const { options, reward } = ctx;
  const decided = turnAction(turn, { batch: options.batch, toolNames: ctx.toolNames });
  if (reward !== undefined && options.minReward !== null && reward < options.minReward) {
    return { ok: false, skip: { reason: "source_reward_below", detail: `source reward ${reward} is below ${options.minReward}` }, action: decided.action };
  }
  if (!decided.ok) return { ok: false, skip: { reason: decided.reason, detail: decided.detail }, action: decided.action };
  if (foreign !== null) {
    return { ok: false, skip: { reason: "unsupported_action", detail: `the context before it holds a ${foreign} item, which a Gym request cannot carry` }, action: decided.action };
  }
  const skip = filterSkip(turn, decided.action, index, input, ctx, duplicate);
  return skip ? { ok: false, skip, action: decided.action } : decided;
}

/** The optional filters, in order, for a candidate whose action is valid. */
function filterSkip(
  turn: TurnStep,
  action: ExpectedAction,
  index: number,
  input: readonly InputItem[],
  f: RowContext,
  duplicate: DuplicateCheck,
): Skip | null {
  if (input.length === 0) return { reason: "empty_prefix", detail: "the action has no context before it" };
  if (action.type === "message" && !f.options.messagePivots) return { reason: "message_pivot", detail: "message pivots are off" };
  if (f.repeats.has(index)) return { reason: "doom_loop", detail: `repeats the next call (${f.options.doomLoop}+ identical calls in a row)` };
  if (f.options.dropToolErrors) {
    const failed = turn.calls.find((c) => c.output !== undefined && isToolError(c.output));
    if (failed) return { reason: "tool_error_response", detail: `the ${failed.name} response is an error` };
  }
  if (f.keys) {
    const key = f.keys.key(input, action);
    duplicate.key = key;
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
  const base: BaseProvenance = {
    source_file: source.file,
    source_row_hash: source.rowHash,
    source_format: format,
  } as BaseProvenance;
  // Optional fields are left out when unknown, in this order (the CLI writes keys as they are set).
  setDefined(base, "source_line", source.line);
  setDefined(base, "source_record", source.record);
  setDefined(base, "trajectory_id", findTrajectoryId(row));
  setDefined(base, "task_id", findTaskId(row));
  setDefined(base, "task_index", taskIndex);
  setDefined(base, "rollout_index", rolloutIndex);
  setDefined(base, "source_reward", reward);
  if (trajectory.droppedMessages > 0) base.dropped_messages = trajectory.droppedMessages;
  base.trajectory_num_messages = trajectory.numMessages;
  base.trajectory_num_assistant_actions = numActions;
  return base;
}

function setDefined<K extends keyof BaseProvenance>(o: BaseProvenance, key: K, value: BaseProvenance[K] | undefined): void {
  if (value !== undefined) o[key] = value;
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
