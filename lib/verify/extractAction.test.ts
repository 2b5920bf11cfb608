import { describe, expect, it } from "vitest";
import { extractAction, InvalidVerifyRequestError, parseAction, VerifierServerError } from "./extractAction";

const reasoning = { type: "reasoning", id: "r1", summary: [{ type: "summary_text", text: "thinking" }] };
const refusal = { type: "message", id: "m0", role: "assistant", status: "completed", content: [{ type: "refusal", refusal: "no" }] };
const message = (id: string, ...texts: string[]) => ({
  type: "message",
  id,
  role: "assistant",
  status: "completed",
  content: texts.map((text) => ({ type: "output_text", annotations: [], text })),
});
const toolCall = (name: string, args: string) => ({ type: "function_call", call_id: `call_${name}`, name, arguments: args });
const respond = (...output: unknown[]) => ({ id: "resp", object: "response", output });

describe("extractAction (response_utils.extract_action)", () => {
  it("finds nothing in an empty output, reasoning only, or reasoning plus a refusal", () => {
    expect(extractAction(respond())).toBeNull();
    expect(extractAction(respond(reasoning))).toBeNull();
    expect(extractAction(respond(reasoning, refusal))).toBeNull();
  });

  it("takes the first output_text of a message", () => {
    expect(extractAction(respond(message("m1", "second", "first")))).toEqual({ type: "message", content: "second" });
  });

  it("takes the text of the first message that has any", () => {
    expect(extractAction(respond(message("m1", "one"), message("m2", "two")))).toEqual({ type: "message", content: "one" });
  });

  it("skips a refusal-only message so a later message supplies the text", () => {
    expect(extractAction(respond(refusal, message("m1", "after refusal")))).toEqual({ type: "message", content: "after refusal" });
  });

  it("counts an empty string as text", () => {
    expect(extractAction(respond(message("m1", ""), message("m2", "later")))).toEqual({ type: "message", content: "" });
  });

  it("ignores messages whose role is not assistant, like the user turns in tau2 rollouts", () => {
    const user = { type: "message", role: "user", content: "###TRANSFER###" };
    expect(extractAction(respond(user))).toBeNull();
    expect(extractAction(respond(user, message("m1", "reply")))).toEqual({ type: "message", content: "reply" });
  });

  it("reads only output_text parts; an untyped part with text defaults to output_text", () => {
    const inputText = { type: "message", role: "assistant", content: [{ type: "input_text", text: "echo" }] };
    expect(extractAction(respond(inputText, message("m1", "reply")))).toEqual({ type: "message", content: "reply" });
    const untyped = { type: "message", id: "m2", content: [{ annotations: [], text: "plain" }] };
    expect(extractAction(respond(untyped))).toEqual({ type: "message", content: "plain" });
  });

  it("crashes like Gym on an assistant message with string content, unless the string is empty", () => {
    const stringContent = (content: string) => ({ type: "message", role: "assistant", content });
    expect(() => extractAction(respond(stringContent("hello")))).toThrow(VerifierServerError);
    expect(extractAction(respond(stringContent(""), message("m1", "reply")))).toEqual({ type: "message", content: "reply" });
  });

  it("lets a tool call beat text in either order, keeping empty arguments verbatim", () => {
    const expected = { type: "function_call", name: "respond", arguments: "" };
    expect(extractAction(respond(toolCall("respond", "")))).toEqual(expected);
    expect(extractAction(respond(message("m1", "text"), toolCall("respond", "")))).toEqual(expected);
    expect(extractAction(respond(toolCall("respond", ""), message("m1", "text")))).toEqual(expected);
  });

  it("turns two or more calls into a batch in emission order, dropping extra fields", () => {
    expect(extractAction(respond(message("m1", "text"), toolCall("respond", ""), toolCall("lookup", '{"query": "alpha"}')))).toEqual({
      type: "function_call_batch",
      calls: [
        { type: "function_call", name: "respond", arguments: "" },
        { type: "function_call", name: "lookup", arguments: '{"query": "alpha"}' },
      ],
    });
  });

  it("accepts the output list directly", () => {
    expect(extractAction([toolCall("a", "{}")])).toEqual({ type: "function_call", name: "a", arguments: "{}" });
  });

  it("rejects output items Gym's response model would reject", () => {
    expect(() => extractAction(respond({ name: "a", arguments: "{}" }))).toThrow(InvalidVerifyRequestError);
    expect(() => extractAction(respond({ type: "function_call", name: "a", arguments: { x: 1 } }))).toThrow(InvalidVerifyRequestError);
  });
});

describe("parseAction (Gym's ExpectedAction union)", () => {
  it("keeps the three shapes and drops extra keys", () => {
    expect(parseAction({ type: "message", content: "hi", extra: 1 })).toEqual({ type: "message", content: "hi" });
    expect(parseAction({ type: "function_call", name: "f", arguments: "{}", call_id: "c1" })).toEqual({
      type: "function_call",
      name: "f",
      arguments: "{}",
    });
    expect(parseAction({ type: "function_call_batch", calls: [{ type: "function_call", name: "f", arguments: "{}" }] })).toEqual({
      type: "function_call_batch",
      calls: [{ type: "function_call", name: "f", arguments: "{}" }],
    });
  });

  it.each([
    ["a dict for arguments", { type: "function_call", name: "f", arguments: { a: 1 } }],
    ["a missing type", { name: "f", arguments: "{}" }],
    ["an unknown type", { type: "tool_call", name: "f", arguments: "{}" }],
    ["a non-string message", { type: "message", content: null }],
    ["an empty batch", { type: "function_call_batch", calls: [] }],
    ["an untyped call inside a batch", { type: "function_call_batch", calls: [{ name: "f", arguments: "{}" }] }],
    ["a non-object", "function_call"],
  ])("rejects %s", (_, value) => {
    expect(() => parseAction(value)).toThrow(InvalidVerifyRequestError);
  });
});
