import { describe, expect, it } from "vitest";
import { AGENT_REF, assistantMsg, convertOne, expectValidRows, fc, fco, msg, provenance, reasoning } from "./testKit";

const CANCEL_TOOL = {
  name: "cancel_order",
  description: "Cancel an order.",
  parameters: { type: "object", properties: { order_id: { type: "string" }, reason: { type: "string" } } },
};

/**
 * A τ²-bench transcript: a seeded greeting, flat tool_calls with object arguments, reasoning only under
 * raw_data, a tool error flagged by `error: true`, and the user simulator calling its own tool.
 */
const TAU2_ROW = {
  task_id: "t9",
  reward: 1,
  tools: [CANCEL_TOOL],
  messages: [
    { role: "assistant", content: "Hi! How can I help you today?", tool_calls: null, turn_idx: 0 },
    { role: "user", content: "Cancel order #1", tool_calls: null },
    {
      role: "assistant",
      content: "",
      tool_calls: [{ id: "t1", name: "cancel_order", arguments: { order_id: "#1", reason: "no longer needed" }, requestor: "assistant" }],
      raw_data: { choices: [{ message: { content: "", reasoning_content: "<think>The user wants a cancel.</think>" } }] },
    },
    { role: "tool", id: "t1", content: "Error: order not found", requestor: "assistant", error: true },
    { role: "user", content: null, tool_calls: [{ id: "u1", name: "toggle_airplane_mode", arguments: {}, requestor: "user" }] },
    { role: "tool", id: "u1", content: "Airplane mode off", requestor: "user", error: false },
    { role: "user", content: "It is #2, sorry." },
    { role: "assistant", content: "", tool_calls: [{ id: "t2", name: "cancel_order", arguments: { order_id: "#2", reason: "no longer needed" } }] },
    { role: "tool", id: "t2", content: "cancelled", requestor: "assistant", error: false },
    { role: "assistant", content: "Order #2 is cancelled." },
  ],
};

const TOOLS_FLAT = [{ type: "function", ...CANCEL_TOOL, strict: true }];
const shared = {
  source_format: "tau2" as const,
  task_id: "t9",
  source_reward: 1,
  trajectory_num_messages: 10,
  trajectory_num_assistant_actions: 3,
  dropped_messages: 2,
};
// The greeting is context (and counts toward depth), never a candidate.
const PREFIX_0 = [assistantMsg("msg_0", "Hi! How can I help you today?"), msg("user", "Cancel order #1")];
// The user simulator's own call and its output have no place in the agent's prefix.
const PREFIX_1 = [
  ...PREFIX_0,
  reasoning("rs_2", "The user wants a cancel."),
  fc("t1", "cancel_order", '{"order_id": "#1", "reason": "no longer needed"}'),
  fco("t1", "Error: order not found"),
  msg("user", "It is #2, sorry."),
];
const PREFIX_2 = [...PREFIX_1, fc("t2", "cancel_order", '{"order_id": "#2", "reason": "no longer needed"}'), fco("t2", "cancelled")];
const params = (input: unknown[]) => ({ input, tools: TOOLS_FLAT, tool_choice: "auto", parallel_tool_calls: false });

describe("tau2", () => {
  it("converts flat tool calls with object arguments, past a seeded greeting", async () => {
    const r = await convertOne(TAU2_ROW);
    expect(r.format).toBe("tau2");
    expect(r.seedTurns).toBe(1);
    expect(r.skipped).toEqual([]);
    expect(r.candidates).toEqual([
      {
        responses_create_params: params(PREFIX_0),
        expected_action: { type: "function_call", name: "cancel_order", arguments: '{"order_id": "#1", "reason": "no longer needed"}' },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 0, pivot_message_index: 2, turn: 1, depth: 1, pivot_has_reasoning: true }),
      },
      {
        responses_create_params: params(PREFIX_1),
        expected_action: { type: "function_call", name: "cancel_order", arguments: '{"order_id": "#2", "reason": "no longer needed"}' },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 1, pivot_message_index: 7, turn: 2, depth: 2 }),
      },
      {
        responses_create_params: params(PREFIX_2),
        expected_action: { type: "message", content: "Order #2 is cancelled." },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 2, pivot_message_index: 9, turn: 2, step: 1, depth: 3 }),
      },
    ]);
    expectValidRows(r.candidates);
  });

  it("skips a call whose tool response is an error when tool errors are dropped", async () => {
    const r = await convertOne(TAU2_ROW, { dropToolErrors: true });
    expect(r.skipped.map((s) => [s.skip_reason, s.skip_detail, s.provenance.pivot_assistant_index])).toEqual([
      ["tool_error_response", "the cancel_order response is an error", 0],
    ]);
    expect(r.candidates).toHaveLength(2);
  });

  it("judges each call by the output paired with it, when a later call reuses an earlier call's id", async () => {
    const call = (city: string) => ({ role: "assistant", tool_calls: [{ id: "call_0", name: "weather", arguments: { city } }] });
    const r = await convertOne(
      {
        tools: [{ type: "function", function: { name: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
        messages: [
          { role: "user", content: "weather in Atlantis, then Oslo" },
          call("Atlantis"),
          { role: "tool", id: "call_0", content: "Error: not found" },
          call("Oslo"),
          { role: "tool", id: "call_0", content: '{"v": 42}' },
        ],
      },
      { dropToolErrors: true },
    );
    expect(r.skipped.map((s) => [s.skip_reason, s.provenance.pivot_assistant_index])).toEqual([["tool_error_response", 0]]);
    expect(r.candidates.map((c) => c.expected_action)).toEqual([{ type: "function_call", name: "weather", arguments: '{"city": "Oslo"}' }]);
  });
});
