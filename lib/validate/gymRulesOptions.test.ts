import { describe, expect, it } from "vitest";
import { checkGymRules, extractToolName, parseAnyFieldGroups } from "./gymRules";
import { type RuleCase, cleanRow, describeRuleCases, withValue, without } from "./testRows";

const RCP = "responses_create_params";
const ALLOW_BATCH = { allowBatch: true };
const batch = (calls: unknown) => withValue("expected_action", { type: "function_call_batch", calls });
const weatherCall = (args: string) => ({ type: "function_call", name: "get_weather", arguments: args });

// With allowBatch, each call goes through the script's validate_function_call, whose first two messages
// are unreachable for a single function_call.
const BATCH_CASES: RuleCase[] = [
  {
    code: "batch_calls_invalid",
    name: "empty batch (allowBatch)",
    fail: () => batch([]),
    options: ALLOW_BATCH,
    path: "expected_action.calls",
    message: "function_call_batch.calls must be a non-empty list",
    pass: [() => batch([weatherCall('{"city": "Oslo"}')])],
  },
  {
    code: "expected_call_not_object",
    name: "string call (allowBatch)",
    fail: () => batch(["get_weather"]),
    options: ALLOW_BATCH,
    path: "expected_action.calls[0]",
    message: "expected function call must be an object",
    pass: [cleanRow],
  },
  {
    code: "expected_call_type_invalid",
    name: "untyped call (allowBatch)",
    fail: () => batch([{ name: "get_weather", arguments: "{}" }]),
    options: ALLOW_BATCH,
    path: "expected_action.calls[0].type",
    message: "expected call has type None",
    pass: [cleanRow],
  },
  {
    code: "function_call_arguments_invalid_json",
    name: "bad arguments in the second call (allowBatch)",
    fail: () => batch([weatherCall("{}"), weatherCall('{"city": "Oslo",}')]),
    options: ALLOW_BATCH,
    path: "expected_action.calls[1].arguments",
    message: "function_call.arguments is not valid JSON: Illegal trailing comma before end of object: line 1 column 16 (char 15)",
    pass: [cleanRow],
  },
  {
    code: "expected_tool_not_in_tools",
    name: "batch tools absent, sorted and de-duplicated (allowBatch)",
    fail: () =>
      batch(["zeta", "get_weather", "alpha", "zeta"].map((name) => ({ type: "function_call", name, arguments: "{}" }))),
    options: ALLOW_BATCH,
    path: "expected_action.calls[0].name",
    message: "expected_action uses tools absent from responses_create_params.tools: ['alpha', 'zeta']",
    pass: [cleanRow],
  },
];

describe("allowBatch rules", () => {
  describeRuleCases(BATCH_CASES, checkGymRules);
});

describe("option toggles", () => {
  it("checkToolNames: false is --no-check-tool-names", () => {
    const row = withValue("expected_action.name", "get_forecast");
    expect(checkGymRules(row).map((f) => f.code)).toEqual(["expected_tool_not_in_tools"]);
    expect(checkGymRules(row, { checkToolNames: false })).toEqual([]);
  });

  it("allowMissingTools accepts an absent tools key only, and then has no tool list to check names against", () => {
    const noTools = without(`${RCP}.tools`);
    expect(checkGymRules(noTools, { allowMissingTools: true })).toEqual([]);
    const nullTools = withValue(`${RCP}.tools`, null);
    expect(checkGymRules(nullTools, { allowMissingTools: true }).map((f) => f.code)).toEqual(["tools_not_list"]);
  });

  it("allowBatch checks every call and the tool names of all of them", () => {
    const ok = batch([
      { type: "function_call", name: "get_weather", arguments: '{"city": "Oslo"}' },
      { type: "function_call", name: "get_weather", arguments: '{"city": "Rome"}', call_id: "ignored" },
    ]);
    expect(checkGymRules(ok).map((f) => f.code)).toEqual(["expected_action_type_unsupported"]);
    expect(checkGymRules(ok, ALLOW_BATCH)).toEqual([]);
  });

  it("requireAnyFields groups are split on commas and Python-stripped; empty groups vanish", () => {
    expect(parseAnyFieldGroups(["a, b.c ,", " , ", "\u00a0x\u2003"])).toEqual([["a", "b.c"], ["x"]]);
  });
});

describe("order and collection", () => {
  it("keeps the script's order: keys, require flags, agent_ref, params, expected_action, tool names", () => {
    const row = withValue("agent_ref.type", "x", withValue(`${RCP}.metadata`, null, withValue("expected_action.name", "nope")));
    delete row.expected_action;
    const codes = checkGymRules(row, { requireFields: ["uuid"] }).map((f) => f.code);
    expect(codes).toEqual(["required_key_missing", "required_field_missing", "agent_ref_type_invalid", "metadata_null"]);
  });

  it("reports every params problem, not only the first", () => {
    const row = withValue("responses_create_params", { metadata: null, tool_choice: "none", input: [], parallel_tool_calls: 1 });
    expect(checkGymRules(row).map((f) => f.code)).toEqual([
      "metadata_null",
      "tool_choice_not_auto",
      "input_not_nonempty_list",
      "tools_not_list",
      "parallel_tool_calls_not_bool",
    ]);
  });
});

describe("extractToolName", () => {
  it("reads flat names, then Chat-style nested names, and nothing else", () => {
    expect(extractToolName({ name: "a", function: { name: "b" } })).toBe("a");
    expect(extractToolName({ name: 7, function: { name: "b" } })).toBe("b");
    expect(extractToolName({ name: "", function: { name: "b" } })).toBe("");
    expect(extractToolName({ type: "web_search" })).toBeNull();
    expect(extractToolName("get_weather")).toBeNull();
  });
});
