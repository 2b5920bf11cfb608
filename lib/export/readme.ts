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
  /** Rows without tools were allowed into the export (swe_pivot / image rows). */
  allowMissingTools: boolean;
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
  // The validation side when it holds rows (a split may leave it empty), else every pivot.
  const evalInput = r.dataFiles.some((f) => f.name === "validation.jsonl" && f.rows !== 0) ? "validation.jsonl" : "pivots.jsonl";
  // Every command runs from one place: this folder, or where the config's path prefix is relative to.
  const at = r.jsonlPathPrefix;
  const fromHere = at === "";
  const studioFlags = [r.hasBatchRows ? " --allow-batch" : "", r.allowMissingTools ? " --allow-missing-tools" : ""].join("");
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
    `With the pivot skill's validator (\`GYM_DIR\`: your NeMo Gym checkout), ${fromHere ? "from this folder" : "from where the path prefix points from (see below)"}:`,
    "",
    "```sh",
    `python "$GYM_DIR/.agents/skills/nemo-gym-pivot-datasets/scripts/validate_pivot_dataset.py" --path ${at}pivots.jsonl --agent-ref ${r.agentName}`,
    "```",
    "",
    "or with Pivot Studio:",
    "",
    "```sh",
    `pivot-studio validate --path ${at}pivots.jsonl --agent-ref ${r.agentName}${studioFlags}`,
    "```",
    "",
  ];
  if (r.hasBatchRows) {
    lines.push(
      "The bundle holds `function_call_batch` rows: Gym's verifier scores them, but the skill's validator reports them",
      "as unsupported (hence `--allow-batch` above).",
      "",
    );
  }
  if (r.allowMissingTools) {
    lines.push(
      "Rows without `tools` were allowed into this bundle (as swe_pivot rows are written): the skill's validator reports",
      "them (hence `--allow-missing-tools` above).",
      "",
    );
  }
  lines.push(
    "## Run it",
    "",
    fromHere
      ? `The dataset paths in \`${r.configFile}\` are relative to this folder: run the commands from here (Gym finds a`
      : `The dataset paths in \`${r.configFile}\` are prefixed with \`${at}\`: run the commands from where that prefix`,
    fromHere ? "relative `--config` in the working directory, then in its install root)." : "points from, with this bundle's files in that folder.",
    "Start Gym's servers with this config and your policy model (`--model-type` names its server: `openai_model`,",
    "`vllm_model`, … — `gym list models`), then, in another terminal, collect rollouts and profile them (at least 8",
    "rollouts per pivot, as the PivotRL selection rule asks):",
    "",
    "```sh",
    `gym env start --config ${at}${r.configFile} --model-type openai_model --model "$POLICY_MODEL_NAME" --model-url "$POLICY_BASE_URL" --model-api-key "$POLICY_API_KEY"`,
    `gym eval run --no-serve --agent ${r.agentName} --input ${at}${evalInput} --output rollouts.jsonl --num-repeats 8 --concurrency 32`,
    "gym eval profile --inputs rollouts_materialized_inputs.jsonl --rollouts rollouts.jsonl",
    "```",
    "",
    "For training, point a Gym training config at the `train` and `validation` datasets of the config (or collate them",
    "with `gym dataset collate`).",
    "",
  );
  return lines.join("\n");
}
