/**
 * Export options, their defaults, and the Gym enums they draw from (spec §4.7). One resolved value drives
 * normalization, the split, the YAML and the manifest, so the same options always give the same bundle.
 */
import type { ParallelToolCallRewardMode } from "../verify";

/** Gym's `Domain` enum (required on resources servers). */
export const GYM_DOMAINS = [
  "math", "coding", "agent", "knowledge", "instruction_following", "long_context", "safety", "games", "translation",
  "e2e", "rlhf", "other",
] as const;
export type GymDomain = (typeof GYM_DOMAINS)[number];

/** Gym's dataset `license` enum (required on train and validation datasets, or the server silently never starts). */
export const GYM_LICENSES = [
  "Apache 2.0", "MIT", "Creative Commons Attribution 4.0 International",
  "Creative Commons Attribution-ShareAlike 4.0 International", "CC BY-SA 4.0", "CC BY-NC 3.0",
  "NVIDIA Internal Use Only, Do Not Distribute", "NVIDIA Evaluation Dataset License Agreement", "TBD",
  "GNU General Public License v3.0",
] as const;
export type GymLicense = (typeof GYM_LICENSES)[number];

export const VERIFIER_TYPE = "single_step_tool_use_with_argument_comparison";
export const AGENT_TYPE = "tool_simulation_agent";
export const DEFAULT_AGENT_NAME = `pivot_studio_${VERIFIER_TYPE}_agent`;

/** Which reviewed rows go to `pivots.jsonl`. */
export type KeepPolicy = "accepted" | "not-rejected";
/** `group`: every non-contract top-level key under one object; `keep`: as in the source; `drop`: removed. */
export type ProvenanceMode = "group" | "keep" | "drop";

/**
 * Train/validation split by group (trajectory, else task, else row). Give exactly one of `train` or
 * `validation`: a fraction in (0, 1) of the kept rows, or a whole number of rows. Group boundaries make the
 * sizes approximate.
 */
export interface SplitOptions {
  train?: number;
  validation?: number;
  seed: number;
}

/** `tool_call_comparator_config` (Gym's snake_case keys). Parallel keys reach the YAML only when batch rows exist. */
export interface ComparatorKnobs {
  word_count_similarity_threshold: number;
  /** Written only when set (Gym's default is 1e-6). */
  floating_point_comparison_threshold?: number;
  parallel_tool_call_rewarding: boolean;
  allow_subset: boolean;
  allow_superset: boolean;
  parallel_tool_call_reward_mode: ParallelToolCallRewardMode;
}

export interface GymConfigOptions {
  domain: GymDomain;
  license: GymLicense;
  description: string;
  /** Optional one-line `value:` of the resources server. */
  value: string | null;
  verified: boolean;
  /** The folder every `jsonl_fpath` is under, ending in "/" (given "data/pivots", one is added); "" means paths relative to the bundle folder. */
  jsonlPathPrefix: string;
  comparator: ComparatorKnobs;
}

export interface ExportOptions {
  /** Every row's `agent_ref.name` and the YAML's agent instance; must end in `_agent`. */
  agentName: string;
  keep: KeepPolicy;
  /** Export `function_call_batch` actions (Gym's verifier supports them; the skill's validator does not). */
  batch: boolean;
  /** Accept rows without `responses_create_params.tools` (swe_pivot and image rows), as `validate --allow-missing-tools`. */
  allowMissingTools: boolean;
  /** `responses_create_params.parallel_tool_calls`: forced to a value, or kept as the row has it. */
  parallelToolCalls: boolean | "keep";
  provenance: ProvenanceMode;
  /** The object name used by `provenance: "group"`. */
  provenanceKey: string;
  split: SplitOptions | null;
  /** Rows copied into `example.jsonl` (Gym's example dataset); 0 leaves the file and its dataset entry out. */
  exampleRows: number;
  gym: GymConfigOptions;
  /** Offending rows and warning rows listed in the result (the counts are always complete). */
  maxListedRows: number;
}

export type ExportOptionsInput = Partial<Omit<ExportOptions, "gym">> & {
  gym?: Partial<Omit<GymConfigOptions, "comparator">> & { comparator?: Partial<ComparatorKnobs> };
};

/**
 * The comparator knobs an export writes unless told otherwise. Parallel keys reach the config only with batch
 * rows, and then score call counts (Gym's own default, off, lets surplus calls pass free).
 */
export const EXPORT_COMPARATOR_DEFAULTS: Omit<ComparatorKnobs, "floating_point_comparison_threshold"> = {
  word_count_similarity_threshold: 0.1,
  parallel_tool_call_rewarding: true,
  allow_subset: false,
  allow_superset: false,
  parallel_tool_call_reward_mode: "binary_strict",
};

export const DEFAULT_DESCRIPTION =
  "Single-step pivots exported by Pivot Studio: the model's next action after a trajectory prefix, scored by tool-call argument comparison.";

export class ExportOptionsError extends Error {
  override name = "ExportOptionsError";
}

const CONTRACT_KEYS = new Set(["responses_create_params", "expected_action", "agent_ref"]);

/** Fills defaults and rejects values Gym or the bundle cannot use. */
export function resolveExportOptions(input: ExportOptionsInput = {}): ExportOptions {
  const gym = input.gym ?? {};
  const options: ExportOptions = {
    agentName: input.agentName ?? DEFAULT_AGENT_NAME,
    keep: input.keep ?? "accepted",
    batch: input.batch ?? false,
    allowMissingTools: input.allowMissingTools ?? false,
    parallelToolCalls: input.parallelToolCalls ?? "keep",
    provenance: input.provenance ?? "group",
    provenanceKey: input.provenanceKey ?? "provenance",
    split: input.split ?? null,
    exampleRows: input.exampleRows ?? 5,
    gym: {
      domain: gym.domain ?? "agent",
      license: gym.license ?? "TBD",
      description: gym.description ?? DEFAULT_DESCRIPTION,
      value: gym.value ?? null,
      verified: gym.verified ?? false,
      jsonlPathPrefix: folderPrefix(gym.jsonlPathPrefix ?? ""),
      comparator: { ...EXPORT_COMPARATOR_DEFAULTS, ...gym.comparator },
    },
    maxListedRows: input.maxListedRows ?? 1000,
  };
  checkOptions(options);
  return options;
}

function checkOptions(o: ExportOptions): void {
  const fail = (message: string): never => {
    throw new ExportOptionsError(message);
  };
  const agentProblem = agentNameProblem(o.agentName);
  if (agentProblem) fail(`agent name "${o.agentName}" ${agentProblem}`);
  if (!["accepted", "not-rejected"].includes(o.keep)) fail(`keep must be "accepted" or "not-rejected"`);
  if (!["group", "keep", "drop"].includes(o.provenance)) fail(`provenance must be "group", "keep" or "drop"`);
  if (o.provenanceKey === "" || CONTRACT_KEYS.has(o.provenanceKey)) fail(`provenance key "${o.provenanceKey}" is not usable`);
  if (!Number.isInteger(o.exampleRows) || o.exampleRows < 0) fail("exampleRows must be a whole number ≥ 0");
  if (!Number.isInteger(o.maxListedRows) || o.maxListedRows < 0) fail("maxListedRows must be a whole number ≥ 0");
  if (o.split) checkSplit(o.split, fail);
  if (!(GYM_DOMAINS as readonly string[]).includes(o.gym.domain)) fail(`domain "${o.gym.domain}" is not in Gym's Domain enum`);
  if (!(GYM_LICENSES as readonly string[]).includes(o.gym.license)) fail(`license "${o.gym.license}" is not in Gym's license enum`);
  if (/[\r\n]/.test(o.gym.description) || /[\r\n]/.test(o.gym.value ?? "")) fail("description and value must be one line");
  const c = o.gym.comparator;
  if (!(Number.isFinite(c.word_count_similarity_threshold) && c.word_count_similarity_threshold >= 0)) {
    fail("word_count_similarity_threshold must be a number ≥ 0");
  }
  const fp = c.floating_point_comparison_threshold;
  if (fp !== undefined && !(Number.isFinite(fp) && fp >= 0)) fail("floating_point_comparison_threshold must be a number ≥ 0");
  if (!["binary_strict", "fractional", "f1"].includes(c.parallel_tool_call_reward_mode)) {
    fail("parallel_tool_call_reward_mode must be binary_strict, fractional or f1");
  }
}

/** A folder prefix for file paths: "" stays "", anything else ends in exactly one "/". */
function folderPrefix(prefix: string): string {
  return prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
}

/** What is wrong with an agent name (a YAML instance name that every row's `agent_ref.name` repeats), if anything. */
export function agentNameProblem(name: string): string | null {
  if (!name.endsWith("_agent")) return `must end in "_agent" (the resources server takes the same name with "_resources_server")`;
  if (name === "_agent") return `needs a name before "_agent"`;
  if (/\s/.test(name)) return "must be one word: no spaces";
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return "may use letters, digits, _ and - only (it names the config file and the config's instances)";
  return null;
}

function checkSplit(split: SplitOptions, fail: (m: string) => never): void {
  const sizes = [split.train, split.validation].filter((x) => x !== undefined);
  if (sizes.length !== 1) fail("split needs exactly one of train or validation");
  const size = sizes[0] as number;
  const fraction = size > 0 && size < 1;
  if (!fraction && !(Number.isInteger(size) && size >= 1)) fail(`split size ${size}: give a fraction in (0, 1) or a whole number of rows ≥ 1`);
  if (!Number.isSafeInteger(split.seed)) fail(`split seed ${split.seed}: give a whole number of at most ${Number.MAX_SAFE_INTEGER}`);
}

/** Instance names: the resources server is the agent name with its `_agent` suffix replaced (only the suffix). */
export function gymInstanceNames(agentName: string): { agent: string; resourcesServer: string; configStem: string } {
  const stem = agentName.slice(0, -"_agent".length);
  return { agent: agentName, resourcesServer: `${stem}_resources_server`, configStem: stem };
}
