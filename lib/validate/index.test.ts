import { describe, expect, it } from "vitest";
import {
  FINDING_CATALOGUE,
  type FindingCode,
  type PivotValidationOptions,
  formatFirstError,
  listFindingCodes,
  runPivotValidatorScript,
  validateFirstError,
  validatePivotRow,
} from "./index";
import { type Row, cleanRow, withValue, without } from "./testRows";

const P = "responses_create_params";
const codesOf = (row: unknown, options?: PivotValidationOptions) => validatePivotRow(row, options).map((f) => f.code);
const batchRow = (calls: unknown) => withValue("expected_action", { type: "function_call_batch", calls });
const item = (value: unknown) => withValue(`${P}.input[2]`, value);
const tool = (value: unknown) => withValue(`${P}.tools[0]`, value);
const BATCH = { allowBatch: true };

/**
 * One trigger per catalogue code, through the public API; typed so a new code without a trigger fails typecheck.
 * `duplicate_row` is a cross-row check run in SQL after loading; lib/ingest/duplicateRows.test.ts triggers it.
 */
type RowCode = Exclude<FindingCode, "duplicate_row">;
const TRIGGERS: Record<RowCode, () => FindingCode[]> = {
  jsonl_invalid_json: () => [runPivotValidatorScript("{").error?.code ?? "row_not_object"],
  jsonl_no_rows: () => [runPivotValidatorScript("").error?.code ?? "row_not_object"],
  row_not_object: () => codesOf("row"),
  required_key_missing: () => codesOf(without("agent_ref")),
  required_field_missing: () => codesOf(cleanRow(), { requireFields: ["uuid"] }),
  required_any_field_missing: () => codesOf(cleanRow(), { requireAnyFields: ["uuid,task_id"] }),
  agent_ref_not_object: () => codesOf(withValue("agent_ref", null)),
  agent_ref_type_invalid: () => codesOf(without("agent_ref.type")),
  agent_ref_name_invalid: () => codesOf(withValue("agent_ref.name", 3)),
  agent_ref_name_mismatch: () => codesOf(cleanRow(), { expectedAgentName: "x" }),
  responses_create_params_not_object: () => codesOf(withValue(P, null)),
  metadata_null: () => codesOf(withValue(`${P}.metadata`, null)),
  tool_choice_not_auto: () => codesOf(withValue(`${P}.tool_choice`, "none")),
  input_not_nonempty_list: () => codesOf(withValue(`${P}.input`, [])),
  tools_not_list: () => codesOf(withValue(`${P}.tools`, {})),
  parallel_tool_calls_not_bool: () => codesOf(withValue(`${P}.parallel_tool_calls`, null)),
  expected_action_not_object: () => codesOf(withValue("expected_action", "get_weather")),
  message_content_not_string: () => codesOf(withValue("expected_action", { type: "message", content: ["hi"] })),
  expected_action_type_unsupported: () => codesOf(withValue("expected_action.type", "tool_call")),
  batch_calls_invalid: () => codesOf(batchRow({}), BATCH),
  expected_call_not_object: () => codesOf(batchRow([null]), BATCH),
  expected_call_type_invalid: () => codesOf(batchRow([{ type: "message", content: "hi" }]), BATCH),
  function_call_name_missing: () => codesOf(without("expected_action.name")),
  function_call_arguments_not_string: () => codesOf(without("expected_action.arguments")),
  function_call_arguments_invalid_json: () => codesOf(withValue("expected_action.arguments", "")),
  expected_tool_not_in_tools: () => codesOf(withValue("expected_action.name", "get_time")),
  params_unknown_key: () => codesOf(withValue(`${P}.seed`, 1)),
  params_field_invalid: () => codesOf(withValue(`${P}.top_p`, [1])),
  metadata_not_object: () => codesOf(withValue(`${P}.metadata`, "k=v")),
  metadata_value_not_string: () => codesOf(withValue(`${P}.metadata`, { seed: 1 })),
  input_item_not_object: () => codesOf(item(null)),
  input_item_type_unknown: () => codesOf(item({ type: "input_text", text: "hi" })),
  input_item_unrecognized: () => codesOf(item({})),
  input_item_field_missing: () => codesOf(item({ type: "function_call_output", output: "ok" })),
  input_item_field_invalid: () => codesOf(item({ type: "reasoning", id: "r", summary: "thinking" })),
  message_role_invalid: () => codesOf(item({ role: "function", content: "x" })),
  message_content_invalid: () => codesOf(item({ role: "user", content: 1 })),
  content_part_invalid: () => codesOf(item({ role: "user", content: ["hi"] })),
  content_part_field_invalid: () => codesOf(item({ role: "user", content: [{ type: "input_text" }] })),
  input_video_source_invalid: () => codesOf(item({ role: "user", content: [{ type: "input_video" }] })),
  token_fields_incomplete: () => codesOf(item({ role: "user", content: "x", routed_experts: "nrlre1:…" })),
  tool_not_object: () => codesOf(tool([])),
  tool_type_unknown: () => codesOf(tool({ type: "functions", name: "get_weather" })),
  tool_nested_chat_format: () => codesOf(tool({ type: "function", function: { name: "get_weather" } })),
  tool_field_missing: () => codesOf(without(`${P}.tools[0].parameters`)),
  tool_field_invalid: () => codesOf(withValue(`${P}.tools[0].strict`, "maybe")),
  tool_unknown_key: () => codesOf(withValue(`${P}.tools[0].id`, "fc_1")),
  params_null_fields: () => codesOf(withValue(`${P}.user`, null)),
  arguments_missing_required: () => codesOf(withValue("expected_action.arguments", "{}")),
  arguments_type_mismatch: () => codesOf(withValue("expected_action.arguments", '{"city": null}')),
  arguments_enum_mismatch: () => codesOf(withValue("expected_action.arguments", '{"city": "Paris", "units": "C"}')),
  arguments_unexpected_key: () => codesOf(withValue("expected_action.arguments", '{"city": "Paris", "q": 1}')),
  arguments_never_match: () => codesOf(withValue("expected_action.arguments", '{"city": "Paris", "lat": NaN}')),
  function_call_output_orphan: () => codesOf(item({ type: "function_call_output", call_id: "c", output: "ok" })),
  expected_action_repeats_prefix: () => codesOf(item({ type: "function_call", call_id: "c", name: "get_weather", arguments: '{"units":"c","city":"Paris"}' })),
};

describe("finding catalogue", () => {
  it.each(Object.keys(TRIGGERS) as RowCode[])("%s is produced by the rules", (code) => {
    expect(TRIGGERS[code]()).toContain(code);
  });

  it("lists every code once, with the severity of its layer", () => {
    const list = listFindingCodes();
    expect(list.map((c) => c.code)).toEqual(Object.keys(FINDING_CATALOGUE));
    for (const entry of list) expect(entry.severity).toBe(entry.layer === "beyond_gym" ? "warning" : "error");
    for (const entry of list) expect(entry.description).toMatch(/^\S.*\.$/);
  });
});

describe("validatePivotRow", () => {
  it("returns nothing for a clean row", () => {
    expect(validatePivotRow(cleanRow())).toEqual([]);
  });

  it("runs the three layers in order and stamps the line on each finding", () => {
    const row: Row = withValue(`${P}.metadata`, null, withValue(`${P}.stream`, true, withValue("expected_action.arguments", "{}")));
    const findings = validatePivotRow(row, { line: 7 });
    expect(findings.map((f) => [f.code, f.severity, f.line])).toEqual([
      ["metadata_null", "error", 7],
      ["params_field_invalid", "error", 7],
      ["arguments_missing_required", "warning", 7],
    ]);
  });
});

describe("validateFirstError", () => {
  it("is null when the script would accept the row, even with warnings", () => {
    expect(validateFirstError(withValue("expected_action.arguments", "{}"))).toBeNull();
  });

  it("returns the script's error and formats its stderr line", () => {
    const row = withValue("agent_ref.type", "agents", withValue(`${P}.metadata`, null));
    const first = validateFirstError(row, { line: 12 });
    expect(first).toEqual({ code: "agent_ref_type_invalid", severity: "error", message: "agent_ref.type must be responses_api_agents", path: "agent_ref.type", line: 12 });
    expect(first && formatFirstError(first)).toBe("validation failed: line 12: agent_ref.type must be responses_api_agents");
  });

  it("ignores request-model errors unless gymModels is set", () => {
    const row = withValue(`${P}.tools[0].strict`, "maybe");
    expect(validateFirstError(row)).toBeNull();
    expect(validateFirstError(row, { gymModels: true })?.code).toBe("tool_field_invalid");
  });
});
