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
const commandsOf = (text: string) => text.split("\n").filter((l) => /^(gym|pivot-studio) /.test(l));

describe("the bundle README's commands", () => {
  it("start Gym with the bundle's config and a policy model, then run and profile the pivots", () => {
    expect(commandsOf(bundleReadme(base))).toEqual([
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
    expect(commandsOf(bundleReadme(split(3)))[2]).toContain("--input validation.jsonl ");
    expect(commandsOf(bundleReadme(split(0)))[2]).toContain("--input pivots.jsonl ");
  });

  it("validate with the flags the bundle's rows need, and run from where a path prefix points", () => {
    const text = bundleReadme({ ...base, hasBatchRows: true, allowMissingTools: true, jsonlPathPrefix: "data/tickets/" });
    expect(commandsOf(text)[0]).toBe("pivot-studio validate --path pivots.jsonl --agent-ref tickets_agent --allow-batch --allow-missing-tools");
    expect(commandsOf(text)[2]).toContain("--input data/tickets/pivots.jsonl ");
    expect(text).toContain("prefixed with `data/tickets/`");
  });
});
