import { describe, expect, it } from "vitest";
import { AGENT_REF, assistantMsg, convertOne, expectValidRows, fc, fco, msg, provenance, reasoning } from "./testKit";

const SEARCH = { name: "search", description: "Web search.", input_schema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } };

/** Anthropic Messages: thinking + text + tool_use in one turn, tool_result blocks, an error result, an unknown tool. */
const ANTHROPIC_ROW = {
  system: "Be brief.",
  tools: [SEARCH],
  messages: [
    { role: "user", content: "Find facts about cats" },
    {
      role: "assistant",
      content: [
        { type: "thinking", thinking: "A search will do.", signature: "sig" },
        { type: "text", text: "Searching." },
        { type: "tool_use", id: "tu1", name: "search", input: { q: "cats" } },
      ],
    },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "tu1", content: [{ type: "text", text: "Cats sleep 16h." }] }] },
    { role: "assistant", content: [{ type: "tool_use", id: "tu2", name: "fetch_page", input: { url: "https://x" } }] },
    {
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "tu2", content: "404", is_error: true },
        { type: "text", text: "Just summarize." },
      ],
    },
    { role: "assistant", content: [{ type: "text", text: "Cats sleep about 16 hours a day." }] },
  ],
};

const TOOLS_FLAT = [{ type: "function", name: "search", description: "Web search.", parameters: SEARCH.input_schema, strict: true }];
const shared = { source_format: "anthropic" as const, trajectory_num_messages: 6, trajectory_num_assistant_actions: 3 };
const PREFIX_0 = [msg("system", "Be brief."), msg("user", "Find facts about cats")];
const PREFIX_1 = [...PREFIX_0, reasoning("rs_1", "A search will do."), assistantMsg("msg_1", "Searching."), fc("tu1", "search", '{"q": "cats"}'), fco("tu1", "Cats sleep 16h.")];
// A user message of tool results is tool output; its trailing text is the next user turn.
const PREFIX_2 = [...PREFIX_1, fc("tu2", "fetch_page", '{"url": "https://x"}'), fco("tu2", "404"), msg("user", "Just summarize.")];
const params = (input: unknown[]) => ({ input, tools: TOOLS_FLAT, tool_choice: "auto", parallel_tool_calls: false });

describe("anthropic", () => {
  it("maps thinking, text and tool_use blocks to reasoning, message and call items", async () => {
    const r = await convertOne(ANTHROPIC_ROW);
    expect(r.format).toBe("anthropic");
    expect(r.candidates).toEqual([
      {
        responses_create_params: params(PREFIX_0),
        expected_action: { type: "function_call", name: "search", arguments: '{"q": "cats"}' },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 0, pivot_message_index: 1, turn: 1, pivot_has_reasoning: true }),
      },
      {
        responses_create_params: params(PREFIX_2),
        expected_action: { type: "message", content: "Cats sleep about 16 hours a day." },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 2, pivot_message_index: 5, turn: 2, depth: 2 }),
      },
    ]);
    expect(r.skipped).toEqual([
      {
        skip_reason: "missing_tool_schema",
        skip_detail: "fetch_page not among the row's tools",
        responses_create_params: params(PREFIX_1),
        expected_action: { type: "function_call", name: "fetch_page", arguments: '{"url": "https://x"}' },
        agent_ref: AGENT_REF,
        provenance: provenance({ ...shared, pivot_assistant_index: 1, pivot_message_index: 3, turn: 1, step: 1, depth: 1 }),
      },
    ]);
    expectValidRows(r.candidates);
  });

  it("reads the tool_result error flag", async () => {
    const withSearchOnly = { ...ANTHROPIC_ROW, tools: [SEARCH, { name: "fetch_page", input_schema: { type: "object" } }] };
    const r = await convertOne(withSearchOnly, { dropToolErrors: true });
    expect(r.skipped.map((s) => [s.skip_reason, s.expected_action])).toEqual([
      ["tool_error_response", { type: "function_call", name: "fetch_page", arguments: '{"url": "https://x"}' }],
    ]);
  });
});

describe("Anthropic server tools and typed tools", () => {
  const weather = { type: "custom", name: "weather", input_schema: { type: "object", properties: { city: { type: "string" } } } };
  const base = {
    tools: [weather, { type: "web_search_20250305", name: "web_search", max_uses: 3 }, { type: "bash_20250124", name: "bash" }, { type: "mystery_tool" }, { type: "x_tool", name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } }],
    messages: [
      { role: "user", content: "news?" },
      {
        role: "assistant",
        content: [
          { type: "server_tool_use", id: "srv1", name: "web_search", input: { query: "news" } },
          { type: "web_search_tool_result", tool_use_id: "srv1", content: [{ type: "web_search_result", url: "https://n", title: "N" }] },
          { type: "text", text: "Here is the news." },
        ],
      },
      { role: "user", content: "thanks, weather in Oslo?" },
      { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "weather", input: { city: "Oslo" } }] },
    ],
  };

  it("a web search is the Responses web_search_call it corresponds to; tools become Responses tools", async () => {
    const r = await convertOne(base);
    expect(r.skipped.map((s) => [s.skip_reason, s.skip_detail])).toEqual([["unsupported_action", "an Anthropic web search (a server tool) is not a function call"]]);
    expect(r.candidates).toHaveLength(1);
    const params = r.candidates[0]!.responses_create_params;
    expect(params.input).toEqual([
      msg("user", "news?"),
      { type: "web_search_call", id: "srv1", status: "completed", action: { type: "search", query: "news" } },
      assistantMsg("msg_1", "Here is the news."),
      msg("user", "thanks, weather in Oslo?"),
    ]);
    // `custom` with an input_schema is an Anthropic client tool (a function); a built-in's schema is the provider's
    // (any object, not strict); a typed tool with a schema is a function; one with neither name nor schema is dropped.
    expect(params.tools).toEqual([
      { type: "function", name: "weather", parameters: weather.input_schema, strict: true },
      { type: "web_search" },
      { type: "function", name: "bash", parameters: { type: "object" }, strict: false },
      { type: "function", name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } }, strict: true },
    ]);
    expect(r.candidates[0]!.expected_action).toEqual({ type: "function_call", name: "weather", arguments: '{"city": "Oslo"}' });
    expectValidRows(r.candidates);
  });

  it("a block Gym cannot carry (code execution) makes every later candidate unsupported, not an invalid row", async () => {
    const row = {
      ...base,
      messages: [
        { role: "user", content: "compute 2+2, then the weather in Oslo" },
        {
          role: "assistant",
          content: [
            { type: "server_tool_use", id: "srv2", name: "code_execution", input: { code: "print(2+2)" } },
            { type: "code_execution_tool_result", tool_use_id: "srv2", content: { stdout: "4" } },
          ],
        },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "weather", input: { city: "Oslo" } }] },
      ],
    };
    const r = await convertOne(row);
    expect(r.candidates).toEqual([]);
    expect(r.skipped.map((s) => [s.skip_reason, s.skip_detail])).toEqual([
      ["unsupported_action", "an Anthropic server_tool_use block is not a function call"],
      ["unsupported_action", "the context before it holds a server_tool_use item, which a Gym request cannot carry"],
    ]);
  });
});
