import type { ByteSource } from "../jsonl/byteSource";
import { isObject } from "../formats/json";
import { itemBucket, summarizeRow } from "../formats/rowSummary";

/**
 * Whether a file's rows are trajectories to convert into decision points, judged from its first rows:
 * message-list trajectories always are; a Gym rollout is when it is a multi-step run with no `expected_action`:
 * two or more assistant turns in `response.output`, or a user message there (τ²'s user simulator answering;
 * such a row may hold one assistant turn, its earlier ones being in `input`). Single-step rollouts of pivots stay
 * as they are: they are scored against pivots, not reviewed as decision points.
 */
export function isTrajectoryFile(firstRows: readonly unknown[]): boolean {
  return firstRows.some((row) => {
    const s = summarizeRow(row);
    if (!s.ok) return false;
    if (s.summary.row_kind === "trajectory") return true;
    if (s.summary.row_kind !== "rollout" || !isObject(row) || "expected_action" in row) return false;
    const response = row.response;
    if (!isObject(response) || !Array.isArray(response.output)) return false;
    return assistantTurns(response.output) >= 2 || response.output.some((item) => itemBucket(item) === "user");
  });
}

/**
 * A file the app opens as it is, not converted: its first rows are pivot rows or rollouts, and none of them is
 * a trajectory (`isTrajectoryFile`). Rows that are not JSON or of no known kind say neither.
 */
export function opensAsRows(firstRows: readonly unknown[]): boolean {
  if (isTrajectoryFile(firstRows)) return false;
  return firstRows.some((row) => {
    const s = summarizeRow(row);
    return s.ok && (s.summary.row_kind === "pivot" || s.summary.row_kind === "rollout");
  });
}

/** Runs of assistant items (messages, reasoning, calls) separated by tool outputs or other roles' messages. */
export function assistantTurns(output: readonly unknown[]): number {
  let turns = 0;
  let inTurn = false;
  for (const item of output) {
    const bucket = itemBucket(item);
    const assistant = bucket === "assistant" || bucket === "reasoning" || bucket === "function_call";
    if (assistant && !inTurn) turns++;
    inTurn = assistant;
  }
  return turns;
}

const FIRST_READ = 1 << 20;
const MAX_READ = 64 << 20;

/** The first complete JSONL rows of a source (up to `count`), parsed; unparsable lines are left out. */
export async function firstRows(source: ByteSource, count = 5): Promise<unknown[]> {
  let size = FIRST_READ;
  for (;;) {
    const bytes = await source.read(0, Math.min(size, source.size));
    const text = new TextDecoder().decode(bytes);
    const whole = bytes.length >= source.size;
    const lines = text.split("\n");
    if (!whole) lines.pop(); // the last piece may be cut
    if (lines.some((l) => l.trim() !== "") || whole || size >= MAX_READ) {
      return lines
        .filter((l) => l.trim() !== "")
        .slice(0, count)
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as unknown];
          } catch {
            return [];
          }
        });
    }
    size *= 4;
  }
}
