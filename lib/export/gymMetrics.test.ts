import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixtureRows, gymFixture } from "../testing/fixtures";
import { AvgMinMax, GymDatasetMetrics, gymDatasetConfig, pyRound } from "./gymMetrics";
import { jsonDumpsWordCount } from "./jsonDumpsWords";
import { pyJsonDumps } from "./pyJsonDumps";

function metricsOf(fixture: string): GymDatasetMetrics {
  const metrics = new GymDatasetMetrics();
  for (const row of fixtureRows(fixture)) metrics.addRow(row);
  return metrics;
}

/** The fixture's metric blocks, minus the stale format's `Median` keys. */
function expectedBlocks(fixture: string): Record<string, unknown> {
  const json = JSON.parse(readFileSync(gymFixture(fixture), "utf8")) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    if (["name", "type", "jsonl_fpath", "num_repeats", "source", "gitlab_identifier", "huggingface_identifier", "license"].includes(key)) continue;
    if (typeof value === "object" && value !== null) {
      const { Median: _median, ...rest } = value as Record<string, unknown>;
      out[key] = rest;
    } else out[key] = value;
  }
  return out;
}

describe("Gym's ng_prepare_data metrics", () => {
  it("reproduces parallel_example_metrics.json byte for byte", () => {
    const config = gymDatasetConfig({
      name: "example",
      type: "example",
      jsonlFpath: "resources_servers/single_step_tool_use_with_argument_comparison/data/parallel_example.jsonl",
      license: null,
    });
    const text = pyJsonDumps(metricsOf("single_step_parallel_example.jsonl").toPyDict(config), { indent: 4 });
    expect(text).toBe(readFileSync(gymFixture("single_step_parallel_example_metrics.json"), "utf8"));
  });

  it("counts Python json.dumps words per row as Gym does (112, 115, 151, 109, 109)", () => {
    const words = fixtureRows("single_step_parallel_example.jsonl").map((r) => jsonDumpsWordCount(r.responses_create_params));
    expect(words).toEqual([112, 115, 151, 109, 109]);
  });

  it.each(["single_step_example", "swe_pivot_example"])("matches %s_metrics.json", (stem) => {
    const ours = JSON.parse(pyJsonDumps(metricsOf(`${stem}.jsonl`).toPyDict())) as unknown;
    expect(ours).toEqual(expectedBlocks(`${stem}_metrics.json`));
  });

  it("counts words on Python's layout: separators make tokens, escaped characters do not split", () => {
    // Checked against CPython: len(json.dumps(v).split()).
    // {"a": "x y", "b": [1, 2.5], "c": {}, "d": "\n\u3000"} → {"a": | "x | y", | "b": | [1, | 2.5], | "c": | {}, | "d": | "\n\u3000"}
    expect(jsonDumpsWordCount({ a: "x y", b: [1, 2.5], c: {}, d: "\n\u3000" })).toBe(10);
    expect(jsonDumpsWordCount(" lead  trail ")).toBe(4); // " | lead | trail | "
    expect(jsonDumpsWordCount([])).toBe(1);
  });
});

describe("AvgMinMax", () => {
  it("rounds like Python: 2 decimals from 1 up, 3 below, ties to even", () => {
    expect(pyRound(0.125, 2)).toBe(0.12);
    expect(pyRound(2.675, 2)).toBe(2.67); // 2.675 is 2.67499999… in binary
    const m = new AvgMinMax();
    for (const x of [0.1, 0.2, 0.4]) m.observe(x);
    const d = m.toPyDict();
    expect(d.get("Average")).toEqual({ kind: "float", value: 0.233 });
    expect(d.get("Standard deviation")).toEqual({ kind: "float", value: 0.153 });
  });

  it("reports zeros with no values and a zero deviation for one value", () => {
    const empty = new AvgMinMax().toPyDict();
    expect(pyJsonDumps(empty)).toBe('{"Total # non-null values": 0, "Average": 0.0, "Min": 0.0, "Max": 0.0, "Standard deviation": 0.0}');
    const one = new AvgMinMax();
    one.merge(3);
    expect(pyJsonDumps(one.toPyDict())).toBe('{"Total # non-null values": 1, "Average": 3.0, "Min": 3.0, "Max": 3.0, "Standard deviation": 0.0}');
  });
});

describe("Gym's float arithmetic", () => {
  // Expected values from Gym's own AvgMinMax (nemo_gym/train_data_utils.py) run on the same numbers.
  const request = (n: number, temperature?: unknown) => ({
    responses_create_params: { input: "hi", tools: Array.from({ length: n }, (_, i) => ({ type: "function", name: `t${i}` })), ...(temperature !== undefined && { temperature }) },
  });

  it("merges each row's accumulator as Gym does: 10.625000000000002 rounds to 10.63, not the exact 10.625 to 10.62", () => {
    const tools = [4, 14, 12, 5, 19, 3, 2, 10, 18, 11, 14, 10, 11, 12, 9, 11, 17, 17, 1, 17, 4, 5, 11, 11, 11, 19, 3, 15, 9, 16, 15, 12, 13, 3, 19, 2, 5, 2, 17, 16];
    const m = new GymDatasetMetrics();
    for (const n of tools) m.addRow(request(n));
    expect(JSON.parse(pyJsonDumps(m.toPyDict()))["Number of tools"]).toEqual({ "Total # non-null values": 40, Average: 10.63, Min: 1, Max: 19, "Standard deviation": 5.63 });
  });

  it("the merge and the Welford update differ: temperatures average 0.637 merged (Gym's request metrics), 0.638 observed", () => {
    const temperatures = [0.7, 0.6, 0.7, 0.0, 0.3, 1.2, 0.6, 1.0];
    const m = new GymDatasetMetrics();
    for (const t of temperatures) m.addRow(request(1, t));
    expect(JSON.parse(pyJsonDumps(m.toPyDict())).Temperature).toMatchObject({ Average: 0.637, "Standard deviation": 0.374 });
    const observed = new AvgMinMax();
    for (const t of temperatures) observed.observe(t);
    expect(observed.toPyDict().get("Average")).toEqual({ kind: "float", value: 0.638 });
  });

  it("reads a temperature as Gym's request model does: a numeric string or a bool is a float", () => {
    const m = new GymDatasetMetrics();
    for (const t of ["0.5", true, "warm", null]) m.addRow(request(1, t));
    expect(JSON.parse(pyJsonDumps(m.toPyDict())).Temperature).toMatchObject({ "Total # non-null values": 2, Average: 0.75 });
  });
});

describe("extra top-level keys", () => {
  it("averages numbers and bools, counts strings, walks lists, skips dicts", () => {
    const m = new GymDatasetMetrics();
    m.addRow({ responses_create_params: { input: "hi" }, trajectory_id: 3, ok: true, tags: ["a", "b", "a"], info: { x: 1 } });
    m.addRow({ responses_create_params: { input: "hi" }, trajectory_id: 5, ok: false, tags: ["c"] });
    const d = JSON.parse(pyJsonDumps(m.toPyDict())) as Record<string, unknown>;
    expect(d["Number of turns"]).toMatchObject({ "Total # non-null values": 2, Average: 1 });
    expect(d.trajectory_id).toMatchObject({ "Total # non-null values": 2, Average: 4, Min: 3, Max: 5 });
    expect(d.ok).toMatchObject({ Average: 0.5 });
    expect(d.tags).toEqual({ unique_count: 3, total_count: 4 });
    expect("info" in d).toBe(false);
  });

  it("walks one level of list, as Gym does: a nested list is skipped", () => {
    const m = new GymDatasetMetrics();
    m.addRow({ responses_create_params: { input: "hi" }, scores: [1, [2, 3], 4], tags: [["a"], "b"] });
    const d = JSON.parse(pyJsonDumps(m.toPyDict())) as Record<string, unknown>;
    expect(d.scores).toMatchObject({ "Total # non-null values": 2, Average: 2.5 });
    expect(d.tags).toEqual({ unique_count: 1, total_count: 1 });
  });

  it("leaves out keys starting with _ (a rollout's _ng_task_index): Gym's setattr makes them private attributes", () => {
    const m = new GymDatasetMetrics();
    m.addRow({ responses_create_params: { input: "hi" }, _ng_task_index: 3, _ng_rollout_index: 0, __note: "x", reward: 1 });
    const d = JSON.parse(pyJsonDumps(m.toPyDict())) as Record<string, unknown>;
    expect(Object.keys(d).filter((k) => k.startsWith("_"))).toEqual([]);
    expect(d.reward).toMatchObject({ "Total # non-null values": 1, Average: 1 });
  });

  it("a key naming one of Gym's own fields replaces its metric, aggregated twice: average and deviation 0", () => {
    // What Gym printed for three rows with top-level temperature 0.5, 1.5, 2.5 and number_of_tools 7.
    const m = new GymDatasetMetrics();
    for (const t of [0.5, 1.5, 2.5]) m.addRow({ responses_create_params: { input: "hi", tools: [], temperature: 0 }, temperature: t, number_of_tools: 7 });
    const d = JSON.parse(pyJsonDumps(m.toPyDict())) as Record<string, unknown>;
    expect(d["Number of tools"]).toEqual({ "Total # non-null values": 3, Average: 0, Min: 7, Max: 7, "Standard deviation": 0 });
    expect(d.Temperature).toEqual({ "Total # non-null values": 3, Average: 0, Min: 0.5, Max: 2.5, "Standard deviation": 0 });
    expect("temperature" in d || "number_of_tools" in d).toBe(false);
  });
});
