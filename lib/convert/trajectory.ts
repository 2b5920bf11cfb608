/**
 * A trajectory normalized into Responses items, grouped into steps: context messages (system, developer,
 * user), tool outputs, and assistant turns. A turn is one model action: what a chat source writes as one
 * assistant message, or a Responses run of reasoning / assistant message / call items between two
 * non-assistant items. Every source reader writes through `TrajectoryBuilder`, so call ids, output pairing
 * and item shapes are decided in one place.
 */
import { withMembers } from "./content";
import type { ExactTwins } from "./exactNumbers";
import { pyJsonDumps } from "./pythonDumps";
import type { InputItem } from "./pivotRow";

export interface TurnCall {
  name: string;
  /** As written into the prefix: the source string verbatim, object arguments as Python `json.dumps`. */
  arguments: string;
  callId: string;
  /** The tool output that answered this call (paired as the prefix pairs them), once one has. */
  output?: OutputStep;
}

export interface ContextStep {
  kind: "context";
  role: string;
  item: InputItem;
}

export interface OutputStep {
  kind: "output";
  callId: string | null;
  item: InputItem;
  /** The source flags the output as an error (τ² `error: true`, Anthropic `is_error`). */
  flaggedError: boolean;
  text: string;
}

export interface TurnStep {
  kind: "turn";
  /** Index in the source list of the turn's first message. */
  source: number;
  /** The turn's items in source order. */
  items: InputItem[];
  calls: TurnCall[];
  /** Assistant text of the turn ("" when none); for a message action, its content. */
  text: string;
  hasReasoning: boolean;
  /** Why the turn's action cannot be a Gym action (hosted tool item, unparseable tool-call tag), or null. */
  unsupported: string | null;
  /** A text turn before the first user message (τ²'s fixed greeting): context, not a decision. */
  seed: boolean;
}

export type Step = ContextStep | OutputStep | TurnStep;

export interface Trajectory {
  steps: Step[];
  /** Length of the source's message (or item) list. */
  numMessages: number;
  droppedMessages: number;
}

export interface CallInput {
  name: unknown;
  arguments: unknown;
  callId?: unknown;
  /** The source item's own id (Responses `fc_…`), kept when present. */
  id?: unknown;
}

/**
 * Arguments as a string: strings verbatim, absent as "{}" (Gym's tool_messages converter), others dumped as
 * Python does, from their lossless twin when the row has one (so `1.0` stays a float).
 */
export function argumentsString(args: unknown, twins?: ExactTwins): string {
  if (typeof args === "string") return args;
  if (args === null || args === undefined) return "{}";
  return pyJsonDumps((typeof args === "object" && twins?.(args)) || args);
}

export class TrajectoryBuilder {
  private readonly steps: Step[] = [];
  private turn: TurnStep | null = null;
  /** Calls still waiting for an output, oldest first, for sources that pair outputs by position. */
  private pending: TurnCall[] = [];
  private readonly usedIds = new Set<string>();
  private dropped = 0;

  /** `twins`: the row's values read without loss, for object arguments (lib/convert/exactNumbers). */
  constructor(private readonly twins?: ExactTwins) {}

  /** A system, developer or user message; ends the current turn. */
  context(role: string, content: string | InputItem[]): void {
    this.contextItem(role, { type: "message", role, content });
  }

  contextItem(role: string, item: InputItem): void {
    this.endTurn();
    this.steps.push({ kind: "context", role, item });
  }

  /** Starts a new turn even when one is open (chat sources: one assistant message is one turn). */
  startTurn(source: number): TurnStep {
    this.endTurn();
    this.turn = { kind: "turn", source, items: [], calls: [], text: "", hasReasoning: false, unsupported: null, seed: false };
    this.steps.push(this.turn);
    return this.turn;
  }

  /** The open turn, or a new one (Responses sources: a run of assistant items is one turn). */
  currentTurn(source: number): TurnStep {
    return this.turn ?? this.startTurn(source);
  }

  endTurn(): void {
    this.turn = null;
  }

  reasoning(text: string, source: number): void {
    this.reasoningItem({ type: "reasoning", id: this.freshId("rs", source), summary: [{ type: "summary_text", text }] }, source);
  }

  reasoningItem(item: InputItem, source: number): void {
    const turn = this.currentTurn(source);
    turn.items.push(typeof item.id === "string" ? item : withMembers(item, { id: this.freshId("rs", source) }));
    turn.hasReasoning = true;
  }

  /** Assistant text, as an output message. Empty text adds nothing. */
  text(text: string, source: number): void {
    if (text === "") return;
    const id = this.freshId("msg", source);
    const item = { type: "message", id, role: "assistant", status: "completed", content: [{ type: "output_text", text, annotations: [] }] };
    this.textItem(item, text, source);
  }

  /** An assistant message item kept as the source wrote it, with its text. */
  textItem(item: InputItem, text: string, source: number): void {
    const turn = this.currentTurn(source);
    // Gym's output message needs an id; an easy message (string content) has none.
    const needsId = typeof item.id !== "string" && Array.isArray(item.content);
    turn.items.push(needsId ? withMembers(item, { id: this.freshId("msg", source) }) : item);
    if (text !== "") turn.text = turn.text === "" ? text : `${turn.text}\n${text}`;
  }

  call(input: CallInput, source: number): TurnCall {
    const turn = this.currentTurn(source);
    const callId = typeof input.callId === "string" && input.callId !== "" ? input.callId : this.freshId("call", source);
    const call: TurnCall = { name: typeof input.name === "string" ? input.name : "", arguments: argumentsString(input.arguments, this.twins), callId };
    const item: InputItem = { type: "function_call", call_id: callId, name: call.name, arguments: call.arguments };
    if (typeof input.id === "string" && input.id !== "") item.id = input.id;
    item.status = "completed";
    turn.items.push(item);
    turn.calls.push(call);
    this.pending.push(call);
    return call;
  }

  /** An item the turn cannot turn into a Gym action (a hosted tool call); kept in prefixes as written. */
  unsupported(item: InputItem, why: string, source: number): void {
    const turn = this.currentTurn(source);
    turn.items.push(item);
    turn.unsupported ??= why;
  }

  /** Marks the open turn unsupported without adding an item (e.g. a tool-call tag that does not parse). */
  markUnsupported(why: string, source: number): void {
    this.currentTurn(source).unsupported ??= why;
  }

  /**
   * A tool output; ends the current turn. Without a call id it answers the oldest waiting call (of that
   * name, when the source names the tool), as positional sources (ShareGPT, legacy `function` role) mean.
   */
  output(content: string | InputItem[], text: string, opts: { callId?: unknown; name?: unknown; flaggedError?: boolean }, source: number): void {
    this.endTurn();
    let callId = typeof opts.callId === "string" && opts.callId !== "" ? opts.callId : null;
    const waiting = callId !== null ? this.pending.findIndex((c) => c.callId === callId) : this.oldestWaiting(opts.name);
    const answered = waiting >= 0 ? this.pending.splice(waiting, 1)[0]! : null;
    // An output no call asked for keeps a made-up id so the item stays valid.
    callId ??= answered?.callId ?? this.freshId("call_orphan", source);
    const item: InputItem = { type: "function_call_output", call_id: callId, output: content };
    const step: OutputStep = { kind: "output", callId, item, flaggedError: opts.flaggedError === true, text };
    if (answered) answered.output = step;
    this.steps.push(step);
  }

  private oldestWaiting(name: unknown): number {
    const byName = this.pending.findIndex((c) => c.name === name);
    return byName >= 0 ? byName : this.pending.length > 0 ? 0 : -1;
  }

  /** A non-function output item (hosted tools), kept as written. */
  outputItem(item: InputItem, text: string): void {
    this.endTurn();
    this.steps.push({ kind: "output", callId: typeof item.call_id === "string" ? item.call_id : null, item, flaggedError: false, text });
  }

  /** A source message that has no place in a Responses prefix. */
  drop(): void {
    this.dropped++;
  }

  build(numMessages: number): Trajectory {
    this.endTurn();
    markSeedTurns(this.steps);
    return { steps: this.steps, numMessages, droppedMessages: this.dropped };
  }

  /** `prefix_source`, then `prefix_source_2`, … so generated ids are stable and unique within the trajectory. */
  private freshId(prefix: string, source: number): string {
    const base = `${prefix}_${source}`;
    let id = base;
    for (let n = 2; this.usedIds.has(id); n++) id = `${base}_${n}`;
    this.usedIds.add(id);
    return id;
  }
}

/**
 * Turns that make no call before the first user message are seeded context (τ²'s fixed greeting, spec §6.3),
 * not decisions; they still count toward step and depth, as in Gym's conversational converter.
 */
function markSeedTurns(steps: Step[]): void {
  const firstUser = steps.findIndex((s) => s.kind === "context" && s.role === "user");
  for (let i = 0; i < firstUser; i++) {
    const s = steps[i]!;
    if (s.kind === "turn" && s.calls.length === 0 && s.unsupported === null) s.seed = true;
  }
}
