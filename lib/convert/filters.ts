/**
 * The optional filters of Gym's converters (spec §6.2), over one trajectory's turns: doom loops and tool
 * errors. Both are off by default.
 */
import type { OutputStep, TurnStep } from "./trajectory";

/** Sorted-key JSON of parsed arguments, so `{"a": 1}` and `{"a":1}` are the same call. */
function canonicalArguments(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), (_k, v: unknown) =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    );
  } catch {
    return args;
  }
}

function callSignature(turn: TurnStep): string | null {
  if (turn.calls.length === 0) return null;
  return JSON.stringify(turn.calls.map((c) => [c.name, canonicalArguments(c.arguments)]));
}

/**
 * Indices (into `turns`) of doom-loop repeats: in a run of at least `threshold` consecutive turns making the
 * identical call(s), all but the last. A turn that makes no call breaks the run. `threshold` 0 is off.
 */
export function doomLoopRepeats(turns: readonly TurnStep[], threshold: number): Set<number> {
  const repeats = new Set<number>();
  if (threshold <= 0) return repeats;
  let runStart = 0;
  for (let i = 1; i <= turns.length; i++) {
    const prev = callSignature(turns[i - 1]!);
    const same = i < turns.length && prev !== null && callSignature(turns[i]!) === prev;
    if (same) continue;
    if (i - runStart >= threshold) for (let k = runStart; k < i - 1; k++) repeats.add(k);
    runStart = i;
  }
  return repeats;
}

const ERROR_WORDS = /error|not found|invalid|denied|failed/i;
/** Longer outputs are content (a file, a record) that may mention these words in passing. */
const SHORT_OUTPUT = 200;

/**
 * Gym's chat converter calls a tool response an error when it starts with "Error:" or mentions error /
 * not found / invalid / denied / failed. Here the word test applies only to short outputs, and a source's
 * own error flag always counts.
 */
export function isToolError(output: OutputStep): boolean {
  if (output.flaggedError) return true;
  const text = output.text.trim();
  if (/^error\b/i.test(text)) return true;
  return text.length <= SHORT_OUTPUT && ERROR_WORDS.test(text);
}
