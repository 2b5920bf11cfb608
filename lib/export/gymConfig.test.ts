import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { gymConfigFileName, gymConfigYaml, type GymConfigInput } from "./gymConfig";
import { ExportOptionsError, gymInstanceNames, resolveExportOptions } from "./options";

const AGENT = "ticketing_agent_single_step_tool_use_with_argument_comparison_agent";
const RS = "ticketing_agent_single_step_tool_use_with_argument_comparison_resources_server";

function input(overrides: Partial<GymConfigInput> = {}): GymConfigInput {
  const options = resolveExportOptions({
    agentName: AGENT,
    gym: { license: "Apache 2.0", description: "Ticketing pivots: the next action.", comparator: { word_count_similarity_threshold: 0.3 } },
  });
  return {
    agentName: options.agentName,
    gym: options.gym,
    hasBatchRows: false,
    datasets: { train: "train.jsonl", validation: "validation.jsonl", example: "example.jsonl" },
    ...overrides,
  };
}

type Config = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

describe("gymConfigYaml", () => {
  it("parses back to the spec's shape, field by field", () => {
    const config = parse(gymConfigYaml(input())) as Config;
    expect(Object.keys(config)).toEqual([RS, AGENT]);

    const server = config[RS]?.resources_servers?.single_step_tool_use_with_argument_comparison as Record<string, unknown>;
    expect(Object.keys(config[RS]?.resources_servers ?? {})).toEqual(["single_step_tool_use_with_argument_comparison"]);
    expect(server.entrypoint).toBe("app.py");
    expect(server.domain).toBe("agent");
    expect(server.tool_call_comparator_config).toEqual({ word_count_similarity_threshold: 0.3 });
    expect(server.verified).toBe(false);
    expect(server.description).toBe("Ticketing pivots: the next action.");
    expect("value" in server).toBe(false);

    const agent = config[AGENT]?.responses_api_agents?.tool_simulation_agent as Record<string, unknown>;
    expect(Object.keys(config[AGENT]?.responses_api_agents ?? {})).toEqual(["tool_simulation_agent"]);
    expect(agent.entrypoint).toBe("app.py");
    expect(agent.resources_server).toEqual({ type: "resources_servers", name: RS });
    expect(agent.model_server).toEqual({ type: "responses_api_models", name: "policy_model" });
    expect(agent.datasets).toEqual([
      { name: "train", type: "train", jsonl_fpath: "train.jsonl", num_repeats: 1, license: "Apache 2.0" },
      { name: "validation", type: "validation", jsonl_fpath: "validation.jsonl", num_repeats: 1, license: "Apache 2.0" },
      { name: "example", type: "example", jsonl_fpath: "example.jsonl", num_repeats: 1, license: "Apache 2.0" },
    ]);
  });

  it("writes the parallel knobs only when batch rows exist, and floats with a decimal point", () => {
    const base = input();
    const text = gymConfigYaml({
      ...base,
      hasBatchRows: true,
      gym: { ...base.gym, value: "Improve tool use.", comparator: { ...base.gym.comparator, word_count_similarity_threshold: 0, floating_point_comparison_threshold: 1e-7, parallel_tool_call_reward_mode: "f1" } },
    });
    expect(text).toContain("word_count_similarity_threshold: 0.0\n");
    expect(text).toContain("floating_point_comparison_threshold: 1.0e-7\n");
    const config = parse(text) as Config;
    const server = config[RS]?.resources_servers?.single_step_tool_use_with_argument_comparison as Record<string, unknown>;
    expect(server.tool_call_comparator_config).toEqual({
      word_count_similarity_threshold: 0,
      floating_point_comparison_threshold: 1e-7,
      parallel_tool_call_rewarding: true,
      allow_subset: false,
      allow_superset: false,
      parallel_tool_call_reward_mode: "f1",
    });
    expect(server.value).toBe("Improve tool use.");
  });

  it("points train at pivots.jsonl and leaves validation out without a split; output is stable", () => {
    const one = input({ datasets: { train: "pivots.jsonl", validation: null, example: null } });
    const text = gymConfigYaml(one);
    expect(text).toBe(gymConfigYaml(one));
    const agent = (parse(text) as Config)[AGENT]?.responses_api_agents?.tool_simulation_agent as Record<string, unknown>;
    expect(agent.datasets).toEqual([{ name: "train", type: "train", jsonl_fpath: "pivots.jsonl", num_repeats: 1, license: "Apache 2.0" }]);
  });
});

describe("names and options", () => {
  it("reaches Gym as written: YAML 1.1 words quoted, OmegaConf interpolations escaped", () => {
    const gym = { ...input().gym, description: "off", value: "Costs ${price}, 1:30 per call", jsonlPathPrefix: "data/" };
    const text = gymConfigYaml(input({ gym }));
    // PyYAML reads YAML 1.1, where a plain off is false and 1:30 is 90.
    const server = (parse(text, { version: "1.1" }) as Config)[RS]?.resources_servers?.single_step_tool_use_with_argument_comparison as Record<string, unknown>;
    expect(server.description).toBe("off");
    // OmegaConf resolves ${…}; its escape \${ gives the text back.
    expect(server.value).toBe("Costs \\${price}, 1:30 per call");
    expect(text).toContain("value: Costs \\${price}, 1:30 per call");
    // A path prefix is a folder Gym is meant to resolve: `${oc.env:…}` there stays an interpolation.
    const env = gymConfigYaml(input({ gym: { ...input().gym, jsonlPathPrefix: "${oc.env:DATA_DIR}/" } }));
    expect(env).toContain("jsonl_fpath: ${oc.env:DATA_DIR}/train.jsonl");
  });

  it("escapes backslashes before ${ too: OmegaConf reads \\\\ there as one backslash", () => {
    // Each escaped form is what OmegaConf (2.2, resolve=True) turns back into the text as written.
    const cases: [string, string][] = [
      ["a \\${b}", "a \\\\\\${b}"],
      ["x \\\\${y}", "x \\\\\\\\\\${y}"],
      ["c:\\path\\ end\\", "c:\\path\\ end\\"],
      ["$${x}", "$\\${x}"],
    ];
    for (const [written, escaped] of cases) {
      const server = (parse(gymConfigYaml(input({ gym: { ...input().gym, value: written } })), { version: "1.1" }) as Config)[RS]?.resources_servers
        ?.single_step_tool_use_with_argument_comparison as Record<string, unknown>;
      expect(server.value, written).toBe(escaped);
    }
  });

  it("replaces only the _agent suffix", () => {
    expect(gymInstanceNames("my_agent_x_agent")).toEqual({ agent: "my_agent_x_agent", resourcesServer: "my_agent_x_resources_server", configStem: "my_agent_x" });
    expect(gymConfigFileName(AGENT)).toBe("ticketing_agent_single_step_tool_use_with_argument_comparison.yaml");
  });

  it("rejects values Gym cannot use", () => {
    expect(() => resolveExportOptions({ agentName: "agent_x" })).toThrow(ExportOptionsError);
    expect(() => resolveExportOptions({ gym: { license: "CC0" as never } })).toThrow(/license/);
    expect(() => resolveExportOptions({ gym: { domain: "chat" as never } })).toThrow(/domain/);
    expect(() => resolveExportOptions({ split: { train: 0.9, validation: 0.1, seed: 1 } })).toThrow(/exactly one/);
    expect(() => resolveExportOptions({ split: { validation: 1.5, seed: 1 } })).toThrow(/fraction/);
    expect(resolveExportOptions().gym).toMatchObject({ domain: "agent", license: "TBD", verified: false });
    expect(() => resolveExportOptions({ agentName: "my agent_agent" })).toThrow('agent name "my agent_agent" must be one word: no spaces');
    expect(() => resolveExportOptions({ agentName: "_agent" })).toThrow('needs a name before "_agent"');
    // The name is the config's file name and its instances' keys: no paths, no interpolation.
    for (const name of ["../escaped_agent", "sub/dir_agent", "x${y}_agent", "a.b_agent"]) {
      expect(() => resolveExportOptions({ agentName: name }), name).toThrow(`agent name "${name}" may use letters, digits, _ and - only`);
    }
    expect(() => resolveExportOptions({ split: { train: 1.5, seed: 1 } })).toThrow("split size 1.5: give a fraction in (0, 1) or a whole number of rows ≥ 1");
  });

  it("reads the dataset path prefix as a folder: a missing slash is added, none doubled", () => {
    expect(resolveExportOptions({ gym: { jsonlPathPrefix: "/data/x" } }).gym.jsonlPathPrefix).toBe("/data/x/");
    expect(resolveExportOptions({ gym: { jsonlPathPrefix: "data/x/" } }).gym.jsonlPathPrefix).toBe("data/x/");
    expect(resolveExportOptions().gym.jsonlPathPrefix).toBe("");
  });
});
