/**
 * The bundle's README.md: what each file is, and the commands that check and run it (spec §3.1, §8).
 */
import type { WrittenFile } from "./sink";

export interface ReadmeInput {
  agentName: string;
  resourcesServerName: string;
  configFile: string;
  /** The data files written so far (pivots, splits, skipped, example). */
  dataFiles: readonly WrittenFile[];
  hasBatchRows: boolean;
  jsonlPathPrefix: string;
}

const DESCRIPTIONS: Record<string, string> = {
  "pivots.jsonl": "the kept pivot rows, normalized to the single-step contract",
  "train.jsonl": "the training side of the split (no trajectory is on both sides)",
  "validation.jsonl": "the validation side of the split",
  "example.jsonl": "the first pivot rows, for Gym's example dataset",
  "skipped.jsonl": "the skipped-row audit: rejected and auto-skipped rows with reason, reviewer and findings",
};

export function bundleReadme(r: ReadmeInput): string {
  const evalInput = r.dataFiles.some((f) => f.name === "validation.jsonl") ? "validation.jsonl" : "pivots.jsonl";
  const rows = (f: WrittenFile) => (f.rows === null ? "" : ` (${f.rows} ${f.rows === 1 ? "row" : "rows"})`);
  const lines = [
    "# Pivot dataset bundle",
    "",
    `Pivot rows for NeMo Gym's \`single_step_tool_use_with_argument_comparison\` verifier, exported by Pivot Studio.`,
    `Every row's \`agent_ref.name\` is \`${r.agentName}\`.`,
    "",
    "## Files",
    "",
    ...r.dataFiles.map((f) => `- \`${f.name}\`${rows(f)}: ${DESCRIPTIONS[f.name] ?? "data"}`),
    `- \`${r.configFile}\`: the Gym config — resources server \`${r.resourcesServerName}\` and agent \`${r.agentName}\``,
    "- `metrics.json`: counts and percents by action type, tool, depth, turn and step, skip reason, finding, reward group",
    "  and provenance coverage, plus Gym `ng_prepare_data` numbers per data file",
    "- `manifest.json`: inputs and their SHA-256, options, filter, decision-log digest, and every file's SHA-256",
    "",
    "## Check the rows",
    "",
    "With the pivot skill's validator, from a NeMo Gym checkout:",
    "",
    "```sh",
    `python .agents/skills/nemo-gym-pivot-datasets/scripts/validate_pivot_dataset.py --path pivots.jsonl --agent-ref ${r.agentName}`,
    "```",
    "",
    "or with Pivot Studio:",
    "",
    "```sh",
    `pivot-studio validate --path pivots.jsonl --agent-ref ${r.agentName}`,
    "```",
    "",
  ];
  if (r.hasBatchRows) {
    lines.push(
      "The bundle holds `function_call_batch` rows: Gym's verifier scores them, but the skill's validator reports them",
      "as unsupported.",
      "",
    );
  }
  lines.push(
    "## Run it",
    "",
    `The dataset paths in \`${r.configFile}\` are ${r.jsonlPathPrefix === "" ? "relative to this folder" : `prefixed with \`${r.jsonlPathPrefix}\``}.`,
    "Start Gym's servers with this config together with a `policy_model` config, then collect rollouts and profile them",
    "(at least 8 rollouts per pivot, as the PivotRL selection rule asks):",
    "",
    "```sh",
    "gym env start",
    `gym eval run --no-serve --agent ${r.agentName} --input ${evalInput} --output rollouts.jsonl --num-repeats 8 --concurrency 32`,
    "gym eval profile --inputs rollouts_materialized_inputs.jsonl --rollouts rollouts.jsonl",
    "```",
    "",
    "For training, point a Gym training config at the `train` and `validation` datasets of the config (or collate them",
    "with `gym dataset collate`).",
    "",
  );
  return lines.join("\n");
}
