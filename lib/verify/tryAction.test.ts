import { describe, expect, it } from "vitest";
import { StepRewardCategory as C } from "./categories";
import { defaultComparatorConfig } from "./compareAction";
import { tryAction, tryActionStart } from "./tryAction";

const expected = { type: "function_call", name: "get_weather", arguments: '{"city": "Paris", "days": 2}' };
const cfg = defaultComparatorConfig(0.1);

describe("try it: score a typed action", () => {
  it("the starting text is the expected action and scores 1.0", () => {
    expect(tryAction(expected, tryActionStart(expected), cfg)).toEqual({ ok: true, reward: 1, category: C.EXPECTED_TOOL_CALL });
  });

  it("keeps Python's number types inside arguments: 2 vs 2.0 differ", () => {
    const typed = JSON.stringify({ type: "function_call", name: "get_weather", arguments: '{"city": "Paris", "days": 2.0}' });
    expect(tryAction(expected, typed, cfg)).toMatchObject({ ok: true, reward: 0, category: C.ARGUMENT_VALUE_TYPE_DIFFERENT });
  });

  it("accepts a response.output list and a Responses message item, through extract_action", () => {
    const output = [
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "Let me check." }] },
      { type: "function_call", name: "get_weather", arguments: '{"days": 2, "city": "Paris"}', call_id: "c" },
    ];
    expect(tryAction(expected, JSON.stringify(output), cfg)).toMatchObject({ ok: true, reward: 1 });
    const message = { type: "message", role: "assistant", content: [{ type: "output_text", text: "It is sunny." }] };
    expect(tryAction(expected, JSON.stringify(message), cfg)).toMatchObject({ ok: true, reward: 0, category: C.NO_EXPECTED_TOOL_CALL });
    expect(tryAction({ type: "message", content: "x" }, JSON.stringify(message), cfg)).toMatchObject({ ok: true, reward: 1 });
    expect(tryAction(expected, "[]", cfg)).toEqual({ ok: true, reward: 0, category: C.NO_ACTION_FOUND });
  });

  it("applies the knobs", () => {
    const exp = { type: "function_call", name: "search", arguments: '{"q": "weather in paris today"}' };
    const typed = JSON.stringify({ type: "function_call", name: "search", arguments: '{"q": "weather in paris"}' });
    expect(tryAction(exp, typed, cfg)).toMatchObject({ reward: 1 });
    expect(tryAction(exp, typed, defaultComparatorConfig(0.5))).toMatchObject({ reward: 0 });
  });

  it("says what is wrong with text it cannot score", () => {
    expect(tryAction(expected, "{nope", cfg)).toMatchObject({ ok: false, error: expect.stringContaining("not JSON") });
    const dict = JSON.stringify({ type: "function_call", name: "get_weather", arguments: { city: "Paris" } });
    expect(tryAction(expected, dict, cfg)).toMatchObject({ ok: false, error: expect.stringContaining("arguments") });
  });
});
