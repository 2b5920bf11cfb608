import { describe, expect, it } from "vitest";
import { stripNulls } from "./content";

describe("stripNulls", () => {
  it("keeps a value that holds no null as it is", () => {
    const item = { type: "function_call", call_id: "c", arguments: "{}", summary: [{ text: "x" }, null] };
    expect(stripNulls(item)).toBe(item);
  });

  it("drops null members at any depth, in a copy", () => {
    const item = { type: "reasoning", id: null, summary: [{ type: "summary_text", text: "x", extra: null }], encrypted_content: null };
    const stripped = stripNulls(item);
    expect(JSON.stringify(stripped)).toBe('{"type":"reasoning","summary":[{"type":"summary_text","text":"x"}]}');
    expect(item.id).toBeNull();
  });

  it("drops an own __proto__ key as a copy always did", () => {
    const item = JSON.parse('{"type":"message","__proto__":{"x":1},"content":"hi"}') as object;
    expect(JSON.stringify(stripNulls(item))).toBe('{"type":"message","content":"hi"}');
  });
});
