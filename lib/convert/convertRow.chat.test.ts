import { describe, expect, it } from "vitest";
import { AGENT_REF, assistantMsg, convertOne, expectValidRows, fc, fco, msg, provenance, reasoning } from "./testKit";

const TOOLS_CHAT = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Current weather.",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    },
  },
  { type: "function", function: { name: "get_forecast", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } } } },
];
const TOOLS_FLAT = [
  {
    type: "function",
    name: "get_weather",
    description: "Current weather.",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    strict: true,
  },
  { type: "function", name: "get_forecast", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } }, strict: true },
];

/**
 * An OpenAI chat trajectory: a two-call turn (string and object arguments) with reasoning_content, a call
 * whose output never comes, a legacy function_call to a tool not in `tools` answered by a `function`
 * message, and a closing text turn.
 */
const CHAT_ROW = {
  id: "traj-7",
  metadata: { reward: 1, task_id: "weather-1" },
  tools: TOOLS_CHAT,
  messages: [
    { role: "system", content: "You are helpful." },
    { role: "user", content: [{ type: "text", text: "Weather in Paris and Rome?" }] },
    {
      role: "assistant",
      content: null,
      reasoning_content: "Need both cities.",
      tool_calls: [
        { id: "c1", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } },
        { id: "c2", type: "function", function: { name: "get_weather", arguments: { city: "Rome" } } },
      ],
    },
    { role: "tool", tool_call_id: "c1", content: "18C" },
    { role: "tool", tool_call_id: "c2", content: "24C" },
    {
      role: "assistant",
      content: "Checking the forecast too.",
      tool_calls: [{ id: "c3", type: "function", function: { name: "get_forecast", arguments: { city: "Paris", days: 2 } } }],
    },
    { role: "user", content: "Thanks! Book a taxi." },
    { role: "assistant", content: null, function_call: { name: "book_taxi", arguments: '{"to": "airport"}' } },
    { role: "function", name: "book_taxi", content: "booked" },
    { role: "assistant", content: "Done: Paris 18C, Rome 24C, taxi booked." },
  ],
};

const shared = {
  source_format: "openai_chat" as const,
  trajectory_id: "traj-7",
  task_id: "weather-1",
  source_reward: 1,
  trajectory_num_messages: 10,
  trajectory_num_assistant_actions: 4,
};
const PREFIX_A = [msg("system", "You are helpful."), msg("user", "Weather in Paris and Rome?")];
const PREFIX_B = [
  ...PREFIX_A,
  reasoning("rs_2", "Need both cities."),
  fc("c1", "get_weather", '{"city": "Paris"}'),
  fc("c2", "get_weather", '{"city": "Rome"}'),
  fco("c1", "18C"),
  fco("c2", "24C"),
];
// c3 has no output: the prefix keeps the call as the source has it.
const PREFIX_C = [...PREFIX_B, assistantMsg("msg_5", "Checking the forecast too."), fc("c3", "get_forecast", '{"city": "Paris", "days": 2}'), msg("user", "Thanks! Book a taxi.")];
const PREFIX_D = [...PREFIX_C, fc("call_7", "book_taxi", '{"to": "airport"}'), fco("call_7", "booked")];
const BATCH_A = {
  type: "function_call_batch",
  calls: [
    { type: "function_call", name: "get_weather", arguments: '{"city": "Paris"}' },
    { type: "function_call", name: "get_weather", arguments: '{"city": "Rome"}' },
  ],
};

describe("openai_chat", () => {
  it("turns each assistant message into one candidate, with the exact prefix before it", async () => {
    const r = await convertOne(CHAT_ROW);
    expect(r.format).toBe("openai_chat");
    const params = (input: unknown[]) => ({ input, tools: TOOLS_FLAT, tool_choice: "auto", parallel_tool_calls: false });
    expect(r.candidates).toEqual([
      {
        responses_create_params: params(PREFIX_B),
        // Object arguments are written as Python's json.dumps does.
        expected_action: { type: "function_call", name: "get_forecast", arguments: '{"city": "Paris", "days": 2}' },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 1, pivot_message_index: 5, turn: 1, step: 1, depth: 1 }),
      },
      {
        responses_create_params: params(PREFIX_D),
        expected_action: { type: "message", content: "Done: Paris 18C, Rome 24C, taxi booked." },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 3, pivot_message_index: 9, turn: 2, step: 1, depth: 3 }),
      },
    ]);
    expect(r.skipped).toEqual([
      {
        skip_reason: "multi_tool_call",
        skip_detail: "2 calls in one turn: get_weather, get_weather",
        responses_create_params: params(PREFIX_A),
        expected_action: BATCH_A,
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 0, pivot_message_index: 2, turn: 1, pivot_has_reasoning: true }),
      },
      {
        skip_reason: "missing_tool_schema",
        skip_detail: "book_taxi not among the row's tools",
        responses_create_params: params(PREFIX_C),
        expected_action: { type: "function_call", name: "book_taxi", arguments: '{"to": "airport"}' },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 2, pivot_message_index: 7, turn: 2, depth: 2 }),
      },
    ]);
    expectValidRows(r.candidates);
  });

  it("makes the multi-call turn a function_call_batch when batches are on", async () => {
    const r = await convertOne(CHAT_ROW, { batch: true });
    expect(r.candidates.map((c) => c.expected_action)).toEqual([
      BATCH_A,
      { type: "function_call", name: "get_forecast", arguments: '{"city": "Paris", "days": 2}' },
      { type: "message", content: "Done: Paris 18C, Rome 24C, taxi booked." },
    ]);
    expect(r.candidates.every((c) => c.responses_create_params.parallel_tool_calls)).toBe(true);
    expect(r.skipped.map((s) => s.skip_reason)).toEqual(["missing_tool_schema"]);
    expectValidRows(r.candidates);
  });

  it("drops earlier reasoning from prefixes when reasoning is not kept", async () => {
    const r = await convertOne(CHAT_ROW, { keepReasoning: false });
    expect(r.candidates[0]!.responses_create_params.input).toEqual(PREFIX_B.filter((i) => i.type !== "reasoning"));
  });

  it("splits <think> off the content; a tool call written into the text is unsupported in a chat, a call in Hermes", async () => {
    const row = {
      tools: TOOLS_CHAT,
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: "<think>Greet back.</think>Hello!" },
        { role: "user", content: "weather in Oslo?" },
        { role: "assistant", content: '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>' },
      ],
    };
    const r = await convertOne(row, { format: "openai_chat" });
    expect(r.candidates.map((c) => c.expected_action)).toEqual([{ type: "message", content: "Hello!" }]);
    expect(r.candidates[0]!.provenance.pivot_has_reasoning).toBe(true);
    expect(r.skipped.map((s) => [s.skip_reason, s.skip_detail])).toEqual([
      ["unsupported_action", "a tool call written into the text (try --format sharegpt for Hermes tags)"],
    ]);
    // Detected (no tool_calls anywhere, tags in assistant text), the row is Hermes and its tag is a call.
    const hermes = await convertOne(row);
    expect(hermes.format).toBe("sharegpt");
    expect(hermes.candidates.map((c) => c.expected_action)).toEqual([
      { type: "message", content: "Hello!" },
      { type: "function_call", name: "get_weather", arguments: '{"city": "Oslo"}' },
    ]);
  });
});
