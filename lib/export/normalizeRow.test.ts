import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gymFixture } from "../testing/fixtures";
import { validatePivotRow } from "../validate";
import { normalizePivotRow } from "./normalizeRow";
import type { NormalizeOptions } from "./normalizePlan";

const AGENT = "ticketing_single_step_tool_use_with_argument_comparison_agent";
const OPTIONS: NormalizeOptions = { agentName: AGENT, batch: false, parallelToolCalls: "keep", provenance: "group", provenanceKey: "provenance" };

function fixtureLines(name: string): string[] {
  return readFileSync(gymFixture(name), "utf8").split("\n").filter((l) => l.trim() !== "");
}

function normalize(line: string, options: Partial<NormalizeOptions> = {}) {
  return normalizePivotRow(line, JSON.parse(line), { ...OPTIONS, ...options });
}

type Row = Record<string, unknown> & { responses_create_params: Record<string, unknown> };

describe("normalizePivotRow on Gym's single-step example rows", () => {
  const lines = fixtureLines("single_step_example.jsonl");

  it.each(lines.map((line, i) => [i + 1, line] as const))("row %i: nulls dropped, agent_ref set, nothing else touched", (_, line) => {
    const source = JSON.parse(line) as Row;
    const out = normalize(line);
    const row = JSON.parse(out.text) as Row;
    const rcp = row.responses_create_params;
    expect(Object.values(rcp)).not.toContain(null);
    expect("metadata" in rcp).toBe(false);
    expect(rcp.tool_choice).toBe("auto");
    expect(rcp.parallel_tool_calls).toBe(false);
    expect(row.agent_ref).toEqual({ type: "responses_api_agents", name: AGENT });
    expect(row.expected_action).toEqual(source.expected_action);
    expect(rcp.input).toEqual(source.responses_create_params.input);
    expect(rcp.tools).toEqual(source.responses_create_params.tools);
    expect(out.repairs).toEqual(["params_null_dropped", "metadata_null_dropped", "agent_ref_set"]);
    // The value handed to validation is exactly what the text parses to.
    expect(out.value).toEqual(row);
    expect(validatePivotRow(out.value, { expectedAgentName: AGENT }).filter((f) => f.severity === "error")).toEqual([]);
    // Untouched members are copied as their original text.
    const inputText = line.slice(line.indexOf('"input": '), line.indexOf(', "instructions"'));
    expect(out.text).toContain(inputText);
  });

  it("writes an already normalized row with its original bytes", () => {
    for (const line of lines) {
      const once = normalize(line).text;
      const twice = normalize(once);
      expect(twice.changed).toBe(false);
      expect(twice.repairs).toEqual([]);
      expect(twice.text).toBe(once);
    }
  });
});

describe("normalizePivotRow on the parallel example rows", () => {
  const lines = fixtureLines("single_step_parallel_example.jsonl");

  it("keeps batches in batch mode and sets only agent_ref; numbers keep their spelling", () => {
    for (const line of lines) {
      const out = normalize(line, { batch: true });
      expect(out.repairs).toEqual(["agent_ref_set"]);
      expect(out.text).toContain('"temperature": 0.0');
      expect(out.text.startsWith(line.slice(0, -1))).toBe(true); // the row plus one appended key
      expect(validatePivotRow(out.value, { expectedAgentName: AGENT, allowBatch: true }).filter((f) => f.severity === "error")).toEqual([]);
    }
  });

  it("leaves multi-call batches for validation to block when batch mode is off", () => {
    const out = normalize(lines[0] as string);
    expect((out.value as Row).expected_action).toMatchObject({ type: "function_call_batch" });
    const codes = validatePivotRow(out.value, { expectedAgentName: AGENT }).map((f) => f.code);
    expect(codes).toContain("expected_action_type_unsupported");
  });
});

describe("normalizePivotRow on rows carrying provenance", () => {
  it("swe_pivot rows: foreign agent_ref replaced, provenance grouped, missing tools still an error", () => {
    for (const line of fixtureLines("swe_pivot_example.jsonl")) {
      const source = JSON.parse(line) as Row;
      const out = normalize(line);
      const row = JSON.parse(out.text) as Row;
      expect(Object.keys(row)).toEqual(["provenance", "agent_ref", "responses_create_params", "expected_action"]);
      expect(row.provenance).toEqual({ uuid: source.uuid, pivot_tags: source.pivot_tags, metadata: source.metadata });
      expect(out.repairs).toEqual(["tool_choice_added", "agent_ref_set", "provenance_grouped"]);
      expect(validatePivotRow(out.value, { expectedAgentName: AGENT }).map((f) => f.code)).toContain("tools_not_list");
    }
  });

  it("terminal harness rows: a batch of one becomes a single call; a two-call batch stays", () => {
    const lines = fixtureLines("terminal_multi_harness_example.jsonl");
    const batchLine = lines[3] as string;
    const out = normalize(batchLine);
    expect((out.value as Row).expected_action).toMatchObject({ type: "function_call_batch", ordered: true });
    const one = batchLine.replace(/"calls":\[(\{.*?\}),\{.*?\}\]/, '"calls":[$1]');
    expect(one).not.toBe(batchLine);
    const unwrapped = normalize(one);
    expect(unwrapped.repairs).toContain("batch_unwrapped");
    expect((unwrapped.value as Row).expected_action).toEqual((JSON.parse(one) as Row & { expected_action: { calls: unknown[] } }).expected_action.calls[0]);
    expect(JSON.parse(unwrapped.text)).toEqual(unwrapped.value);
  });
});

describe("normalizePivotRow edits", () => {
  const base = {
    responses_create_params: { input: [{ role: "user", content: "hi" }], tools: [], tool_choice: "auto" },
    expected_action: { type: "message", content: "hello" },
    agent_ref: { type: "responses_api_agents", name: AGENT },
  };

  it("leaves a clean row byte for byte, whatever its layout", () => {
    const line = ` {"responses_create_params":{"input":[{"role":"user","content":"hi"}],"tools":[],"tool_choice":"auto","temperature":1.0},"agent_ref":{"name":"${AGENT}","type":"responses_api_agents"},"expected_action":{"type":"message","content":"x"},"info":{"trajectory_id":12345678901234567890}}`;
    const out = normalize(line);
    expect(out.changed).toBe(false);
    expect(out.text).toBe(line);
  });

  it("keeps number tokens exactly when it rewrites the row around them", () => {
    const line = `{"responses_create_params": {"input": [{"role": "user", "content": "hi"}], "tools": [], "temperature": 1.0, "top_p": 1E+2, "user": null}, "expected_action": {"type": "message", "content": "x"}, "trajectory_id": 12345678901234567890}`;
    const out = normalize(line, { provenance: "keep" });
    expect(out.repairs).toEqual(["params_null_dropped", "tool_choice_added", "agent_ref_set"]);
    expect(out.text).toBe(
      `{"responses_create_params": {"input": [{"role": "user", "content": "hi"}], "tools": [], "temperature": 1.0, "top_p": 1E+2, "tool_choice": "auto"}, "expected_action": {"type": "message", "content": "x"}, "trajectory_id": 12345678901234567890, "agent_ref": {"type": "responses_api_agents", "name": "${AGENT}"}}`,
    );
  });

  it("sets tool_choice to auto and parallel_tool_calls per option", () => {
    const row = { ...base, responses_create_params: { ...base.responses_create_params, tool_choice: "required", parallel_tool_calls: true } };
    const out = normalize(JSON.stringify(row), { parallelToolCalls: false });
    expect(out.repairs).toEqual(["tool_choice_set_auto", "parallel_tool_calls_set"]);
    expect((out.value as Row).responses_create_params).toMatchObject({ tool_choice: "auto", parallel_tool_calls: false });
    const added = normalize(JSON.stringify(base), { parallelToolCalls: true });
    expect(added.repairs).toEqual(["parallel_tool_calls_set"]);
    expect(Object.keys((added.value as Row).responses_create_params)).toEqual(["input", "tools", "tool_choice", "parallel_tool_calls"]);
    expect(normalize(JSON.stringify(base)).changed).toBe(false);
  });

  it("turns object arguments into Python json.dumps text, numbers and all", () => {
    const line = `{"responses_create_params": {"input": [{"role": "user", "content": "hi"}], "tools": [{"type": "function", "name": "f", "parameters": {}, "strict": true}], "tool_choice": "auto"}, "expected_action": {"type": "function_call", "name": "f", "arguments": {"a": 1.0, "b": [1, 2e3], "c": "é\\n", "d": 123456789012345678901}}, "agent_ref": {"type": "responses_api_agents", "name": "${AGENT}"}}`;
    const out = normalize(line);
    expect(out.repairs).toEqual(["arguments_stringified"]);
    const action = (out.value as Row).expected_action as { arguments: string };
    expect(action.arguments).toBe('{"a": 1.0, "b": [1, 2000.0], "c": "\\u00e9\\n", "d": 123456789012345678901}');
    expect(JSON.parse(out.text)).toEqual(out.value);
  });

  it("reads duplicate keys as parsers do: first position, last value", () => {
    const line = `{"responses_create_params": {"input": [{"role": "user", "content": "hi"}], "tools": [], "metadata": {"a": "b"}, "metadata": null}, "expected_action": {"type": "message", "content": "x"}}`;
    const out = normalize(line);
    expect(out.repairs).toContain("metadata_null_dropped");
    expect(out.text).not.toContain("metadata");
    expect(JSON.parse(out.text)).toEqual(out.value);
  });

  it("groups, keeps or drops provenance", () => {
    const row = { trajectory_id: 7, ...base, meta_info: { turn: 1, step: 2 } };
    const line = JSON.stringify(row);
    const grouped = normalize(line, { provenanceKey: "source" });
    expect(grouped.value).toEqual({ source: { trajectory_id: 7, meta_info: { turn: 1, step: 2 } }, ...base });
    expect(JSON.parse(grouped.text)).toEqual(grouped.value);
    expect(normalize(line, { provenance: "keep" }).changed).toBe(false);
    const dropped = normalize(line, { provenance: "drop" });
    expect(dropped.value).toEqual(base);
    expect(dropped.repairs).toEqual(["provenance_dropped"]);
    // A single provenance object is already grouped.
    expect(normalize(JSON.stringify({ ...base, tool_use_info: { uuid: "u" } })).changed).toBe(false);
  });

  it("leaves a row that is not an object to validation", () => {
    expect(normalizePivotRow("[1]", [1], OPTIONS)).toEqual({ text: "[1]", value: [1], changed: false, repairs: [] });
  });
});
