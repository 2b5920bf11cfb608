import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { gymFixture } from "../testing/fixtures";
import { type ActionSummary, summarizeExpectedAction } from "./expectedAction";

/** The union as a zod schema (loose objects, as pydantic reads them): the reference the hand-written checks follow. */
const functionCall = z.looseObject({ type: z.literal("function_call"), name: z.string(), arguments: z.unknown() });
const functionCallBatch = z.looseObject({ type: z.literal("function_call_batch"), calls: z.array(z.looseObject({ name: z.string() })) });
const message = z.looseObject({ type: z.literal("message"), content: z.unknown() });
const untypedCall = z.looseObject({ type: z.undefined(), name: z.string() });
const expectedActionSchema = z.union([functionCall, functionCallBatch, message, untypedCall]);

function schemaSummary(value: unknown): ActionSummary {
  const parsed = expectedActionSchema.safeParse(value);
  if (!parsed.success) return { actionType: "other", toolNames: [] };
  const a = parsed.data;
  if (a.type === "function_call_batch") return { actionType: "function_call_batch", toolNames: a.calls.map((c) => c.name) };
  if (a.type === "message") return { actionType: "message", toolNames: [] };
  return { actionType: "function_call", toolNames: [a.name] };
}

const call = { type: "function_call", name: "get_weather", arguments: '{"city": "Paris"}' };

/** Values around every branch of the schema union, including ones no parsed row holds. */
const VALUES: [string, unknown][] = [
  ["a call", call],
  ["a call with extra keys", { ...call, id: "c1", status: "completed" }],
  ["a call without arguments", { type: "function_call", name: "f" }],
  ["a call with null arguments", { type: "function_call", name: "f", arguments: null }],
  ["a call with object arguments", { type: "function_call", name: "f", arguments: { a: 1 } }],
  ["a call with a numeric name", { type: "function_call", name: 1, arguments: "{}" }],
  ["a call without a name", { type: "function_call", arguments: "{}" }],
  ["a batch", { type: "function_call_batch", calls: [call, { name: "b", extra: 1 }] }],
  ["an empty batch", { type: "function_call_batch", calls: [] }],
  ["a batch with a nameless call", { type: "function_call_batch", calls: [call, { type: "function_call" }] }],
  ["a batch with a null call", { type: "function_call_batch", calls: [null] }],
  ["a batch with an array call", { type: "function_call_batch", calls: [["get_weather"]] }],
  ["a batch with a hole", { type: "function_call_batch", calls: [call, , call] }],
  ["a batch whose calls are an object", { type: "function_call_batch", calls: { 0: call } }],
  ["a batch without calls", { type: "function_call_batch" }],
  ["a message", { type: "message", content: "Hi" }],
  ["a message with null content", { type: "message", content: null }],
  ["a message without content", { type: "message", role: "assistant" }],
  ["an untyped call (no type key)", { name: "zoom", arguments: "{}" }],
  ["an untyped call (type undefined)", { type: undefined, name: "zoom" }],
  ["a null type", { type: null, name: "zoom" }],
  ["an unknown type", { type: "web_search_call", name: "x" }],
  ["inherited keys", Object.assign(Object.create({ content: "x" }), { type: "message" })],
  ["an own __proto__ key", JSON.parse('{"type": "function_call_batch", "calls": [{"__proto__": {"name": "z"}, "name": "q"}]}')],
  ["an array", [call]],
  ["an array with keys", Object.assign([], call)],
  ["null", null],
  ["undefined", undefined],
  ["a string", "function_call"],
  ["a number", 3],
];

describe("summarizeExpectedAction", () => {
  for (const [name, value] of VALUES) {
    it(`summarizes ${name} as the schema does`, () => {
      expect(summarizeExpectedAction(value)).toEqual(schemaSummary(value));
    });
  }

  it("summarizes every expected action of the Gym fixtures as the schema does", () => {
    const dir = gymFixture("");
    let actions = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl"))) {
      for (const line of readFileSync(gymFixture(file), "utf8").split("\n").filter(Boolean)) {
        const row = JSON.parse(line) as Record<string, unknown>;
        for (const value of [row.expected_action, row]) expect(summarizeExpectedAction(value)).toEqual(schemaSummary(value));
        actions++;
      }
    }
    expect(actions).toBeGreaterThan(20);
  });
});
