import { describe, expect, it } from "vitest";
import { fixtureRows } from "../testing/fixtures";
import { detectRowFormat } from "./detectFormat";
import { findMessageList, findReward, findTaskId, findTrajectoryId } from "./findByMeaning";
import { convertOne } from "./testKit";

describe("detectRowFormat", () => {
  it.each([
    ["gym_rollout", { responses_create_params: { input: [] }, response: { output: [] } }],
    ["gym_rollout", { traj: [{ type: "function_call", name: "f", arguments: "{}", call_id: "c" }] }],
    ["openai_chat", { messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] }],
    ["openai_chat", { history: [{ role: "assistant", tool_calls: [{ id: "1", function: { name: "f", arguments: "{}" } }] }] }],
    ["tau2", { result: { messages: [{ role: "assistant", tool_calls: [{ id: "1", name: "f", arguments: {} }] }] } }],
    ["anthropic", { messages: [{ role: "assistant", content: [{ type: "tool_use", id: "t", name: "f", input: {} }] }] }],
    ["sharegpt", { conversations: [{ from: "human", value: "hi" }] }],
    ["openai_chat", [{ role: "user", content: "a bare list of messages" }]],
    // Hermes written as role / content: calls only as tags in assistant text.
    ["sharegpt", { messages: [{ role: "user", content: "go" }, { role: "assistant", content: '<tool_call>\n{"name": "f", "arguments": {}}\n</tool_call>' }] }],
    // A chat that mentions the tag but calls with tool_calls stays chat.
    ["openai_chat", { messages: [{ role: "assistant", content: "I use <tool_call> tags" }, { role: "assistant", tool_calls: [{ id: "1", function: { name: "f", arguments: "{}" } }] }] }],
  ])("%s: %j", (format, row) => {
    expect(detectRowFormat(row)).toBe(format);
  });

  it("a Hermes list written as role / content converts its tagged calls and their tagged responses", async () => {
    const tools = '<tools>[{"type":"function","function":{"name":"get","parameters":{"type":"object","properties":{}}}}]</tools>';
    const r = await convertOne({
      messages: [
        { role: "system", content: tools },
        { role: "user", content: "go" },
        { role: "assistant", content: '<tool_call>\n{"name": "get", "arguments": {}}\n</tool_call>' },
        { role: "tool", content: "<tool_response>\n42\n</tool_response>" },
        { role: "assistant", content: "42" },
      ],
    });
    expect(r.skipped).toEqual([]);
    expect(r.candidates.map((c) => c.expected_action)).toEqual([
      { type: "function_call", name: "get", arguments: "{}" },
      { type: "message", content: "42" },
    ]);
    // The message pivot's prefix pairs the call with its output.
    expect(r.candidates[1]!.responses_create_params.input.slice(2)).toEqual([
      { type: "function_call", call_id: "call_2", name: "get", arguments: "{}", status: "completed" },
      { type: "function_call_output", call_id: "call_2", output: "42" },
    ]);
  });

  it("finds no trajectory in a pivot row or a scalar", async () => {
    expect(detectRowFormat({ responses_create_params: { input: [] }, expected_action: { type: "message", content: "x" } })).toBeNull();
    expect(detectRowFormat("text")).toBeNull();
    expect((await convertOne({ responses_create_params: {}, expected_action: {} })).error).toMatch(/already a pivot row/);
    expect((await convertOne({ foo: 1 })).error).toMatch(/no trajectory found/);
    expect((await convertOne(3)).error).toBe("the row is a number, not a trajectory");
    expect((await convertOne({ messages: "not a list" })).error).toBe('"messages" is a string, not a list of messages');
  });

  it("a pivot row read as a Gym rollout: says the output is missing, not the input", async () => {
    const pivot = { responses_create_params: { input: [{ role: "user", content: "hi" }] }, expected_action: { type: "message", content: "x" } };
    expect((await convertOne(pivot, { format: "gym_rollout" })).error).toBe(
      "no response.output: responses_create_params.input is only the prompt; a Gym rollout also has the model's output items",
    );
  });

  it("names an empty message list as such, detected or with the format forced", async () => {
    expect((await convertOne({ messages: [] })).error).toBe('"messages" is an empty list: no messages to convert');
    expect((await convertOne({ conversations: [] }, { format: "sharegpt" })).error).toBe('"conversations" is an empty list: no messages to convert');
    // A list elsewhere in the row is still read: the empty one is not the whole story.
    expect((await convertOne({ messages: [], history: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }] })).error).toBeUndefined();
  });
});

describe("find by meaning", () => {
  it("reads task id, trajectory id and reward under common names", () => {
    const row = { uuid: "u-1", metadata: { task_id: 12, reward: true }, chat: [{ role: "user", content: "x" }] };
    expect(findTaskId(row)).toBe("12");
    expect(findTrajectoryId(row)).toBe("u-1");
    expect(findReward(row)).toBe(1);
    expect(findMessageList(row)).toBe(row.chat);
    expect(findReward({ info: { reward: 0.25 } })).toBe(0.25);
    expect(findReward({ reward: "1" })).toBeUndefined();
  });

  it("on a τ² rollout: task.id, result.id, and result.messages one level down", () => {
    const row = fixtureRows("tau2_example_rollouts.jsonl")[0]!;
    expect(findTaskId(row)).toBe("50");
    expect(findTrajectoryId(row)).toBe("8b833b70-5692-4c4d-9bcb-ca7de5e5a316");
    expect(findMessageList(row)).toBe((row.result as { messages: unknown[] }).messages);
  });
});
