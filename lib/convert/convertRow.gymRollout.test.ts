import { describe, expect, it } from "vitest";
import { AGENT_REF, convertOne, expectValidRows, fc, fco, msg, provenance } from "./testKit";

const LOOKUP = {
  type: "function",
  name: "lookup_order",
  description: "Find an order.",
  parameters: { type: "object", properties: { id: { type: "integer" } }, required: ["id"], additionalProperties: false },
  strict: true,
};

/**
 * A Gym rollout as `gym eval run` writes it: model_dump nulls, reasoning written *after* the call it
 * explains, a simulated user inside `response.output`, and a parallel two-call turn.
 */
const ROLLOUT = {
  responses_create_params: {
    input: [
      { role: "system", content: "Be exact." },
      { type: "message", role: "user", content: [{ type: "input_text", text: "Look up order 7" }] },
    ],
    tools: [LOOKUP],
    tool_choice: null,
    parallel_tool_calls: true,
    metadata: null,
    temperature: 1.0,
  },
  response: {
    id: "resp_1",
    output: [
      { type: "function_call", name: "lookup_order", arguments: '{"id": 7}', call_id: "fc1", id: "fc_a", status: "completed" },
      { type: "reasoning", id: "rs_a", summary: [{ type: "summary_text", text: "Look it up first." }], encrypted_content: null },
      { type: "function_call_output", call_id: "fc1", output: "shipped", id: null, status: null },
      { type: "message", role: "user", content: "And order 8?" },
      { type: "reasoning", id: "rs_b", summary: [{ type: "summary_text", text: "Two lookups at once." }] },
      { type: "function_call", name: "lookup_order", arguments: '{"id": 8}', call_id: "fc2" },
      { type: "function_call", name: "lookup_order", arguments: '{"id": 8, "verbose": true}', call_id: "fc3" },
      { type: "function_call_output", call_id: "fc2", output: "pending" },
      { type: "function_call_output", call_id: "fc3", output: "pending (verbose)" },
      {
        type: "message",
        role: "assistant",
        id: "msg_z",
        status: "completed",
        content: [{ type: "output_text", text: "Order 7 shipped; 8 pending.", annotations: [], logprobs: null }],
      },
    ],
  },
  reward: 1.0,
  _ng_task_index: 4,
  _ng_rollout_index: 2,
};

const RS_A = { type: "reasoning", id: "rs_a", summary: [{ type: "summary_text", text: "Look it up first." }] };
const RS_B = { type: "reasoning", id: "rs_b", summary: [{ type: "summary_text", text: "Two lookups at once." }] };
// The rollout's own items are the context as written (spec §7.4: the prefix is input + output[:k]): the user's
// input_text parts stay parts.
const PREFIX_0 = [msg("system", "Be exact."), msg("user", [{ type: "input_text", text: "Look up order 7" }])];
// The reasoning that followed fc1 in the rollout precedes it when replayed, as Gym's pivot inputs order them.
const PREFIX_1 = [...PREFIX_0, RS_A, fc("fc1", "lookup_order", '{"id": 7}', "fc_a"), fco("fc1", "shipped"), msg("user", "And order 8?")];
const PREFIX_2 = [...PREFIX_1, RS_B, fc("fc2", "lookup_order", '{"id": 8}'), fc("fc3", "lookup_order", '{"id": 8, "verbose": true}'), fco("fc2", "pending"), fco("fc3", "pending (verbose)")];
const shared = { source_format: "gym_rollout" as const, task_index: 4, rollout_index: 2, source_reward: 1, trajectory_num_messages: 12, trajectory_num_assistant_actions: 3 };
const params = (input: unknown[]) => ({ input, tools: [LOOKUP], tool_choice: "auto", parallel_tool_calls: false });

describe("gym_rollout", () => {
  it("reads input + output as one trajectory; each model turn is one candidate", async () => {
    const r = await convertOne(ROLLOUT);
    expect(r.candidates).toEqual([
      {
        responses_create_params: params(PREFIX_0),
        expected_action: { type: "function_call", name: "lookup_order", arguments: '{"id": 7}' },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 0, pivot_message_index: 2, turn: 1, pivot_has_reasoning: true }),
      },
      {
        responses_create_params: params(PREFIX_2),
        expected_action: { type: "message", content: "Order 7 shipped; 8 pending." },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 2, pivot_message_index: 11, turn: 2, step: 1, depth: 2 }),
      },
    ]);
    expect(r.skipped).toEqual([
      {
        skip_reason: "multi_tool_call",
        skip_detail: "2 calls in one turn: lookup_order, lookup_order",
        responses_create_params: params(PREFIX_1),
        expected_action: {
          type: "function_call_batch",
          calls: [
            { type: "function_call", name: "lookup_order", arguments: '{"id": 8}' },
            { type: "function_call", name: "lookup_order", arguments: '{"id": 8, "verbose": true}' },
          ],
        },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 1, pivot_message_index: 6, turn: 2, depth: 1, pivot_has_reasoning: true }),
      },
    ]);
    expectValidRows(r.candidates);
  });

  it("keeps no null anywhere in the rows it writes", async () => {
    const r = await convertOne(ROLLOUT, { batch: true });
    for (const c of r.candidates) expect(JSON.stringify(c)).not.toContain("null");
  });

  it("leaves reasoning out of prefixes when asked", async () => {
    const r = await convertOne(ROLLOUT, { keepReasoning: false });
    expect(r.candidates[1]!.responses_create_params.input).toEqual(PREFIX_2.filter((i) => i.type !== "reasoning"));
  });

  it("skips a turn with only reasoning, and a hosted tool call as unsupported", async () => {
    const r = await convertOne({
      responses_create_params: { input: [{ role: "user", content: "search the web" }], tools: [LOOKUP] },
      response: {
        output: [
          { type: "web_search_call", id: "ws_1", status: "completed" },
          { type: "message", role: "user", content: "well?" },
          { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "thinking…" }] },
        ],
      },
    });
    expect(r.candidates).toEqual([]);
    expect(r.skipped.map((s) => [s.skip_reason, s.skip_detail, s.action_items])).toEqual([
      ["unsupported_action", "a web_search_call item is not a function call", [{ type: "web_search_call", id: "ws_1", status: "completed" }]],
      ["no_expected_action", "the turn holds only reasoning", [{ type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "thinking…" }] }]],
    ]);
  });
});

describe("assistant messages written loosely in a rollout", () => {
  it("are replayed as Gym's input accepts them: annotations on output_text, text parts as output_text, no content as empty text", async () => {
    const row = {
      responses_create_params: {
        input: [
          { role: "user", content: "hi" },
          { type: "message", role: "assistant", content: [{ type: "output_text", text: "hello" }] },
          { role: "user", content: "bye" },
        ],
      },
      response: {
        output: [
          { type: "message", role: "assistant", content: [{ type: "text", text: "bye!" }] },
          { type: "message", role: "user", content: "x" },
          { type: "message", role: "assistant", content: null },
          { type: "message", role: "user", content: "y" },
          { type: "message", role: "assistant", content: "ok" },
        ],
      },
    };
    const r = await convertOne(row);
    const last = [...r.candidates, ...r.skipped].find((c) => c.provenance.pivot_assistant_index === 3)!;
    expect(last.expected_action).toEqual({ type: "message", content: "ok" });
    expect(last.responses_create_params.input).toEqual([
      msg("user", "hi"),
      { type: "message", role: "assistant", id: "msg_1", content: [{ type: "output_text", text: "hello", annotations: [] }] },
      msg("user", "bye"),
      { type: "message", role: "assistant", id: "msg_3", content: [{ type: "output_text", text: "bye!", annotations: [] }] },
      msg("user", "x"),
      { type: "message", role: "assistant", content: "" },
      msg("user", "y"),
    ]);
    expectValidRows(r.candidates);
  });
});
