import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  defaultComparatorConfig,
  InvalidExpectedArgumentsError,
  InvalidVerifyRequestError,
  parseAction,
  StepRewardCategory as C,
  stepRewardCategoryName,
  verifyRollout,
  type FunctionCallAction,
  type ToolCallComparatorConfig,
} from "./index";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/nemo-gym");
const readJsonl = (name: string): Record<string, unknown>[] =>
  readFileSync(path.join(FIXTURES, name), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);

// configs/single_step_tool_use_with_argument_comparison.yaml: only the threshold is set.
const singleStepConfig = defaultComparatorConfig(0.1);
// configs/parallel_tool_calls_single_step_tool_use_with_argument_comparison.yaml.
const parallelConfig: ToolCallComparatorConfig = {
  ...defaultComparatorConfig(0.1),
  parallel_tool_call_rewarding: true,
  allow_subset: true,
  allow_superset: true,
  parallel_tool_call_reward_mode: "f1",
};

const functionCallItem = (name: string, args: string, i = 0) => ({
  type: "function_call",
  id: `fc_${i}`,
  call_id: `call_${i}`,
  name,
  arguments: args,
  status: "completed",
});
const textItem = (text: string) => ({
  type: "message",
  id: "msg_1",
  role: "assistant",
  status: "completed",
  content: [{ type: "output_text", annotations: [], text }],
});
const reasoningItem = { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "this is reasoning" }] };
// The fields NeMoGymResponse requires besides `output` (Gym answers 422 without them).
const RESPONSE_FIELDS = { id: "resp_1", object: "response", model: "test_model", created_at: 0, parallel_tool_calls: true, tool_choice: "auto", tools: [] };
const response = (...output: unknown[]) => ({ ...RESPONSE_FIELDS, output });
const callsResponse = (...calls: FunctionCallAction[]) => response(...calls.map((c, i) => functionCallItem(c.name, c.arguments, i)));

describe("verifyRollout against Gym's recorded rollouts", () => {
  const rows = readJsonl("single_step_example_rollouts.jsonl");

  it("reads all five recorded rollouts", () => {
    expect(rows).toHaveLength(5);
  });

  it.each(rows.map((row, i) => [i, row] as const))("reproduces the recorded reward and category of row %i", (_, row) => {
    const result = verifyRollout({ response: row.response, expected_action: row.expected_action }, singleStepConfig);
    expect(result).toEqual({ reward: row.reward, category: row.category });
    expect(stepRewardCategoryName(result.category)).toBeDefined();
  });
});

describe("verifyRollout like Gym's test_app.py", () => {
  const expectedArguments = JSON.stringify({ metric_name: "views", metric_count: 75 });
  const expected = { type: "function_call", name: "set_metric_count", arguments: expectedArguments };
  const verify = (expectedAction: unknown, ...output: unknown[]) =>
    verifyRollout({ response: response(...output), expected_action: expectedAction }, singleStepConfig);

  it("finds no action in a reasoning-only response", () => {
    expect(verify(expected, reasoningItem)).toEqual({ reward: 0, category: C.NO_ACTION_FOUND });
  });

  it('calls metric_count "75" a type difference against 75', () => {
    const actual = functionCallItem("set_metric_count", JSON.stringify({ metric_name: "views", metric_count: "75" }));
    expect(verify(expected, actual)).toEqual({ reward: 0, category: C.ARGUMENT_VALUE_TYPE_DIFFERENT });
  });

  it("matches the expected call even when the model narrates first", () => {
    const actual = functionCallItem("set_metric_count", '{"metric_name":"views","metric_count":75}');
    expect(verify(expected, textItem("Setting it now."), actual)).toEqual({ reward: 1, category: C.EXPECTED_TOOL_CALL });
  });

  it("fails chat where a call was expected, and a call where chat was expected", () => {
    expect(verify(expected, textItem("How can I help you?"))).toEqual({ reward: 0, category: C.NO_EXPECTED_TOOL_CALL });
    const chat = { type: "message", content: "This is a message." };
    expect(verify(chat, textItem("How can I help you?"))).toEqual({ reward: 1, category: C.EXPECTED_CHAT_MESSAGE_FOUND });
    const call = functionCallItem("set_metric_count", expectedArguments);
    expect(verify(chat, call)).toEqual({ reward: 0, category: C.NO_EXPECTED_CHAT_MESSAGE });
  });

  it("ignores reversed order and surplus calls with the default config, but not with rewarding on", () => {
    const search = (query: string): FunctionCallAction => ({ type: "function_call", name: "search", arguments: JSON.stringify({ query }) });
    const expectedBatch = { type: "function_call_batch", calls: [search("alpha"), search("beta")] };
    const reversed = callsResponse(search("beta"), search("alpha"));
    const surplus = callsResponse(search("alpha"), search("beta"), search("gamma"));
    const counting = { ...singleStepConfig, parallel_tool_call_rewarding: true };

    const verify = (output: unknown, config: ToolCallComparatorConfig) =>
      verifyRollout({ response: output, expected_action: expectedBatch }, config);

    expect(verify(reversed, singleStepConfig)).toEqual({ reward: 1, category: C.EXPECTED_TOOL_CALL_BATCH });
    expect(verify(reversed, counting)).toEqual({ reward: 1, category: C.EXPECTED_TOOL_CALL_BATCH });
    expect(verify(surplus, singleStepConfig)).toEqual({ reward: 1, category: C.EXPECTED_TOOL_CALL_BATCH });
    expect(verify(surplus, counting)).toEqual({ reward: 0, category: C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT });

    const junk = callsResponse(search("alpha"), search("beta"), search("x"), search("y"), search("z"));
    const f1 = verify(junk, parallelConfig);
    expect(f1.reward).toBeCloseTo(4 / 7, 12);
    expect(f1.category).toBe(C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT);
  });
});

describe("verifyRollout: request errors", () => {
  const call = { type: "function_call", name: "f", arguments: "{}" };

  it("rejects an invalid expected_action before looking at the response (Gym's 422)", () => {
    const dictArguments = { type: "function_call", name: "f", arguments: { a: 1 } };
    expect(() => verifyRollout({ response: response(reasoningItem), expected_action: dictArguments }, singleStepConfig)).toThrow(
      InvalidVerifyRequestError,
    );
  });

  it("rejects a response without a field Gym's response model requires, or with one of the wrong type (422)", () => {
    // Each was checked against NeMoGymResponse; the lax ones pass there too.
    const scored = (fields: Record<string, unknown>) => verifyRollout({ response: { ...response(textItem("Hi")), ...fields }, expected_action: { type: "message", content: "x" } }, singleStepConfig);
    for (const key of Object.keys(RESPONSE_FIELDS)) {
      const rest: Record<string, unknown> = response(textItem("Hi"));
      delete rest[key];
      expect(() => verifyRollout({ response: rest, expected_action: call }, singleStepConfig), key).toThrow(`response.${key} is required`);
    }
    for (const bad of [{ created_at: "x" }, { id: null }, { object: "resp" }, { parallel_tool_calls: 2 }, { tool_choice: "any" }, { tools: [{ x: 1 }] }]) {
      expect(() => scored(bad), JSON.stringify(bad)).toThrow(InvalidVerifyRequestError);
    }
    for (const lax of [{ created_at: "12.5" }, { parallel_tool_calls: "yes" }, { tool_choice: { type: "function", name: "f" } }, { model: "" }]) {
      expect(scored(lax).reward, JSON.stringify(lax)).toBe(1);
    }
  });

  it("rejects a response without an output list", () => {
    expect(() => verifyRollout({ response: { id: "x" }, expected_action: call }, singleStepConfig)).toThrow(InvalidVerifyRequestError);
    expect(() => verifyRollout({ response: null, expected_action: call }, singleStepConfig)).toThrow(InvalidVerifyRequestError);
  });

  it("rejects output items Gym's response model refuses (422), where the action itself would score", () => {
    // Each was checked against NeMoGymResponse: its output items are the input item union with a required type.
    const noCallId = { type: "function_call", name: "f", arguments: "{}" };
    const badStatus = { ...textItem("Done."), status: "done" };
    const noAnnotations = { ...textItem("Done."), content: [{ type: "output_text", text: "Done." }] };
    for (const [item, where] of [[noCallId, "response.output[0].call_id"], [badStatus, "response.output[0].status"], [noAnnotations, "response.output[0].content[0].annotations"]] as const) {
      expect(() => verifyRollout({ response: response(item), expected_action: call }, singleStepConfig)).toThrow(where);
    }
    // An untyped part of an output message is output_text (Gym's model defaults its type): it scores.
    const untypedPart = { ...textItem("Done."), content: [{ text: "Done.", annotations: [] }] };
    expect(verifyRollout({ response: response(untypedPart), expected_action: { type: "message", content: "ok" } }, singleStepConfig).reward).toBe(1);
  });

  it("throws on expected arguments that are not JSON when the model called that tool (Gym's 500)", () => {
    const broken = { type: "function_call", name: "f", arguments: "{not json" };
    expect(() => verifyRollout({ response: response(functionCallItem("f", "{}")), expected_action: broken }, singleStepConfig)).toThrow(
      InvalidExpectedArgumentsError,
    );
  });
});

describe("batch scenarios built from single_step_parallel_example.jsonl", () => {
  const rows = readJsonl("single_step_parallel_example.jsonl");
  const expectedActions = rows.map((row) => parseAction(row.expected_action));
  const callsOf = (i: number): FunctionCallAction[] => {
    const action = expectedActions[i];
    if (action?.type === "function_call_batch") return action.calls;
    if (action?.type === "function_call") return [action];
    throw new Error(`row ${i} expects a message`);
  };
  const score = (i: number, output: unknown, config = parallelConfig) =>
    verifyRollout({ response: output, expected_action: rows[i]?.expected_action }, config);

  it("parses all five expected actions as Gym's union", () => {
    expect(expectedActions.map((a) => (a.type === "function_call_batch" ? `batch:${a.calls.length}` : a.type))).toEqual([
      "batch:3",
      "batch:2",
      "batch:2",
      "function_call",
      "message",
    ]);
  });

  it("accepts the three weather calls in reverse order with compact JSON", () => {
    const compact = callsOf(0).map((c) => ({ ...c, arguments: JSON.stringify(JSON.parse(c.arguments)) })).reverse();
    expect(score(0, callsResponse(...compact))).toEqual({ reward: 1, category: C.EXPECTED_TOOL_CALL_BATCH });
  });

  it("gives f1 credit 4/5 for two of three calls, blaming the count", () => {
    const result = score(0, callsResponse(...callsOf(0).slice(0, 2)));
    expect(result.reward).toBeCloseTo(0.8, 12);
    expect(result.category).toBe(C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT);
  });

  it('does not match a one-word city by case ("paris" vs "Paris"), blaming the argument', () => {
    const [paris, ...rest] = callsOf(0);
    const lowerParis = { ...paris!, arguments: '{"city": "paris"}' };
    const result = score(0, callsResponse(lowerParis, ...rest));
    expect(result.reward).toBeCloseTo(2 / 3, 12);
    expect(result.category).toBe(C.ARGUMENT_VALUE_DIFFERENT);
  });

  it("counts a repeated ticker once: AMD twice matches only one of {NVDA, AMD}", () => {
    const amd = callsOf(1)[1]!;
    expect(score(1, callsResponse(amd, amd))).toEqual({ reward: 0.5, category: C.ARGUMENT_VALUE_DIFFERENT });
    expect(score(1, callsResponse(amd, amd), defaultComparatorConfig(0.1))).toEqual({ reward: 0, category: C.ARGUMENT_VALUE_DIFFERENT });
  });

  it("scores one of two different tools as 2/3 under f1 and 0 under the default config", () => {
    const [weather] = callsOf(2);
    const result = score(2, callsResponse(weather!));
    expect(result.reward).toBeCloseTo(2 / 3, 12);
    expect(result.category).toBe(C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT);
    expect(score(2, callsResponse(weather!), defaultComparatorConfig(0.1))).toEqual({
      reward: 0,
      category: C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT,
    });
  });

  it("lets a single expected call ignore a surplus call only when rewarding is off", () => {
    const output = callsResponse(callsOf(3)[0]!, { type: "function_call", name: "get_stock_price", arguments: '{"ticker": "NVDA"}' });
    expect(score(3, output, defaultComparatorConfig(0.1))).toEqual({ reward: 1, category: C.EXPECTED_TOOL_CALL });
    const f1 = score(3, output);
    expect(f1.reward).toBeCloseTo(2 / 3, 12);
    expect(f1.category).toBe(C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT);
  });

  it("gives any assistant text full credit on the message row, and a call none", () => {
    expect(score(4, response(textItem("Anything at all")))).toEqual({ reward: 1, category: C.EXPECTED_CHAT_MESSAGE_FOUND });
    expect(score(4, callsResponse(callsOf(3)[0]!))).toEqual({ reward: 0, category: C.NO_EXPECTED_CHAT_MESSAGE });
  });
});
