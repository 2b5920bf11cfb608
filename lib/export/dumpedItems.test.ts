import { describe, expect, it } from "vitest";
import { dumpedItemRuns, requestWordCount } from "./dumpedItems";
import { jsonDumpsWordCount, spaceRuns } from "./jsonDumpsWords";

// Every `dumped` value below is what Gym's model printed: NeMoGymResponseCreateParamsNonStreaming(input=[item],
// tools=[]).model_dump(exclude_unset=True) (openai 2.7.2, pydantic 2.13), keys in the item's order.
const DUMPED: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ["an untyped message's one extra key is dropped", { role: "user", content: "hi there", id: "m 1" }, { content: "hi there", role: "user" }],
  [
    "two extra keys, one of them mcp_list_tools' id: the item is read as mcp_list_tools and keeps them all",
    { role: "user", content: "hi there", id: "m 1", status: "completed" },
    { role: "user", content: "hi there", id: "m 1", status: "completed" },
  ],
  [
    "two plain extra keys tie with the message, which comes first in the union",
    { role: "user", content: "hi there", status: "completed", note: "a b" },
    { content: "hi there", role: "user" },
  ],
  [
    "three plain extra keys outweigh it",
    { role: "user", content: "hi there", status: "completed", note: "a b", origin: "web ui" },
    { role: "user", content: "hi there", status: "completed", note: "a b", origin: "web ui" },
  ],
  [
    "a text part weighs in for the message",
    { role: "user", content: [{ type: "input_text", text: "hi there" }], id: "m 1", note: "a b" },
    { content: [{ type: "input_text", text: "hi there" }], role: "user" },
  ],
  [
    "with status, NeMoGymMessage (status defaulted, so it weighs 2) wins the tie and keeps it",
    { role: "user", content: [{ type: "input_text", text: "hi there" }], id: "m 1", status: "completed", note: "a b", error: null },
    { content: [{ type: "input_text", text: "hi there" }], role: "user", status: "completed" },
  ],
  [
    "an id mcp_list_tools refuses (not a string) leaves the message",
    { role: "user", content: "hi there", id: 7, status: "completed", note: "a b" },
    { content: "hi there", role: "user" },
  ],
  [
    "an untyped part of an output message is output_text, and loses its stray key",
    { type: "message", id: "m1", role: "assistant", status: "completed", content: [{ text: "Hi there", annotations: [], note: "x y" }] },
    { type: "message", id: "m1", role: "assistant", status: "completed", content: [{ text: "Hi there", annotations: [] }] },
  ],
  [
    "a typed message is never mcp_list_tools",
    { type: "message", role: "user", content: "hi there", id: "m 1", status: "completed" },
    { type: "message", role: "user", content: "hi there" },
  ],
];

describe("input items as Gym's model_dump leaves them", () => {
  it.each(DUMPED)("%s", (_name, item, dumped) => {
    expect(dumpedItemRuns(item)).toBe(spaceRuns(dumped));
  });

  it("counts a request's words as Gym does: 106, where the row as written has 120", () => {
    // Gym: len(json.dumps(model_dump(exclude_unset=True)).split()) for this request is 106.
    const request = {
      input: [
        { role: "user", content: "Book a table", id: "msg 1", status: "completed" },
        { type: "reasoning", id: "rs_1", status: "completed", summary: [{ type: "summary_text", text: "Need the date", note: "kept as is" }] },
        { type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: "for two", cache_control: { type: "ephemeral" } }] },
        { type: "message", role: "assistant", id: "msg_2", status: "completed", content: [{ type: "output_text", text: "Which day?", annotations: [], parsed: null }] },
        { type: "function_call", name: "book", arguments: '{"day": "Fri"}', call_id: "c1", id: "fc_1", status: "completed", index: 0 },
        { type: "function_call_output", call_id: "c1", output: [{ type: "input_text", text: "booked for Fri", source: "api" }], created_by: "tool runner" },
        { type: "web_search_call", id: "ws_1", status: "completed", action: { type: "search", query: "open tables" }, "extra note": "kept" },
      ],
      tools: [{ type: "function", name: "book", parameters: { type: "object" }, strict: false }],
      temperature: 0.2,
    };
    expect(jsonDumpsWordCount(request)).toBe(120);
    expect(requestWordCount(request)).toBe(106);
  });
});
