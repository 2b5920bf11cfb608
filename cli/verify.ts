import { parseArgs } from "node:util";
import { scanLines } from "../lib/jsonl/lineScanner";
import { openFileSource } from "../lib/node/fileSource";
import { parseScriptLine } from "../lib/validate/scriptRun";
import { pyReprFloat } from "../lib/validate/pythonText";
import {
  defaultComparatorConfig,
  InvalidVerifyRequestError,
  VerifierServerError,
  verifyRollout,
  type ParallelToolCallRewardMode,
  type ToolCallComparatorConfig,
} from "../lib/verify";
import { UsageError } from "./usageError";

export const VERIFY_USAGE = `  verify --rollouts FILE   re-score rollouts (expected_action + response.output) with Gym's verifier
      --word-count-similarity-threshold X      default 0.1 (Gym's single-step config)
      --floating-point-comparison-threshold X  default 1e-6
      --parallel-tool-call-rewarding           score call counts (batches)
      --allow-subset / --allow-superset        with parallel rewarding
      --parallel-tool-call-reward-mode M       binary_strict (default) | fractional | f1
      --strict                                 exit 1 when a recorded reward differs (always: when a line
                                               cannot be scored, or nothing was)
      --json                                   one {"line","reward","category"} per row, then a summary
`;

const MODES: ParallelToolCallRewardMode[] = ["binary_strict", "fractional", "f1"];

function knob(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} needs a number ≥ 0, got ${JSON.stringify(value)}`);
  return n;
}

/** Knobs that run but cannot mean what was asked: said on stderr, as the export's notes say them. */
export function knobNotes(values: Record<string, string | boolean | undefined>, config: ToolCallComparatorConfig): string[] {
  const notes: string[] = [];
  if (!config.parallel_tool_call_rewarding) {
    const unread = ["allow-subset", "allow-superset", "parallel-tool-call-reward-mode"].filter((flag) => values[flag] !== undefined && values[flag] !== false);
    for (const flag of unread) notes.push(`--${flag} has no effect without --parallel-tool-call-rewarding (Gym reads it only then)`);
  }
  if (config.word_count_similarity_threshold > 0.5) {
    notes.push("--word-count-similarity-threshold above 0.5: every multi-word string argument will fail to match");
  }
  if (config.floating_point_comparison_threshold === 0) {
    notes.push("--floating-point-comparison-threshold 0: every float argument will fail to match (Gym tests abs(a - b) < threshold)");
  }
  return notes;
}

export function comparatorConfigFrom(values: Record<string, string | boolean | undefined>): ToolCallComparatorConfig {
  const mode = (values["parallel-tool-call-reward-mode"] as string | undefined) ?? "binary_strict";
  if (!MODES.includes(mode as ParallelToolCallRewardMode)) {
    throw new UsageError(`--parallel-tool-call-reward-mode must be one of ${MODES.join(", ")}`);
  }
  const threshold = "word-count-similarity-threshold";
  const tolerance = "floating-point-comparison-threshold";
  return {
    ...defaultComparatorConfig(knob(values[threshold] as string | undefined, threshold, 0.1)),
    floating_point_comparison_threshold: knob(values[tolerance] as string | undefined, tolerance, 1e-6),
    parallel_tool_call_rewarding: !!values["parallel-tool-call-rewarding"],
    allow_subset: !!values["allow-subset"],
    allow_superset: !!values["allow-superset"],
    parallel_tool_call_reward_mode: mode as ParallelToolCallRewardMode,
  };
}

/**
 * `pivot-studio verify --rollouts FILE`: Gym's `/verify` over every rollout line with the given knobs, flagging
 * rows whose recorded reward differs from the re-scored one.
 */
export async function runVerify(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      rollouts: { type: "string" },
      "word-count-similarity-threshold": { type: "string" },
      "floating-point-comparison-threshold": { type: "string" },
      "parallel-tool-call-rewarding": { type: "boolean", default: false },
      "allow-subset": { type: "boolean", default: false },
      "allow-superset": { type: "boolean", default: false },
      "parallel-tool-call-reward-mode": { type: "string" },
      strict: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.rollouts) throw new UsageError("verify needs --rollouts FILE");
  const config = comparatorConfigFrom(values);
  for (const note of knobNotes(values, config)) process.stderr.write(`note: ${note}\n`);
  const json = values.json;
  const out = (s: string) => process.stdout.write(s);
  const categories = new Map<string, number>();
  const differs: number[] = [];
  const unscored: number[] = [];
  let rows = 0;
  let rewardSum = 0;
  const source = await openFileSource(values.rollouts);
  try {
    await scanLines(source, {
      line(l) {
        const problem = (message: string) => {
          unscored.push(l.line);
          if (json) out(JSON.stringify({ line: l.line, error: message }) + "\n");
          else process.stderr.write(`${values.rollouts}:${l.line}: cannot score: ${message}\n`);
        };
        if (l.text === null) return problem("not valid UTF-8");
        if (l.text.trim() === "") return;
        const parsed = parseScriptLine(l.text);
        if (!parsed.ok) return problem(`invalid JSON: ${parsed.error}`);
        const row = parsed.value as Record<string, unknown>;
        if (typeof row !== "object" || row === null || Array.isArray(row)) return problem("not a JSON object");
        if (!("expected_action" in row)) return problem("no expected_action: verify scores rollouts of pivot rows (expected_action + response.output)");
        let result;
        try {
          result = verifyRollout({ response: row.response, expected_action: row.expected_action }, config);
        } catch (e) {
          if (e instanceof InvalidVerifyRequestError || e instanceof VerifierServerError) return problem(e.message);
          throw e;
        }
        rows++;
        rewardSum += result.reward;
        categories.set(result.category, (categories.get(result.category) ?? 0) + 1);
        const recorded = row.reward;
        const mismatch = typeof recorded === "number" && recorded !== result.reward;
        if (mismatch) differs.push(l.line);
        if (json) out(JSON.stringify({ line: l.line, reward: result.reward, category: result.category }) + "\n");
        else if (mismatch) {
          out(`line ${l.line}: recorded reward ${pyReprFloat(recorded)}, re-scored ${pyReprFloat(result.reward)} (${result.category})\n`);
        }
      },
      tooLong(line) {
        unscored.push(line);
        process.stderr.write(`${values.rollouts}:${line}: cannot score: line too long\n`);
      },
    });
  } finally {
    await source.close();
  }
  const mean = rows ? rewardSum / rows : 0;
  if (json) {
    const summary = { rows, mean_reward: mean, categories: Object.fromEntries(categories), recorded_reward_differs: differs, unscored, config };
    out(JSON.stringify({ summary }) + "\n");
  } else {
    out(`rows: ${rows}, mean reward: ${mean.toFixed(4)}\n`);
    out("categories:\n");
    for (const [category, n] of [...categories].sort((a, b) => b[1] - a[1])) out(`  ${category}: ${n}\n`);
    out(`recorded reward differs: ${differs.length} ${differs.length === 1 ? "row" : "rows"}\n`);
    if (unscored.length) out(`could not score: ${unscored.length} ${unscored.length === 1 ? "line" : "lines"}\n`);
  }
  if (rows === 0 && !json) process.stderr.write(`${values.rollouts}: no rollout scored\n`);
  // Nothing scored is a failure: a CI step must not pass on an empty or unreadable file.
  return rows === 0 || unscored.length > 0 || (values.strict && differs.length > 0) ? 1 : 0;
}
