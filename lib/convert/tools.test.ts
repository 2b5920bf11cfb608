import { describe, expect, it } from "vitest";
import { convertOne } from "./testKit";
import { parseToolsFile, toPivotTool } from "./tools";

const PARAMS = { type: "object", properties: { q: { type: "string", default: null } } };

describe("toPivotTool", () => {
  it.each([
    ["chat", { type: "function", function: { name: "f", description: "d", parameters: PARAMS } }, { type: "function", name: "f", description: "d", parameters: PARAMS, strict: true }],
    ["flat, strict kept", { type: "function", name: "f", parameters: PARAMS, strict: false }, { type: "function", name: "f", parameters: PARAMS, strict: false }],
    ["legacy functions entry", { name: "f", parameters: PARAMS }, { type: "function", name: "f", parameters: PARAMS, strict: true }],
    ["anthropic", { name: "f", description: "d", input_schema: PARAMS }, { type: "function", name: "f", description: "d", parameters: PARAMS, strict: true }],
    ["no parameters", { type: "function", function: { name: "f", parameters: null } }, { type: "function", name: "f", parameters: { type: "object", properties: {} }, strict: true }],
    ["hosted", { type: "web_search" }, { type: "web_search" }],
    ["nameless", { type: "function", function: {} }, null],
    ["not an object", "get_weather", null],
  ])("%s", (_label, tool, expected) => {
    expect(toPivotTool(tool)).toEqual(expected);
  });
});

describe("tools by meaning", () => {
  it("reads a JSON-string tools field (Hermes datasets store it so)", async () => {
    const r = await convertOne({
      tools: JSON.stringify([{ name: "f", parameters: PARAMS }]),
      messages: [{ role: "user", content: "go" }, { role: "assistant", tool_calls: [{ id: "1", function: { name: "f", arguments: "{}" } }] }],
    });
    expect(r.candidates[0]!.responses_create_params.tools).toEqual([{ type: "function", name: "f", parameters: PARAMS, strict: true }]);
  });
});

describe("parseToolsFile", () => {
  it("takes a list or an object with a tools list, and says what is wrong otherwise", () => {
    expect(parseToolsFile('{"tools": [{"name": "f"}]}')).toEqual([{ type: "function", name: "f", parameters: { type: "object", properties: {} }, strict: true }]);
    expect(() => parseToolsFile("{")).toThrow(/not JSON/);
    expect(() => parseToolsFile('{"a": 1}')).toThrow(/JSON list of tool schemas/);
    expect(() => parseToolsFile("[1, 2]")).toThrow(/no usable tool schema/);
  });
});
