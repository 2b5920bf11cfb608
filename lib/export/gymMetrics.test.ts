import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixtureRows, gymFixture } from "../testing/fixtures";
import { AvgMinMax, GymDatasetMetrics, gymDatasetConfig, jsonDumpsWordCount, pyRound } from "./gymMetrics";
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
    for (const x of [0.1, 0.2, 0.4]) m.add(x);
    const d = m.toPyDict();
    expect(d.get("Average")).toEqual({ kind: "float", value: 0.233 });
    expect(d.get("Standard deviation")).toEqual({ kind: "float", value: 0.153 });
  });

  it("reports zeros with no values and a zero deviation for one value", () => {
    const empty = new AvgMinMax().toPyDict();
    expect(pyJsonDumps(empty)).toBe('{"Total # non-null values": 0, "Average": 0.0, "Min": 0.0, "Max": 0.0, "Standard deviation": 0.0}');
    const one = new AvgMinMax();
    one.add(3);
    expect(pyJsonDumps(one.toPyDict())).toBe('{"Total # non-null values": 1, "Average": 3.0, "Min": 3.0, "Max": 3.0, "Standard deviation": 0.0}');
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
});
