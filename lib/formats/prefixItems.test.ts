import { describe, expect, it } from "vitest";
import { fixtureRows } from "../testing/fixtures";
import { contentText, prettyArguments, toPrefixEntries } from "./prefixItems";

describe("toPrefixEntries", () => {
  it("attaches each function_call_output to the call with the same call_id", () => {
    const entries = toPrefixEntries([
      { role: "user", content: "hi" },
      { type: "function_call", name: "a", arguments: "{}", call_id: "c1" },
      { type: "function_call", name: "b", arguments: "{}", call_id: "c2" },
      { type: "function_call_output", call_id: "c2", output: "B" },
      { type: "function_call_output", call_id: "c1", output: "A" },
      { type: "function_call_output", call_id: "zz", output: "orphan" },
    ]);
    expect(entries.map((e) => e.kind)).toEqual(["message", "call", "call", "output"]);
    expect(entries[1]).toMatchObject({ name: "a", output: { text: "A", index: 4 } });
    expect(entries[2]).toMatchObject({ name: "b", output: { text: "B", index: 3 } });
    expect(entries[3]).toMatchObject({ kind: "output", text: "orphan", orphan: true });
  });

  it("renders every item of Gym's example by type", () => {
    const row = fixtureRows("single_step_example.jsonl")[3]!;
    const input = (row.responses_create_params as { input: unknown[] }).input;
    const entries = toPrefixEntries(input);
    const calls = input.filter((x) => (x as { type?: string }).type === "function_call").length;
    expect(entries.filter((e) => e.kind === "call")).toHaveLength(calls);
    // Every output found its call: none is left standing alone.
    expect(entries.filter((e) => e.kind === "output")).toHaveLength(0);
    expect(entries.some((e) => e.kind === "reasoning" && e.text.length > 0)).toBe(true);
    expect(entries.find((e) => e.kind === "message" && e.role === "assistant")).toBeDefined();
  });

  it("reads text from string content and from content parts", () => {
    expect(contentText("plain").text).toBe("plain");
    expect(contentText([{ type: "output_text", text: "a" }, { type: "refusal", refusal: "no" }, { type: "input_image", detail: "auto" }]).text).toBe(
      "a\n\nno\n\n[image, detail auto]",
    );
    expect(toPrefixEntries("just a prompt")).toEqual([{ kind: "message", index: 0, role: "user", text: "just a prompt", parts: [] }]);
  });

  it("pretty-prints JSON arguments and leaves invalid ones as written", () => {
    expect(prettyArguments('{"a":1}')).toMatchObject({ valid: true, text: '{\n  "a": 1\n}' });
    // Number tokens as written: the verifier tells 1 from 1.0, so the view does too.
    expect(prettyArguments('{"a":1.0,"b":12345678901234567890,"c":[-0.0,1e3]}').text).toBe('{\n  "a": 1.0,\n  "b": 12345678901234567890,\n  "c": [\n    -0.0,\n    1e3\n  ]\n}');
    expect(prettyArguments("first=one")).toMatchObject({ valid: false, text: "first=one" });
  });
});
