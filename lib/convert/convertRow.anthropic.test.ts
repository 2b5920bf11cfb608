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
