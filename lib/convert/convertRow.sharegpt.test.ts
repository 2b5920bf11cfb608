import { describe, expect, it } from "vitest";
import { AGENT_REF, assistantMsg, convertOne, expectValidRows, fc, fco, msg, provenance } from "./testKit";

const TOOLS_DECL = '[{"type": "function", "function": {"name": "get_stock", "description": "Price.", "parameters": {"type": "object", "properties": {"symbol": {"type": "string"}}}}}]';
const SYSTEM = `You are a function calling AI. <tools> ${TOOLS_DECL} </tools>`;

/**
 * A Hermes / ShareGPT conversation: tools declared in the system prompt, two `<tool_call>` tags in one turn
 * answered by two `<tool_response>` tags, a LLaMA-Factory `function_call` / `observation` pair, and a tag
 * whose body is not JSON.
 */
const SHAREGPT_ROW = {
  conversations: [
    { from: "system", value: SYSTEM },
    { from: "human", value: "Price of NVDA and AMD?" },
    {
      from: "gpt",
      value: '<tool_call>\n{"name": "get_stock", "arguments": {"symbol": "NVDA"}}\n</tool_call>\n<tool_call>\n{"name": "get_stock", "arguments": {"symbol": "AMD"}}\n</tool_call>',
    },
    { from: "tool", value: '<tool_response>\n{"price": 100}\n</tool_response>\n<tool_response>\n{"price": 50}\n</tool_response>' },
    { from: "gpt", value: "NVDA is 100, AMD is 50." },
    { from: "human", value: "And INTC?" },
    { from: "function_call", value: '{"name": "get_stock", "arguments": {"symbol": "INTC"}}' },
    { from: "observation", value: '{"price": 20}' },
    { from: "gpt", value: "<tool_call>\n{not json}\n</tool_call>" },
  ],
};

const TOOLS_FLAT = [
  { type: "function", name: "get_stock", description: "Price.", parameters: { type: "object", properties: { symbol: { type: "string" } } }, strict: true },
];
const shared = { source_format: "sharegpt" as const, trajectory_num_messages: 9, trajectory_num_assistant_actions: 4 };
const PREFIX_0 = [msg("system", SYSTEM), msg("user", "Price of NVDA and AMD?")];
// No call ids in the source: calls get stable ids from their message index; responses answer them in order.
const PREFIX_1 = [
  ...PREFIX_0,
  fc("call_2", "get_stock", '{"symbol": "NVDA"}'),
  fc("call_2_2", "get_stock", '{"symbol": "AMD"}'),
  fco("call_2", '{"price": 100}'),
  fco("call_2_2", '{"price": 50}'),
];
const PREFIX_2 = [...PREFIX_1, assistantMsg("msg_4", "NVDA is 100, AMD is 50."), msg("user", "And INTC?")];
const PREFIX_3 = [...PREFIX_2, fc("call_6", "get_stock", '{"symbol": "INTC"}'), fco("call_6", '{"price": 20}')];
const params = (input: unknown[]) => ({ input, tools: TOOLS_FLAT, tool_choice: "auto", parallel_tool_calls: false });

describe("sharegpt", () => {
  it("parses Hermes tags and function_call / observation turns", async () => {
    const r = await convertOne(SHAREGPT_ROW);
    expect(r.format).toBe("sharegpt");
    expect(r.candidates).toEqual([
      {
        responses_create_params: params(PREFIX_1),
        expected_action: { type: "message", content: "NVDA is 100, AMD is 50." },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 1, pivot_message_index: 4, turn: 1, step: 1, depth: 1 }),
      },
      {
        responses_create_params: params(PREFIX_2),
        expected_action: { type: "function_call", name: "get_stock", arguments: '{"symbol": "INTC"}' },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 2, pivot_message_index: 6, turn: 2, depth: 2 }),
      },
    ]);
    expect(r.skipped.map((s) => ({ reason: s.skip_reason, detail: s.skip_detail, input: s.responses_create_params.input, action: s.expected_action, items: s.action_items }))).toEqual([
      {
        reason: "multi_tool_call",
        detail: "2 calls in one turn: get_stock, get_stock",
        input: PREFIX_0,
        action: {
          type: "function_call_batch",
          calls: [
            { type: "function_call", name: "get_stock", arguments: '{"symbol": "NVDA"}' },
            { type: "function_call", name: "get_stock", arguments: '{"symbol": "AMD"}' },
          ],
        },
        items: undefined,
      },
      {
        reason: "unsupported_action",
        detail: "a <tool_call> tag whose body is not a call (JSON or a Python literal with a name)",
        input: PREFIX_3,
        action: undefined,
        items: [assistantMsg("msg_8", "<tool_call>\n{not json}\n</tool_call>")],
      },
    ]);
    expectValidRows(r.candidates);
  });
});

describe("hermes-function-calling rows written with Python's repr", () => {
  // As NousResearch's hermes-function-calling data writes them: the <tools> list and each <tool_call> are
  // Python literals (single quotes, True/None), not JSON; the response is JSON.
  const PY_TOOLS = "[{'type': 'function', 'function': {'name': 'get_stock', 'description': 'Price.', 'parameters': {'type': 'object', 'properties': {'symbol': {'type': 'string'}, 'exact': {'type': 'boolean', 'default': None}}}}}]";
  const row = {
    conversations: [
      { from: "system", value: `You are a function calling AI model. <tools>\n${PY_TOOLS}\n</tools>` },
      { from: "human", value: "TSLA price?" },
      { from: "gpt", value: "<tool_call>\n{'arguments': {'symbol': 'TSLA', 'exact': True, 'round': 1.0}, 'name': 'get_stock'}\n</tool_call>\n" },
      { from: "tool", value: '<tool_response>\n{"price": 250}\n</tool_response>' },
      { from: "gpt", value: "TSLA is at $250." },
    ],
  };

  it("reads the calls and the tool list, keeping 1.0 a float in the arguments as Python's json.dumps would", async () => {
    const r = await convertOne(row);
    expect(r.skipped).toEqual([]);
    const tools = [
      {
        type: "function",
        name: "get_stock",
        description: "Price.",
        parameters: { type: "object", properties: { symbol: { type: "string" }, exact: { type: "boolean", default: null } } },
        strict: true,
      },
    ];
    const prefix = [msg("system", row.conversations[0]!.value), msg("user", "TSLA price?")];
    expect(r.candidates.map((c) => [c.responses_create_params.input, c.responses_create_params.tools, c.expected_action])).toEqual([
      [prefix, tools, { type: "function_call", name: "get_stock", arguments: '{"symbol": "TSLA", "exact": true, "round": 1.0}' }],
      [[...prefix, fc("call_2", "get_stock", '{"symbol": "TSLA", "exact": true, "round": 1.0}'), fco("call_2", '{"price": 250}')], tools, { type: "message", content: "TSLA is at $250." }],
    ]);
    expectValidRows(r.candidates);
  });
});
