/**
 * Finds a trajectory's parts by meaning, not by container: the message list, tools, task id, trajectory id,
 * reward and system prompt, under the names sources commonly use. Rows are untrusted: every lookup tolerates
 * any value at any key.
 */
import { isObject, jsonTypeName, num, str, type JsonObject } from "../formats/json";
import { parsePythonLiteral } from "./pythonLiteral";

/** Keys that hold a conversation, most specific first. */
const MESSAGE_LIST_KEYS = [
  "messages", "conversations", "conversation", "traj", "trajectory", "history", "chat", "turns", "dialog",
  "dialogue", "transcript",
];
/** A row whose message-list key holds something else (`"messages": "hi"`): what it holds, or null. */
export function misshapenMessageList(row: unknown): string | null {
  if (!isObject(row)) return null;
  const key = MESSAGE_LIST_KEYS.find((k) => k in row && !Array.isArray(row[k]));
  return key === undefined ? null : `"${key}" is ${jsonTypeName(row[key])}, not a list of messages`;
}

/** Nested objects searched (breadth-first, two levels) when the row itself has no message list. */
const NESTING_DEPTH = 2;

function isMessageLike(v: unknown): boolean {
  return isObject(v) && ("role" in v || "from" in v || "type" in v);
}

function messageListAt(obj: JsonObject): unknown[] | null {
  for (const key of MESSAGE_LIST_KEYS) {
    const v = obj[key];
    if (Array.isArray(v) && v.some(isMessageLike)) return v;
  }
  return null;
}

/** What is wrong with a row whose known message-list key holds an empty list (`{"messages": []}`), if that is it. */
export function emptyMessageListError(row: unknown): string | null {
  if (!isObject(row)) return null;
  const key = MESSAGE_LIST_KEYS.find((k) => Array.isArray(row[k]) && (row[k] as unknown[]).length === 0);
  return key === undefined ? null : `"${key}" is an empty list: no messages to convert`;
}

/** The row's message list: the row itself when it is an array, a known key, or a known key one or two levels down (`result.messages`). */
export function findMessageList(row: unknown): unknown[] | null {
  if (Array.isArray(row)) return row.some(isMessageLike) ? row : null;
  if (!isObject(row)) return null;
  let level: JsonObject[] = [row];
  for (let depth = 0; depth <= NESTING_DEPTH && level.length > 0; depth++) {
    for (const obj of level) {
      const found = messageListAt(obj);
      if (found) return found;
    }
    level = level.flatMap((obj) => Object.values(obj).filter(isObject));
  }
  return null;
}

/** A dotted path, split once. */
type Path = readonly string[];
const paths = (dotted: readonly string[]): Path[] => dotted.map((p) => p.split("."));

/** Value at a path, or undefined. */
function at(row: JsonObject, path: Path): unknown {
  let cur: unknown = row;
  for (const part of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function firstString(row: JsonObject, candidates: readonly Path[]): string | undefined {
  for (const p of candidates) {
    const v = at(row, p);
    if (typeof v === "string" && v !== "") return v;
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

const TASK_ID_PATHS = paths([
  "task_id", "task.id", "result.task_id", "metadata.task_id", "info.task_id", "meta.task_id", "extra_info.task_id",
  "instance_id", "problem_id", "question_id", "sample_id",
]);
const TRAJECTORY_ID_PATHS = paths([
  "trajectory_id", "id", "uuid", "conversation_id", "session_id", "rollout_id", "metadata.trajectory_id",
  "metadata.id", "metadata.uuid", "result.id",
]);
const REWARD_PATHS = paths([
  "reward", "metadata.reward", "info.reward", "result.reward", "meta.reward", "extra_info.reward", "metrics.reward",
  "result.reward_info.reward",
]);
const TOOLS_PATHS = paths([
  "tools", "functions", "tool_schemas", "available_tools", "responses_create_params.tools", "response.tools",
  "metadata.tools", "info.tools",
]);

export function findTaskId(row: unknown): string | undefined {
  return isObject(row) ? firstString(row, TASK_ID_PATHS) : undefined;
}

export function findTrajectoryId(row: unknown): string | undefined {
  return isObject(row) ? firstString(row, TRAJECTORY_ID_PATHS) : undefined;
}

/** The trajectory's reward: a number, or a boolean as 1/0. */
export function findReward(row: unknown): number | undefined {
  if (!isObject(row)) return undefined;
  for (const p of REWARD_PATHS) {
    const v = num(at(row, p));
    if (v !== null) return v;
  }
  return undefined;
}

/** Gym's `_ng_task_index` / `_ng_rollout_index`. */
export function findGymIndices(row: unknown): { taskIndex?: number; rolloutIndex?: number } {
  if (!isObject(row)) return {};
  const index = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : undefined);
  return { taskIndex: index(row._ng_task_index), rolloutIndex: index(row._ng_rollout_index) };
}

/** The row's raw tool list (any shape; a JSON string is parsed, as Hermes datasets store it). */
export function findRowTools(row: unknown): unknown[] {
  if (!isObject(row)) return [];
  for (const p of TOOLS_PATHS) {
    let v = at(row, p);
    if (typeof v === "string") v = tryParseJson(v);
    if (Array.isArray(v) && v.length > 0) return v;
  }
  return [];
}

/** Tools a Hermes system prompt declares between `<tools>` tags: a list, or one object per line (JSON or Python). */
export function toolsInSystemPrompt(text: string): unknown[] {
  const m = /<tools>([\s\S]*?)<\/tools>/.exec(text);
  if (!m) return [];
  const body = m[1]!.trim();
  // JSON, or the Python repr that hermes-function-calling data writes.
  const read = (text: string) => tryParseJson(text) ?? parsePythonLiteral(text, "plain");
  const whole = read(body);
  if (Array.isArray(whole)) return whole;
  if (isObject(whole)) return [whole];
  return body.split("\n").flatMap((line) => {
    const v = read(line.trim());
    return isObject(v) ? [v] : [];
  });
}

/** A top-level system prompt kept beside the messages (Anthropic `system`, LLaMA-Factory `system`). */
export function findSystemPrompt(row: unknown): string | undefined {
  if (!isObject(row)) return undefined;
  for (const key of ["system", "system_prompt"]) {
    const v = row[key];
    if (typeof v === "string" && v !== "") return v;
    if (Array.isArray(v)) {
      const text = v.map((b) => (isObject(b) ? (str(b.text) ?? "") : typeof b === "string" ? b : "")).join("\n");
      if (text !== "") return text;
    }
  }
  return undefined;
}

/** `JSON.parse`, or undefined when the text is not JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
