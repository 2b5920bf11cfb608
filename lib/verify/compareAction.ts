/**
 * Gym's `ActionComparator` (resources_servers/single_step_tool_use_with_argument_comparison/common/
 * verification_utils.py), ported with its quirks. The expected value's Python type drives every
 * argument comparison, so arguments are parsed with `parsePythonJson`, never `JSON.parse`.
 */
import { StepRewardCategory } from "./categories";
import { VerifierServerError, type Action, type FunctionCallAction } from "./extractAction";
import { parsePythonJson, PythonJsonDecodeError, type PyFloat, type PyInt, type PyValue } from "../formats/pythonJson";

export type ParallelToolCallRewardMode = "binary_strict" | "fractional" | "f1";

/** `ToolCallComparatorConfig`, with Gym's snake_case keys so YAML configs map across unchanged. */
export interface ToolCallComparatorConfig {
  /** Multi-word string match threshold; similarity tops out at 0.5, so anything above rejects all such strings. */
  word_count_similarity_threshold: number;
  /** Absolute float tolerance, compared with strict `<`. */
  floating_point_comparison_threshold: number;
  /** Master switch: when off, call counts are ignored and the next three keys are never read. */
  parallel_tool_call_rewarding: boolean;
  allow_subset: boolean;
  allow_superset: boolean;
  parallel_tool_call_reward_mode: ParallelToolCallRewardMode;
}

/** Gym's defaults around the one required knob. */
export function defaultComparatorConfig(wordCountSimilarityThreshold: number): ToolCallComparatorConfig {
  return {
    word_count_similarity_threshold: wordCountSimilarityThreshold,
    floating_point_comparison_threshold: 1e-6,
    parallel_tool_call_rewarding: false,
    allow_subset: false,
    allow_superset: false,
    parallel_tool_call_reward_mode: "binary_strict",
  };
}

export interface ActionComparisonResult {
  reward: number;
  category: StepRewardCategory;
}

/** The expected `arguments` is not valid JSON: Gym calls `json.loads` on it with no guard. */
export class InvalidExpectedArgumentsError extends VerifierServerError {
  override name = "InvalidExpectedArgumentsError";
}

export function getToolCalls(action: Action): FunctionCallAction[] {
  if (action.type === "function_call_batch") return [...action.calls];
  if (action.type === "function_call") return [action];
  return [];
}

export function compareAction(expected: Action, actual: Action, config: ToolCallComparatorConfig): ActionComparisonResult {
  switch (expected.type) {
    case "message":
      // Any chat message earns full credit: the content is never compared.
      return actual.type === "message"
        ? { reward: 1.0, category: StepRewardCategory.EXPECTED_CHAT_MESSAGE_FOUND }
        : { reward: 0.0, category: StepRewardCategory.NO_EXPECTED_CHAT_MESSAGE };
    case "function_call":
    case "function_call_batch":
      if (actual.type === "message") return { reward: 0.0, category: StepRewardCategory.NO_EXPECTED_TOOL_CALL };
      return compareToolCalls(getToolCalls(expected), getToolCalls(actual), config);
    default:
      // Gym raises NotImplementedError for anything outside the union.
      throw new VerifierServerError(`Unsupported expected action: ${JSON.stringify(expected satisfies never)}`);
  }
}

/** Score the actual calls against the expected ones as unordered multisets. */
export function compareToolCalls(
  expected: readonly FunctionCallAction[],
  actual: readonly FunctionCallAction[],
  config: ToolCallComparatorConfig,
): ActionComparisonResult {
  const [expectedCall] = expected;
  const [actualCall] = actual;
  // One vs one keeps the legacy single-call categories.
  if (expected.length === 1 && actual.length === 1 && expectedCall && actualCall) {
    return compareToolCall(expectedCall, actualCall, config);
  }
  if (!isCallCountAdmissible(expected.length, actual.length, config)) {
    return { reward: 0.0, category: StepRewardCategory.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT };
  }

  const { candidates, failureCategories } = buildMatchCandidates(expected, actual, config);
  const matching = findMaximumMatching(candidates);
  const reward = scoreMatchedCalls(matching.size, expected.length, actual.length, config);
  if (reward === 1.0) {
    const category = expected.length === 1 ? StepRewardCategory.EXPECTED_TOOL_CALL : StepRewardCategory.EXPECTED_TOOL_CALL_BATCH;
    return { reward, category };
  }

  const matchedExpected = new Set(matching.values());
  const firstUnmatched = expected.findIndex((_, i) => !matchedExpected.has(i));
  // Nothing unmatched, or every actual call used: the count is the defect, not an argument (even for partial f1 credit).
  if (firstUnmatched === -1 || matchedExpected.size === actual.length) {
    return { reward, category: StepRewardCategory.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT };
  }
  return { reward, category: failureCategories[firstUnmatched] ?? StepRewardCategory.UNEXPECTED_TOOL };
}

function isCallCountAdmissible(expectedCount: number, actualCount: number, config: ToolCallComparatorConfig): boolean {
  if (actualCount === expectedCount || !config.parallel_tool_call_rewarding) return true;
  return actualCount < expectedCount ? config.allow_subset : config.allow_superset;
}

function scoreMatchedCalls(matched: number, expectedCount: number, actualCount: number, config: ToolCallComparatorConfig): number {
  // Rewarding off: surplus calls are free and the reward mode is never consulted.
  if (!config.parallel_tool_call_rewarding) return matched === expectedCount ? 1.0 : 0.0;
  if (config.parallel_tool_call_reward_mode === "f1") {
    const total = expectedCount + actualCount;
    return total ? (2 * matched) / total : 0.0;
  }
  const required = config.allow_subset ? Math.min(expectedCount, actualCount) : expectedCount;
  if (config.parallel_tool_call_reward_mode === "fractional") return required ? matched / required : 0.0;
  return matched === required ? 1.0 : 0.0;
}

/** For each expected call: the actual indices it matches, and why the others missed (its closest near miss). */
function buildMatchCandidates(
  expected: readonly FunctionCallAction[],
  actual: readonly FunctionCallAction[],
  config: ToolCallComparatorConfig,
): { candidates: number[][]; failureCategories: StepRewardCategory[] } {
  const candidates: number[][] = [];
  const failureCategories: StepRewardCategory[] = [];
  for (const expectedCall of expected) {
    const matches: number[] = [];
    let failure: StepRewardCategory = StepRewardCategory.UNEXPECTED_TOOL;
    actual.forEach((actualCall, actualIndex) => {
      const result = compareToolCall(expectedCall, actualCall, config);
      if (result.reward === 1.0) matches.push(actualIndex);
      // The first reason that got past the tool name wins.
      else if (failure === StepRewardCategory.UNEXPECTED_TOOL) failure = result.category;
    });
    candidates.push(matches);
    failureCategories.push(failure);
  }
  return { candidates, failureCategories };
}

/**
 * Maximum bipartite matching (Kuhn's augmenting paths); returns actual index → expected index.
 * Greedy pairing is wrong because fuzzy string matching is not transitive. Expected calls with the
 * fewest candidates go first (a stable sort, as Python's `sorted`), which also fixes which pairs win ties.
 */
export function findMaximumMatching(candidates: readonly (readonly number[])[]): Map<number, number> {
  const matching = new Map<number, number>();
  const augment = (expectedIndex: number, visited: Set<number>): boolean => {
    for (const actualIndex of candidates[expectedIndex] ?? []) {
      if (visited.has(actualIndex)) continue;
      visited.add(actualIndex);
      const holder = matching.get(actualIndex);
      if (holder === undefined || augment(holder, visited)) {
        matching.set(actualIndex, expectedIndex);
        return true;
      }
    }
    return false;
  };
  const order = candidates.map((_, i) => i).sort((a, b) => (candidates[a]?.length ?? 0) - (candidates[b]?.length ?? 0));
  for (const expectedIndex of order) augment(expectedIndex, new Set());
  return matching;
}

export function compareToolCall(
  expected: FunctionCallAction,
  actual: FunctionCallAction,
  config: ToolCallComparatorConfig,
): ActionComparisonResult {
  // Exact, case-sensitive; checked before any JSON is parsed, so bad expected JSON only throws on a name match.
  if (expected.name !== actual.name) return { reward: 0.0, category: StepRewardCategory.UNEXPECTED_TOOL };

  let expectedArguments: PyValue;
  try {
    expectedArguments = parsePythonJson(expected.arguments);
  } catch (error) {
    throw new InvalidExpectedArgumentsError(`Expected arguments of ${expected.name} are not valid JSON`, { cause: error });
  }

  let actualArguments: PyValue;
  try {
    actualArguments = parsePythonJson(actual.arguments);
  } catch (error) {
    // Gym catches only JSONDecodeError; an over-long int or too-deep nesting raises something else.
    if (error instanceof PythonJsonDecodeError) return { reward: 0.0, category: StepRewardCategory.ARGUMENTS_DECODE_ERROR };
    throw new VerifierServerError(`Actual arguments of ${actual.name} could not be loaded`, { cause: error });
  }

  const failure = compareToolCallArguments(expectedArguments, actualArguments, config);
  return failure === null
    ? { reward: 1.0, category: StepRewardCategory.EXPECTED_TOOL_CALL }
    : { reward: 0.0, category: failure };
}

const isInt = (value: PyValue): value is PyInt => isNumberBox(value) && value.kind === "int";
const isFloat = (value: PyValue): value is PyFloat => isNumberBox(value) && value.kind === "float";
const isNumberBox = (value: PyValue): value is PyInt | PyFloat =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Map);

/**
 * Recursive comparison; returns the first failing category, or null when the values match.
 * The type gate is `isinstance(actual, type(expected))`.
 */
export function compareToolCallArguments(expected: PyValue, actual: PyValue, config: ToolCallComparatorConfig): StepRewardCategory | null {
  const { ARGUMENT_VALUE_TYPE_DIFFERENT: TYPE_DIFFERENT, ARGUMENT_VALUE_DIFFERENT: VALUE_DIFFERENT } = StepRewardCategory;

  if (expected === null) return actual === null ? null : TYPE_DIFFERENT;

  if (typeof expected === "boolean") {
    // bool is a final type: an int 1 is not an instance of bool.
    if (typeof actual !== "boolean") return TYPE_DIFFERENT;
    return actual === expected ? null : VALUE_DIFFERENT;
  }

  if (typeof expected === "string") {
    if (typeof actual !== "string") return TYPE_DIFFERENT;
    return stringsMatch(expected, actual, config.word_count_similarity_threshold) ? null : VALUE_DIFFERENT;
  }

  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return TYPE_DIFFERENT;
    if (expected.length !== actual.length) return StepRewardCategory.ARGUMENT_LIST_LENGTH_DIFFERENT;
    // Lists are order-sensitive, unlike batches.
    for (const [i, expectedItem] of expected.entries()) {
      const failure = compareToolCallArguments(expectedItem, actual[i] ?? null, config);
      if (failure) return failure;
    }
    return null;
  }

  if (expected instanceof Map) {
    if (!(actual instanceof Map)) return TYPE_DIFFERENT;
    const sameKeys = expected.size === actual.size && [...expected.keys()].every((key) => actual.has(key));
    if (!sameKeys) return StepRewardCategory.ARGUMENT_OBJECT_KEYS_DIFFERENT;
    // Recurse in the expected dict's key order.
    for (const [key, expectedItem] of expected) {
      const failure = compareToolCallArguments(expectedItem, actual.get(key) ?? null, config);
      if (failure) return failure;
    }
    return null;
  }

  if (expected.kind === "float") {
    // int and float are unrelated types: 1 is not an instance of float. NaN and inf never match (abs(nan) < tol is False).
    if (!isFloat(actual)) return TYPE_DIFFERENT;
    return Math.abs(actual.value - expected.value) < config.floating_point_comparison_threshold ? null : VALUE_DIFFERENT;
  }

  // bool subclasses int, so True/False pass the int gate and then compare as 1/0 (expected 1 vs true MATCHES).
  if (typeof actual === "boolean") return expected.value === (actual ? 1n : 0n) ? null : VALUE_DIFFERENT;
  if (!isInt(actual)) return TYPE_DIFFERENT;
  return actual.value === expected.value ? null : VALUE_DIFFERENT;
}

// Python's str.isspace() set, which str.split() and str.strip() use; wider than JSON's and not JS's \s (no U+FEFF, adds U+001C–U+001F).
const PYTHON_WHITESPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** `s.strip().lower().split()`. */
export function pythonLowerWords(text: string): string[] {
  return text.toLowerCase().split(PYTHON_WHITESPACE).filter((word) => word !== "");
}

/**
 * Gym's word-count similarity: |E ∩ A| / (|E| + |A|) over word multisets, which is half the Dice
 * coefficient and so at most 0.5. Under two words on either side, only exact raw equality matches.
 */
export function stringsMatch(expected: string, actual: string, threshold: number): boolean {
  const expectedWords = pythonLowerWords(expected);
  const actualWords = pythonLowerWords(actual);
  // Exact comparison of the raw strings: case and surrounding whitespace count here.
  if (expectedWords.length < 2 || actualWords.length < 2) return expected === actual;

  const available = new Map<string, number>();
  for (const word of expectedWords) available.set(word, (available.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of actualWords) {
    const count = available.get(word) ?? 0;
    if (count > 0) {
      available.set(word, count - 1);
      shared++;
    }
  }
  // Gym rejects on `similarity < threshold`; negating that (not `>=`) keeps NaN behaving as in Python.
  return !(shared / (expectedWords.length + actualWords.length) < threshold);
}
