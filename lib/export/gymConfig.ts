/**
 * The bundle's Gym config (spec §4.7): a `single_step_tool_use_with_argument_comparison` resources server and
 * a `tool_simulation_agent` pointing at it and at `policy_model`, with the bundle's datasets. Top-level keys
 * are instance names; the nested key is the server type. Output is deterministic: fixed key order, no line
 * folding, floats always written with a decimal point (PyYAML reads `1e-7` as a string, `1.0e-7` as a float).
 * Gym reads it with PyYAML (YAML 1.1: `off` is false, `1:30` is 90) and resolves OmegaConf interpolations, so
 * strings are quoted by 1.1 rules and a user's `${` is escaped as `\${` (dataset paths excepted), to reach Gym as written.
 */
import { Document, type ScalarTag } from "yaml";
import { AGENT_TYPE, type GymConfigOptions, gymInstanceNames, VERIFIER_TYPE } from "./options";

/** A number the YAML must spell as a float. */
class YamlFloat {
  constructor(readonly value: number) {}
}

function floatText(x: number): string {
  const s = String(x);
  if (!/[.e]/.test(s)) return `${s}.0`;
  const [mantissa = "", exponent] = s.split("e");
  return exponent === undefined || mantissa.includes(".") ? s : `${mantissa}.0e${exponent}`;
}

const floatTag: ScalarTag = {
  identify: (v) => v instanceof YamlFloat,
  default: true,
  tag: "tag:yaml.org,2002:float",
  resolve: (s) => Number(s),
  stringify: (item) => floatText((item.value as YamlFloat).value),
};

export interface DatasetFiles {
  /** Bundle file names; null leaves the dataset entry out. */
  train: string;
  validation: string | null;
  example: string | null;
}

export interface GymConfigInput {
  agentName: string;
  gym: GymConfigOptions;
  /** Parallel comparator knobs are written only when the export holds `function_call_batch` rows. */
  hasBatchRows: boolean;
  datasets: DatasetFiles;
}

function comparatorConfig(gym: GymConfigOptions, hasBatchRows: boolean): Record<string, unknown> {
  const c = gym.comparator;
  const out: Record<string, unknown> = { word_count_similarity_threshold: new YamlFloat(c.word_count_similarity_threshold) };
  if (c.floating_point_comparison_threshold !== undefined) {
    out.floating_point_comparison_threshold = new YamlFloat(c.floating_point_comparison_threshold);
  }
  if (hasBatchRows) {
    out.parallel_tool_call_rewarding = c.parallel_tool_call_rewarding;
    out.allow_subset = c.allow_subset;
    out.allow_superset = c.allow_superset;
    out.parallel_tool_call_reward_mode = c.parallel_tool_call_reward_mode;
  }
  return out;
}

function datasetEntries(input: GymConfigInput): Record<string, unknown>[] {
  const { datasets, gym } = input;
  const entry = (type: "train" | "validation" | "example", file: string) => ({
    name: type,
    type,
    jsonl_fpath: gym.jsonlPathPrefix + file,
    num_repeats: 1,
    license: gym.license,
  });
  const out = [entry("train", datasets.train)];
  if (datasets.validation !== null) out.push(entry("validation", datasets.validation));
  if (datasets.example !== null) out.push(entry("example", datasets.example));
  return out;
}

/** The config as a plain object (instance name → block), before YAML rendering. */
export function gymConfigObject(input: GymConfigInput): Record<string, unknown> {
  const names = gymInstanceNames(input.agentName);
  const { gym } = input;
  const server: Record<string, unknown> = {
    entrypoint: "app.py",
    domain: gym.domain,
    tool_call_comparator_config: comparatorConfig(gym, input.hasBatchRows),
    verified: gym.verified,
    description: gym.description,
  };
  if (gym.value !== null) server.value = gym.value;
  return {
    [names.resourcesServer]: { resources_servers: { [VERIFIER_TYPE]: server } },
    [names.agent]: {
      responses_api_agents: {
        [AGENT_TYPE]: {
          entrypoint: "app.py",
          resources_server: { type: "resources_servers", name: names.resourcesServer },
          model_server: { type: "responses_api_models", name: "policy_model" },
          datasets: datasetEntries(input),
        },
      },
    },
  };
}

/**
 * Every string of a config value with OmegaConf's interpolation opener escaped, except the dataset paths: a path
 * prefix such as `${oc.env:DATA_DIR}/` is a folder the user means Gym to resolve. OmegaConf reads `\${` as a literal
 * `${` and `\\` just before it as one backslash, so n backslashes then `${` are written as 2n + 1 of them.
 */
function escapeInterpolation(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/(\\*)\$\{/g, (_, backslashes: string) => `${backslashes}${backslashes}\\\${`);
  if (Array.isArray(value)) return value.map(escapeInterpolation);
  if (value !== null && typeof value === "object" && !(value instanceof YamlFloat)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "jsonl_fpath" ? v : escapeInterpolation(v)]));
  }
  return value;
}

export function gymConfigYaml(input: GymConfigInput): string {
  const doc = new Document(escapeInterpolation(gymConfigObject(input)), { customTags: [floatTag], version: "1.1" });
  return doc.toString({ lineWidth: 0, indentSeq: false });
}

/** The config's file name in the bundle: the shared instance prefix, as Gym names its configs. */
export function gymConfigFileName(agentName: string): string {
  return `${gymInstanceNames(agentName).configStem}.yaml`;
}
