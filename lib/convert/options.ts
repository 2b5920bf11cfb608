/**
 * Conversion options. Defaults follow the CLI (and the app's conversion panel) and, where the issue
 * is silent, Gym's converters (spec §6): message pivots on, multi-call turns skipped, reward filter at 1.0.
 */

export const SOURCE_FORMATS = ["gym_rollout", "openai_chat", "tau2", "anthropic", "sharegpt"] as const;

/**
 * How a trajectory is written:
 * - `gym_rollout`: Responses items (`responses_create_params.input` + `response.output`, or a list of items);
 * - `openai_chat`: chat-completions `messages` (nested `tool_calls`, `tool` role, legacy `function_call`);
 * - `tau2`: τ²-bench `messages` with flat `tool_calls[{id, name, arguments}]`;
 * - `anthropic`: `tool_use` / `tool_result` / `thinking` content blocks;
 * - `sharegpt`: `conversations[{from, value}]`, Hermes `<tool_call>` tags, `function_call` / `observation` turns.
 */
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface ConvertOptions {
  /** `"auto"` detects each row's format. */
  format: SourceFormat | "auto";
  /** Trajectories whose reward is below this are skipped (`source_reward_below`); null = no reward filter. Rows without a reward pass. */
  minReward: number | null;
  /** Text-only assistant turns become `message` pivots; off = `message_pivot` skips. */
  messagePivots: boolean;
  /** Multi-call turns become `function_call_batch` instead of `multi_tool_call` skips. */
  batch: boolean;
  /** `responses_create_params.parallel_tool_calls` (metadata only: chat templates ignore it, spec §2.3). */
  parallelToolCalls: boolean;
  /** Keep only the last of this many identical consecutive calls (`doom_loop`); 0 = off. */
  doomLoop: number;
  /** Skip calls whose tool response is an error (`tool_error_response`). */
  dropToolErrors: boolean;
  /** Keep earlier turns' reasoning in the prefix as `reasoning` items. */
  keepReasoning: boolean;
  /** Skip a candidate whose prefix + tools + action was already produced (`duplicate`). */
  dropDuplicates: boolean;
  /** `agent_ref.name` of every row. */
  agentName: string;
}

export const DEFAULT_AGENT_NAME = "single_step_tool_use_with_argument_comparison_agent";

export const DEFAULT_CONVERT_OPTIONS: Readonly<ConvertOptions> = Object.freeze({
  format: "auto",
  minReward: 1.0,
  messagePivots: true,
  batch: false,
  parallelToolCalls: false,
  doomLoop: 0,
  dropToolErrors: false,
  keepReasoning: true,
  dropDuplicates: true,
  agentName: DEFAULT_AGENT_NAME,
});

/** Fills in defaults. `parallelToolCalls`, when not given, follows `batch`: a batch row expects parallel calls. */
export function resolveOptions(partial: Partial<ConvertOptions> = {}): ConvertOptions {
  const batch = partial.batch ?? DEFAULT_CONVERT_OPTIONS.batch;
  return { ...DEFAULT_CONVERT_OPTIONS, ...stripUndefined(partial), batch, parallelToolCalls: partial.parallelToolCalls ?? batch };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function isSourceFormat(s: string): s is SourceFormat {
  return (SOURCE_FORMATS as readonly string[]).includes(s);
}
