import { describe, expect, it } from "vitest";
import { StepRewardCategory as C } from "./categories";
import {
  compareAction,
  compareToolCall,
  compareToolCallArguments,
  defaultComparatorConfig,
  findMaximumMatching,
  InvalidExpectedArgumentsError,
  stringsMatch,
  type ParallelToolCallRewardMode,
  type ToolCallComparatorConfig,
} from "./compareAction";
import {
  VerifierServerError,
  type Action,
  type FunctionCallAction,
  type FunctionCallBatchAction,
  type MessageAction,
} from "./extractAction";
import { parsePythonJson } from "../formats/pythonJson";

// Builders in the shape of Gym's own tests: a `search` call with one `query` argument.
const call = (query: string, name = "search"): FunctionCallAction => ({
  type: "function_call",
  name,
  arguments: JSON.stringify({ query }),
});
const batch = (...calls: FunctionCallAction[]): FunctionCallBatchAction => ({ type: "function_call_batch", calls });
const message = (content: string): MessageAction => ({ type: "message", content });
const junk = (count: number, prefix = "junk") => Array.from({ length: count }, (_, i) => call(`${prefix}${i}`));

/** Gym's test comparator: threshold 0.1 with parallel rewarding ON unless overridden. */
const counting = (overrides: Partial<ToolCallComparatorConfig> = {}): ToolCallComparatorConfig => ({
  ...defaultComparatorConfig(0.1),
  parallel_tool_call_rewarding: true,
  ...overrides,
});
const shippedDefault = defaultComparatorConfig(0.1);

/** Compare two argument JSON strings; returns the failing category or null on a match. */
const args = (expected: string, actual: string, config = shippedDefault) =>
  compareToolCallArguments(parsePythonJson(expected), parsePythonJson(actual), config);
const outcome = (expected: Action, actual: Action, config: ToolCallComparatorConfig) => {
  const { reward, category } = compareAction(expected, actual, config);
  return [reward, category];
};

describe("defaultComparatorConfig", () => {
  it("fills Gym's defaults around the required threshold", () => {
    expect(defaultComparatorConfig(0.3)).toEqual({
      word_count_similarity_threshold: 0.3,
      floating_point_comparison_threshold: 1e-6,
      parallel_tool_call_rewarding: false,
      allow_subset: false,
      allow_superset: false,
      parallel_tool_call_reward_mode: "binary_strict",
    });
  });
});

describe("compareToolCallArguments: the Python type gate", () => {
  it.each([
    ["int 1 vs float 1.0", "1", "1.0", C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ["float 1.0 vs int 1", "1.0", "1", C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ["int 75 vs float 75.0", "75", "75.0", C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ['int 75 vs string "75"', "75", '"75"', C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ["true vs int 1 (an int is not a bool)", "true", "1", C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ['null vs "None"', "null", '"None"', C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ["null vs false", "null", "false", C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ["object vs list", '{"a": 1}', '[["a", 1]]', C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ["list vs string", '["a"]', '"a"', C.ARGUMENT_VALUE_TYPE_DIFFERENT],
    ["string vs null", '"x"', "null", C.ARGUMENT_VALUE_TYPE_DIFFERENT],
  ])("%s → type different", (_, expected, actual, category) => {
    expect(args(expected, actual)).toBe(category);
  });

  it("lets a bool through an int gate because bool subclasses int: 1 vs true MATCHES", () => {
    expect(args("1", "true")).toBeNull();
    expect(args("0", "false")).toBeNull();
    expect(args("1", "false")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(args("2", "true")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
  });

  it("compares ints, bools and null with Python ==", () => {
    expect(args("1", "2")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(args("-0", "0")).toBeNull();
    expect(args("true", "true")).toBeNull();
    expect(args("true", "false")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(args("null", "null")).toBeNull();
  });

  it("compares big ints exactly, where JS numbers would collapse them", () => {
    expect(args("12345678901234567890", "12345678901234567890")).toBeNull();
    expect(args("9007199254740993", "9007199254740992")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
  });
});

describe("compareToolCallArguments: floats", () => {
  it("matches within the default 1e-6 tolerance", () => {
    expect(compareToolCallArguments(parsePythonJson("1.0"), parsePythonJson(String(1.0 + 1e-9)), shippedDefault)).toBeNull();
    expect(args("1.0", "2.0")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(args("1.0", "1.00001")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
  });

  it("uses a strict < so a difference equal to the tolerance fails", () => {
    const halfTolerance = { ...shippedDefault, floating_point_comparison_threshold: 0.5 };
    expect(args("1.0", "1.25", halfTolerance)).toBeNull();
    expect(args("1.0", "1.5", halfTolerance)).toBe(C.ARGUMENT_VALUE_DIFFERENT);
  });

  it("never matches NaN, and never matches Infinity even against itself (inf - inf is nan)", () => {
    expect(args("NaN", "NaN")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(args("Infinity", "Infinity")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(args("-Infinity", "1e400")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
  });
});

describe("compareToolCallArguments: strings", () => {
  const at = (threshold: number) => (expected: string, actual: string) => stringsMatch(expected, actual, threshold);

  it("needs exact raw equality when either side has fewer than two words", () => {
    expect(args('"one"', '"one"')).toBeNull();
    expect(args('"one"', '"two"')).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(at(0.1)("Paris", "paris")).toBe(false);
    expect(at(0.1)(" Paris", "Paris")).toBe(false);
    expect(at(0.0)("", "")).toBe(true);
  });

  it("compares a two-word string against a one-word string exactly, even at threshold 0", () => {
    expect(at(0.0)("New York", "NewYork")).toBe(false);
    expect(at(0.0)("York", "New York")).toBe(false);
    expect(at(0.0)("New York", "new  york")).toBe(true);
  });

  it("scores multi-word strings by shared words over total words, case- and spacing-insensitive", () => {
    expect(args('"one two three"', '"one two three"')).toBeNull();
    expect(args('"one two three"', '"four five six"')).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(at(0.5)("One  TWO\tthree", " one two three ")).toBe(true);
  });

  it("passes the spec's worked example (5/14 = 0.357) at 0.1 and 0.3 but not 0.4", () => {
    const expected = "user needs assistance updating expired payment method";
    const actual = "user needs help with expired payment method";
    expect(at(0.1)(expected, actual)).toBe(true);
    expect(at(0.3)(expected, actual)).toBe(true);
    expect(at(5 / 14)(expected, actual)).toBe(true);
    expect(at(0.4)(expected, actual)).toBe(false);
  });

  it('matches "aa bb cc dd" against "aa bb" (2/6) at 0.3', () => {
    expect(at(0.3)("aa bb cc dd", "aa bb")).toBe(true);
    expect(at(0.34)("aa bb cc dd", "aa bb")).toBe(false);
  });

  it("counts repeated words as a multiset", () => {
    // {a:3} ∩ {a:1, b:2} = {a:1}: 1/6.
    expect(at(1 / 6)("a a a", "a b b")).toBe(true);
    expect(at(0.17)("a a a", "a b b")).toBe(false);
  });

  it("accepts any two multi-word strings at threshold 0.0, even disjoint ones", () => {
    expect(at(0.0)("alpha beta", "gamma delta")).toBe(true);
  });

  it("tops out at 0.5: identical strings pass at 0.5, and above 0.5 every multi-word string fails", () => {
    expect(at(0.5)("the same words", "the same words")).toBe(true);
    expect(at(0.51)("the same words", "the same words")).toBe(false);
    expect(at(0.51)("single", "single")).toBe(true);
  });

  it("splits on Python's whitespace set, not JSON's or JS's", () => {
    // U+00A0 and U+001C are whitespace to str.split(); U+FEFF and U+200B are not.
    expect(at(0.5)("a\u00a0b", "a b")).toBe(true);
    expect(at(0.5)("a\u001cb", "a b")).toBe(true);
    expect(at(0.0)("a\ufeffb", "a b")).toBe(false);
    expect(at(0.0)("a\u200bb", "a b")).toBe(false);
  });
});

describe("compareToolCallArguments: containers", () => {
  it("requires equal key sets, in any order", () => {
    expect(args('{"a": 1, "b": 2}', '{"b": 2, "a": 1}')).toBeNull();
    expect(args('{"a": 1}', '{"a": 1, "b": 2}')).toBe(C.ARGUMENT_OBJECT_KEYS_DIFFERENT);
    expect(args('{"a": 1, "b": 2}', '{"a": 1, "c": 2}')).toBe(C.ARGUMENT_OBJECT_KEYS_DIFFERENT);
  });

  it("reports the first failure in the expected dict's key order", () => {
    const actual = '{"b": "1", "a": "y"}';
    expect(args('{"a": "x", "b": 1}', actual)).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(args('{"b": 1, "a": "x"}', actual)).toBe(C.ARGUMENT_VALUE_TYPE_DIFFERENT);
  });

  it("compares lists in order and by length", () => {
    expect(args("[1, 2]", "[1, 2]")).toBeNull();
    expect(args("[1, 2]", "[2, 1]")).toBe(C.ARGUMENT_VALUE_DIFFERENT);
    expect(args("[1, 2]", "[1]")).toBe(C.ARGUMENT_LIST_LENGTH_DIFFERENT);
    expect(args("[1, 2.0]", "[1, 2]")).toBe(C.ARGUMENT_VALUE_TYPE_DIFFERENT);
  });

  it("compares a duplicate-key object by its last value, as json.loads keeps it", () => {
    expect(args('{"a": 1, "a": 2}', '{"a": 2}')).toBeNull();
  });
});

describe("compareToolCall", () => {
  // Gym's test_compare_tool_call fixture.
  const argumentsObject = { first: "one", second: 2, third: true, fourth: [1, "element2"], fifth: { inner1: "value1", inner2: false } };
  const expected: FunctionCallAction = { type: "function_call", name: "send", arguments: JSON.stringify(argumentsObject) };
  const compare = (name: string, argumentsText: string) => {
    const { reward, category } = compareToolCall(expected, { type: "function_call", name, arguments: argumentsText }, shippedDefault);
    return [reward, category];
  };

  it("scores Gym's pinned single-call cases", () => {
    expect(compare("send", expected.arguments)).toEqual([1, C.EXPECTED_TOOL_CALL]);
    expect(compare("receive", expected.arguments)).toEqual([0, C.UNEXPECTED_TOOL]);
    expect(compare("send", "first=one")).toEqual([0, C.ARGUMENTS_DECODE_ERROR]);
    expect(compare("send", JSON.stringify({ ...argumentsObject, fourth: [1, "element3"] }))).toEqual([0, C.ARGUMENT_VALUE_DIFFERENT]);
    expect(compare("send", JSON.stringify({ ...argumentsObject, fifth: { inner: "value1", inner2: false } }))).toEqual([
      0,
      C.ARGUMENT_OBJECT_KEYS_DIFFERENT,
    ]);
    expect(compare("send", JSON.stringify({ ...argumentsObject, fourth: [1] }))).toEqual([0, C.ARGUMENT_LIST_LENGTH_DIFFERENT]);
  });

  it("compares tool names exactly and case-sensitively", () => {
    expect(compare("Send", expected.arguments)).toEqual([0, C.UNEXPECTED_TOOL]);
  });

  it("treats empty actual arguments as a decode error", () => {
    expect(compare("send", "")).toEqual([0, C.ARGUMENTS_DECODE_ERROR]);
  });

  it("accepts top-level arguments that are not objects", () => {
    const list: FunctionCallAction = { type: "function_call", name: "f", arguments: '[1, "a"]' };
    expect(compareToolCall(list, { ...list, arguments: '[1,"a"]' }, shippedDefault).reward).toBe(1);
    const scalar: FunctionCallAction = { type: "function_call", name: "f", arguments: "3" };
    expect(compareToolCall(scalar, { ...scalar, arguments: "3.0" }, shippedDefault).category).toBe(C.ARGUMENT_VALUE_TYPE_DIFFERENT);
  });

  it("throws on invalid expected JSON (a Gym 500), but only once the names match", () => {
    const broken: FunctionCallAction = { type: "function_call", name: "send", arguments: "{'a': 1}" };
    expect(() => compareToolCall(broken, call("x", "send"), shippedDefault)).toThrow(InvalidExpectedArgumentsError);
    expect(() => compareToolCall(broken, call("x", "send"), shippedDefault)).toThrow(VerifierServerError);
    expect(compareToolCall(broken, call("x", "other"), shippedDefault).category).toBe(C.UNEXPECTED_TOOL);
  });

  it("throws (a Gym 500) rather than scoring a decode error when actual arguments hold an int over 4300 digits", () => {
    const huge: FunctionCallAction = { type: "function_call", name: "send", arguments: "1".repeat(4301) };
    expect(() => compareToolCall({ ...huge, arguments: "1" }, huge, shippedDefault)).toThrow(VerifierServerError);
  });
});

describe("compareAction: dispatch on the expected action", () => {
  it("gives any message full credit against any expected message", () => {
    expect(outcome(message("This is a message."), message("A completely different message."), shippedDefault)).toEqual([
      1,
      C.EXPECTED_CHAT_MESSAGE_FOUND,
    ]);
  });

  it("fails a tool call where a message was expected, and a message where a call was expected", () => {
    expect(outcome(message("hi"), call("alpha"), shippedDefault)).toEqual([0, C.NO_EXPECTED_CHAT_MESSAGE]);
    expect(outcome(call("alpha"), message("hi"), shippedDefault)).toEqual([0, C.NO_EXPECTED_TOOL_CALL]);
    expect(outcome(batch(call("alpha"), call("beta")), message("hi"), shippedDefault)).toEqual([0, C.NO_EXPECTED_TOOL_CALL]);
  });

  it("treats a batch of one exactly like a single call", () => {
    expect(outcome(batch(call("alpha")), call("alpha"), counting())).toEqual([1, C.EXPECTED_TOOL_CALL]);
    expect(outcome(batch(call("alpha")), call("beta"), counting())).toEqual([0, C.ARGUMENT_VALUE_DIFFERENT]);
  });

  it("throws for an action type outside Gym's union", () => {
    const bogus = { type: "not an action" } as unknown as Action;
    expect(() => compareAction(bogus, call("alpha"), shippedDefault)).toThrow(VerifierServerError);
  });
});

describe("compareAction: batches with parallel rewarding ON", () => {
  it("ignores the order of calls", () => {
    expect(outcome(batch(call("alpha"), call("beta")), batch(call("beta"), call("alpha")), counting())).toEqual([
      1,
      C.EXPECTED_TOOL_CALL_BATCH,
    ]);
  });

  it("rejects surplus or missing calls by default", () => {
    const expected = batch(call("alpha"), call("beta"));
    const surplus = batch(call("alpha"), call("beta"), call("gamma"));
    expect(outcome(expected, surplus, counting())).toEqual([0, C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT]);
    expect(outcome(expected, call("alpha"), counting())).toEqual([0, C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT]);
    expect(outcome(call("alpha"), batch(call("alpha"), call("junk")), counting())).toEqual([0, C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT]);
  });

  describe.each<ParallelToolCallRewardMode>(["binary_strict", "fractional", "f1"])("cardinality gate under %s", (mode) => {
    const expected = batch(call("alpha"), call("beta"));
    const tooFew = call("alpha");
    const tooMany = batch(call("alpha"), call("beta"), call("gamma"));
    const rejected = [0, C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT];

    it("allow_subset admits fewer calls only", () => {
      const config = counting({ allow_subset: true, parallel_tool_call_reward_mode: mode });
      expect(compareAction(expected, tooFew, config).reward).toBeGreaterThan(0);
      expect(outcome(expected, tooMany, config)).toEqual(rejected);
    });

    it("allow_superset admits more calls only", () => {
      const config = counting({ allow_superset: true, parallel_tool_call_reward_mode: mode });
      expect(compareAction(expected, tooMany, config).reward).toBeGreaterThan(0);
      expect(outcome(expected, tooFew, config)).toEqual(rejected);
    });

    it("both flags admit both shapes", () => {
      const config = counting({ allow_subset: true, allow_superset: true, parallel_tool_call_reward_mode: mode });
      expect(compareAction(expected, tooFew, config).reward).toBeGreaterThan(0);
      expect(compareAction(expected, tooMany, config).reward).toBeGreaterThan(0);
    });
  });

  // The measured table in configs/parallel_tool_calls_….yaml, for the expected set {alpha, beta}.
  describe("measured table for {alpha, beta}", () => {
    const expected = batch(call("alpha"), call("beta"));
    const rows: [string, Partial<ToolCallComparatorConfig>, Action, [number, number, number]][] = [
      ["both calls, in order", {}, batch(call("alpha"), call("beta")), [1, 1, 1]],
      ["both calls, reversed", {}, batch(call("beta"), call("alpha")), [1, 1, 1]],
      ["right count, one call wrong", {}, batch(call("alpha"), call("wrong")), [0, 0.5, 0.5]],
      ["one call, with allow_subset", { allow_subset: true }, call("alpha"), [1, 1, 2 / 3]],
      ["two calls plus 3 junk, with allow_superset", { allow_superset: true }, batch(call("alpha"), call("beta"), ...junk(3)), [
        1,
        1,
        4 / 7,
      ]],
    ];
    it.each(rows)("%s", (_, gate, actual, [binaryStrict, fractional, f1]) => {
      const reward = (mode: ParallelToolCallRewardMode) =>
        compareAction(expected, actual, counting({ ...gate, parallel_tool_call_reward_mode: mode })).reward;
      expect(reward("binary_strict")).toBe(binaryStrict);
      expect(reward("fractional")).toBe(fractional);
      expect(reward("f1")).toBeCloseTo(f1, 12);
    });
  });

  it("f1 with allow_superset charges for surplus: 1 expected vs 3 actual → 0.5", () => {
    const config = counting({ allow_superset: true, parallel_tool_call_reward_mode: "f1" });
    expect(compareAction(call("alpha"), batch(call("alpha"), call("j1"), call("j2")), config).reward).toBe(0.5);
  });

  it.each<ParallelToolCallRewardMode>(["binary_strict", "fractional"])("%s gives gated shapes full credit", (mode) => {
    const expected = batch(call("alpha"), call("beta"));
    const undercalling = counting({ allow_subset: true, parallel_tool_call_reward_mode: mode });
    expect(outcome(expected, call("alpha"), undercalling)).toEqual([1, C.EXPECTED_TOOL_CALL_BATCH]);
    const spamming = counting({ allow_superset: true, parallel_tool_call_reward_mode: mode });
    expect(outcome(expected, batch(call("alpha"), call("beta"), ...junk(20)), spamming)).toEqual([1, C.EXPECTED_TOOL_CALL_BATCH]);
  });

  it("f1 gives partial credit with a failure category: 2/3 for a subset, 1/6 for 20 junk calls", () => {
    const expected = batch(call("alpha"), call("beta"));
    const undercalled = compareAction(expected, call("alpha"), counting({ allow_subset: true, parallel_tool_call_reward_mode: "f1" }));
    expect(undercalled.reward).toBeCloseTo(2 / 3, 12);
    expect(undercalled.category).toBe(C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT);
    const spam = batch(call("alpha"), call("beta"), ...junk(20));
    const spammed = compareAction(expected, spam, counting({ allow_superset: true, parallel_tool_call_reward_mode: "f1" }));
    expect(spammed.reward).toBeCloseTo(1 / 6, 12);
    expect(spammed.category).toBe(C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT);
  });

  it.each([0, 1, 2, 3])("fractional scores %i of 3 matched calls as m/3", (matchedCount) => {
    const expected = batch(call("alpha"), call("beta"), call("gamma"));
    const matched = ["alpha", "beta", "gamma"].slice(0, matchedCount).map((query) => call(query));
    const actual = batch(...matched, ...junk(3 - matchedCount, "wrong"));
    const fractional = counting({ parallel_tool_call_reward_mode: "fractional" });
    expect(compareAction(expected, actual, fractional).reward).toBeCloseTo(matchedCount / 3, 12);
  });

  it("fractional with allow_subset divides by min(expected, actual)", () => {
    const expected = batch(call("alpha"), call("beta"), call("gamma"));
    const config = counting({ allow_subset: true, parallel_tool_call_reward_mode: "fractional" });
    expect(compareAction(expected, batch(call("alpha"), call("wrong")), config).reward).toBe(0.5);
  });
});

describe("compareAction: failure categories for unmatched calls", () => {
  const expected = batch(call("alpha"), call("beta", "lookup"));

  it("reports an unknown tool when the unmatched call's tool never appears", () => {
    expect(outcome(expected, batch(call("alpha"), call("beta", "other")), counting())).toEqual([0, C.UNEXPECTED_TOOL]);
  });

  it("reports the argument failure when the right tool had the wrong argument", () => {
    expect(outcome(expected, batch(call("alpha"), call("wrong", "lookup")), counting())).toEqual([0, C.ARGUMENT_VALUE_DIFFERENT]);
  });

  it("keeps the first near miss past the tool name, in actual-call order", () => {
    const typeMiss: FunctionCallAction = { type: "function_call", name: "lookup", arguments: '{"query": 5}' };
    const valueMiss = call("gamma", "lookup");
    const off = shippedDefault;
    expect(outcome(expected, batch(call("alpha"), typeMiss, valueMiss), off)).toEqual([0, C.ARGUMENT_VALUE_TYPE_DIFFERENT]);
    expect(outcome(expected, batch(call("alpha"), valueMiss, typeMiss), off)).toEqual([0, C.ARGUMENT_VALUE_DIFFERENT]);
  });

  it("blames the count when every actual call was used, even if an expected call went unmatched", () => {
    // Rewarding off, 2 expected vs 1 actual: m == a, so the count is named, not the argument.
    expect(outcome(expected, call("alpha"), shippedDefault)).toEqual([0, C.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT]);
  });
});

describe("compareAction: parallel rewarding OFF (the shipped default)", () => {
  it("ignores surplus calls wherever the expected call appears", () => {
    for (const surplus of [1, 2, 3]) {
      expect(outcome(call("alpha"), batch(call("alpha"), ...junk(surplus)), shippedDefault)).toEqual([1, C.EXPECTED_TOOL_CALL]);
    }
    expect(outcome(call("alpha"), batch(call("junk"), call("alpha")), shippedDefault)).toEqual([1, C.EXPECTED_TOOL_CALL]);
  });

  it("accepts a batch plus junk, but not a batch missing a call", () => {
    const expected = batch(call("alpha"), call("beta"));
    expect(outcome(expected, batch(call("beta"), call("alpha"), call("junk")), shippedDefault)).toEqual([1, C.EXPECTED_TOOL_CALL_BATCH]);
    expect(compareAction(expected, batch(call("alpha"), call("junk")), shippedDefault).reward).toBe(0);
  });

  it("never consults the reward mode: f1 does not charge for surplus", () => {
    const offF1 = { ...shippedDefault, parallel_tool_call_reward_mode: "f1" as const };
    expect(compareAction(call("alpha"), batch(call("alpha"), call("j1"), call("j2")), offF1).reward).toBe(1);
  });

  it("still needs the expected call: junk only scores the closest near miss", () => {
    expect(outcome(call("alpha"), batch(call("junk"), call("other")), shippedDefault)).toEqual([0, C.ARGUMENT_VALUE_DIFFERENT]);
  });
});

describe("maximum matching", () => {
  it("finds the pairing a greedy match misses when fuzzy matching is not transitive", () => {
    // "aa bb cc dd" matches both actual calls at 0.3; "aa bb" only the first.
    const config = counting({ word_count_similarity_threshold: 0.3 });
    expect(outcome(batch(call("aa bb cc dd"), call("aa bb")), batch(call("aa bb"), call("cc dd")), config)).toEqual([
      1,
      C.EXPECTED_TOOL_CALL_BATCH,
    ]);
  });

  it("uses augmenting paths and returns actual index → expected index", () => {
    expect(findMaximumMatching([[0, 1], [0]])).toEqual(new Map([[0, 1], [1, 0]]));
    expect(findMaximumMatching([[], []])).toEqual(new Map());
    expect(findMaximumMatching([[0], [0]])).toEqual(new Map([[0, 0]]));
  });

  it("recovers from a choice a greedy pass cannot undo", () => {
    // Fewest-first greedy: expected 1 takes actual 1, expected 0 takes actual 0, expected 2 is stranded.
    expect(findMaximumMatching([[0, 2], [1], [0, 1]])).toEqual(new Map([[1, 1], [0, 2], [2, 0]]));
    expect(findMaximumMatching([[0, 1], [1, 2], [0, 1]])).toEqual(new Map([[0, 2], [1, 0], [2, 1]]));
  });

  it("matches the most constrained expected call first, which decides who is left unmatched", () => {
    // Candidates [[0, 1], [0], [1]]: fewest-first leaves expected 0 unmatched (index order would leave expected 2).
    expect(new Set(findMaximumMatching([[0, 1], [0], [1]]).values())).toEqual(new Set([1, 2]));
    // So the category is expected 0's near miss (the int query), not expected 2's ("cc dd" vs "aa bb").
    const intQuery: FunctionCallAction = { type: "function_call", name: "search", arguments: '{"query": 5}' };
    const expected = batch(call("aa bb cc dd"), call("aa bb"), call("cc dd"));
    const actual = batch(call("aa bb"), call("cc dd"), intQuery);
    expect(outcome(expected, actual, defaultComparatorConfig(0.3))).toEqual([0, C.ARGUMENT_VALUE_TYPE_DIFFERENT]);
  });

  it("breaks ties by expected index", () => {
    // Expected 1 (one candidate) goes before expected 0 (two), and takes actual 1.
    expect(findMaximumMatching([[1, 0], [1]])).toEqual(new Map([[1, 1], [0, 0]]));
    expect([...findMaximumMatching([[1, 0], [1]]).keys()]).toEqual([1, 0]);
  });
});
