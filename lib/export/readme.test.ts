import { describe, expect, it } from "vitest";
import { bundleReadme, type ReadmeInput } from "./readme";

const base: ReadmeInput = {
  agentName: "tickets_agent",
  resourcesServerName: "tickets_resources_server",
  configFile: "tickets.yaml",
  dataFiles: [{ name: "pivots.jsonl", rows: 12, bytes: 1, sha256: "" }],
  hasBatchRows: false,
  allowMissingTools: false,
  jsonlPathPrefix: "",
};
const commandsOf = (text: string) => text.split("\n").filter((l) => /^(gym|pivot-studio|python) /.test(l));

describe("the bundle README's commands", () => {
  it("start Gym with the bundle's config and a policy model, then run and profile the pivots", () => {
    expect(commandsOf(bundleReadme(base))).toEqual([
      'python "$GYM_DIR/.agents/skills/nemo-gym-pivot-datasets/scripts/validate_pivot_dataset.py" --path pivots.jsonl --agent-ref tickets_agent',
      "pivot-studio validate --path pivots.jsonl --agent-ref tickets_agent",
      'gym env start --config tickets.yaml --model-type openai_model --model "$POLICY_MODEL_NAME" --model-url "$POLICY_BASE_URL" --model-api-key "$POLICY_API_KEY"',
      "gym eval run --no-serve --agent tickets_agent --input pivots.jsonl --output rollouts.jsonl --num-repeats 8 --concurrency 32",
      "gym eval profile --inputs rollouts_materialized_inputs.jsonl --rollouts rollouts.jsonl",
    ]);
    expect(bundleReadme(base)).toContain("run the commands from here");
  });

  it("run on the validation side only when it holds rows", () => {
    const split = (validationRows: number) => ({
      ...base,
      dataFiles: [...base.dataFiles, { name: "train.jsonl", rows: 12 - validationRows, bytes: 1, sha256: "" }, { name: "validation.jsonl", rows: validationRows, bytes: 1, sha256: "" }],
    });
    expect(commandsOf(bundleReadme(split(3)))[3]).toContain("--input validation.jsonl ");
    expect(commandsOf(bundleReadme(split(0)))[3]).toContain("--input pivots.jsonl ");
  });

  it("validate with the flags the bundle's rows need; with a path prefix, every command finds the files through it", () => {
    const text = bundleReadme({ ...base, hasBatchRows: true, allowMissingTools: true, jsonlPathPrefix: "data/tickets/" });
    expect(commandsOf(text)).toEqual([
      'python "$GYM_DIR/.agents/skills/nemo-gym-pivot-datasets/scripts/validate_pivot_dataset.py" --path data/tickets/pivots.jsonl --agent-ref tickets_agent',
      "pivot-studio validate --path data/tickets/pivots.jsonl --agent-ref tickets_agent --allow-batch --allow-missing-tools",
      'gym env start --config data/tickets/tickets.yaml --model-type openai_model --model "$POLICY_MODEL_NAME" --model-url "$POLICY_BASE_URL" --model-api-key "$POLICY_API_KEY"',
      "gym eval run --no-serve --agent tickets_agent --input data/tickets/pivots.jsonl --output rollouts.jsonl --num-repeats 8 --concurrency 32",
      "gym eval profile --inputs rollouts_materialized_inputs.jsonl --rollouts rollouts.jsonl",
    ]);
    expect(text).toContain("prefixed with `data/tickets/`");
  });
});
