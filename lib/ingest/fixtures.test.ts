import { readFileSync, readdirSync } from "node:fs";
import { xxhash64 } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { openFileSource } from "../node/fileSource";
import { GYM_FIXTURES, fixtureRows, gymFixture } from "../testing/fixtures";
import { scanFile, type FileScan } from "./loadSummary";

async function scan(name: string): Promise<FileScan> {
  const src = await openFileSource(gymFixture(name));
  try {
    return await scanFile(src, { keepRows: true });
  } finally {
    await src.close();
  }
}

type Obj = Record<string, unknown>;
const obj = (v: unknown) => (v ?? {}) as Obj;

/**
 * What a user sees for each Gym file: its detected kind, and the first decision point's action type and tool.
 * Written from the fixture README and by reading the rows (spec §5, §7, §11).
 */
const EXPECTED: Record<string, { kind: string; first: [string, string]; actions: Record<string, number> }> = {
  "single_step_example.jsonl": { kind: "pivots", first: ["function_call", "authenticate_user"], actions: { function_call: 3, message: 2 } },
  "single_step_parallel_example.jsonl": {
    kind: "pivots",
    first: ["function_call_batch", "get_weather,get_weather,get_weather"],
    actions: { function_call_batch: 3, function_call: 1, message: 1 },
  },
  "swe_pivot_example.jsonl": { kind: "pivots", first: ["function_call", "str_replace_editor"], actions: { function_call: 5 } },
  "terminal_multi_harness_example.jsonl": {
    kind: "pivots",
    first: ["message", ""],
    actions: { message: 1, function_call: 3, function_call_batch: 1 },
  },
  "single_step_example_rollouts.jsonl": { kind: "rollouts", first: ["message", ""], actions: { message: 2, function_call: 3 } },
  "terminal_multi_harness_example_rollouts.jsonl": {
    kind: "rollouts",
    first: ["message", ""],
    actions: { message: 1, function_call: 3, function_call_batch: 1 },
  },
  "swe_pivot_example_rollouts.jsonl": { kind: "rollouts", first: ["message", ""], actions: { message: 5 } },
  // Trajectory rollouts: the first decision is the first assistant turn of response.output.
  "tau2_example_rollouts.jsonl": { kind: "rollouts", first: ["function_call", "transfer_to_human_agents"], actions: { function_call: 4, message: 1 } },
  "workplace_assistant_example_rollouts.jsonl": { kind: "rollouts", first: ["function_call", "analytics_create_plot"], actions: { function_call: 5 } },
  "example_multi_step_example_rollouts.jsonl": { kind: "rollouts", first: ["function_call", "get_synonym_value"], actions: { function_call: 5 } },
};

describe("Gym fixtures: kind detection and derived columns", () => {
  it("covers every JSONL fixture", () => {
    const files = readdirSync(GYM_FIXTURES).filter((f) => f.endsWith(".jsonl")).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name}: ${want.kind}, first action ${want.first.join(" ")}`, async () => {
      const { detection, profile, errors, rows } = await scan(name);
      const raw = fixtureRows(name);
      expect(errors).toEqual([]);
      expect(detection.kind).toBe(want.kind);
      expect(profile.rows).toBe(raw.length);
      expect(profile.actionTypes).toEqual(want.actions);
      const first = rows![0]!.summary;
      expect([first.action_type, first.tool_name]).toEqual(want.first);

      const bytes = readFileSync(gymFixture(name));
      for (const [i, { at, hash, summary }] of rows!.entries()) {
        const r = raw[i]!;
        const line = bytes.subarray(at.offset, at.offset + at.length);
        // The row is read back from the file by its byte range, and its hash is xxHash64 of exactly those bytes.
        expect(JSON.parse(line.toString("utf8"))).toEqual(r);
        expect(hash).toBe(await xxhash64(line));
        expect(at.line).toBe(i + 1);
        const params = obj(r.responses_create_params);
        const input = params.input as unknown[];
        expect(summary.input_items).toBe(input.length);
        const buckets = summary.items;
        expect(Object.values(buckets).reduce((a, b) => a + b, 0)).toBe(input.length);
        expect(buckets.function_call).toBe(input.filter((x) => obj(x).type === "function_call").length);
        expect(buckets.user).toBe(input.filter((x) => obj(x).role === "user").length);
        const tools = (params.tools ?? []) as Obj[];
        expect(summary.tool_count).toBe(tools.length);
        expect(summary.tools_offered).toEqual(tools.map((t) => t.name));
        expect(summary.agent_ref).toBe(obj(r.agent_ref).name ?? null);
        const ea = r.expected_action as Obj | undefined;
        if (ea) {
          expect(summary.action_type).toBe(ea.type);
          const names = ea.type === "function_call_batch" ? (ea.calls as Obj[]).map((c) => c.name) : ea.name ? [ea.name] : [];
          expect(summary.tool_names).toEqual(names);
          expect(summary.call_count).toBe(names.length);
        }
        if ("_ng_task_index" in r) expect([summary.task_index, summary.rollout_index]).toEqual([r._ng_task_index, r._ng_rollout_index]);
        if ("reward" in r) expect(summary.reward).toBe(r.reward);
      }
    });
  }

  it("names each pivot file's provenance flavour", async () => {
    expect((await scan("swe_pivot_example.jsonl")).profile.provenance).toEqual({ swe_pivot: 5 });
    expect((await scan("terminal_multi_harness_example.jsonl")).profile.provenance).toEqual({ terminal_harness: 5 });
    expect((await scan("single_step_example.jsonl")).profile.provenance).toEqual({ none: 5 });
  });

  it("counts rollout indices only where gym eval run wrote them", async () => {
    expect((await scan("tau2_example_rollouts.jsonl")).profile.taskIndexed).toBe(5);
    expect((await scan("single_step_example_rollouts.jsonl")).profile.taskIndexed).toBe(0);
  });

  it("reads the workplace file whose last line has no newline", async () => {
    const bytes = readFileSync(gymFixture("workplace_assistant_example_rollouts.jsonl"));
    expect(bytes[bytes.length - 1]).not.toBe(10);
    const { rows } = await scan("workplace_assistant_example_rollouts.jsonl");
    const last = rows!.at(-1)!.at;
    expect(last.offset + last.length).toBe(bytes.length);
  });
});
