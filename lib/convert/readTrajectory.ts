/** Reads a row in a given source format into a normalized `Trajectory`. */
import { isObject, str, type JsonObject } from "../formats/json";
import { contentText } from "./content";
import { isGymRollout } from "./detectFormat";
import type { ExactTwins } from "./exactNumbers";
import { emptyMessageListError, findMessageList, findSystemPrompt } from "./findByMeaning";
import type { SourceFormat } from "./options";
import { readAnthropicMessages } from "./readAnthropic";
import { readChatMessages } from "./readChat";
import { readResponsesItems } from "./readResponses";
import { readShareGptTurns } from "./readShareGpt";
import { TrajectoryBuilder, type Trajectory } from "./trajectory";

export type TrajectoryResult = { ok: true; trajectory: Trajectory } | { ok: false; error: string };

const READERS: Record<Exclude<SourceFormat, "gym_rollout">, (list: readonly unknown[], b: TrajectoryBuilder) => void> = {
  openai_chat: readChatMessages,
  tau2: readChatMessages,
  anthropic: readAnthropicMessages,
  sharegpt: readShareGptTurns,
};

function isSystemMessage(m: unknown): boolean {
  if (!isObject(m)) return false;
  const role = str(m.role) ?? str(m.from);
  return role === "system" || role === "developer";
}

/**
 * The system prompt of a list that has none of its own: a top-level `system` (Anthropic, LLaMA-Factory), or
 * the leading system items of a Gym rollout's input when its chat transcript is read instead (τ² `result.messages`).
 */
function outsideSystemPrompt(row: unknown): string | null {
  const top = findSystemPrompt(row);
  if (top !== undefined) return top;
  const params = isObject(row) && isObject(row.responses_create_params) ? row.responses_create_params : null;
  const first: unknown = params && Array.isArray(params.input) ? params.input[0] : undefined;
  if (isSystemMessage(first)) return contentText((first as JsonObject).content);
  return null;
}

function gymItems(row: JsonObject): unknown[] {
  const params = isObject(row.responses_create_params) ? row.responses_create_params : {};
  const input = typeof params.input === "string" ? [{ role: "user", content: params.input }] : Array.isArray(params.input) ? params.input : [];
  const output = isObject(row.response) && Array.isArray(row.response.output) ? row.response.output : [];
  return [...input, ...output];
}

function gymInstructions(row: JsonObject): string | null {
  const params = isObject(row.responses_create_params) ? row.responses_create_params : {};
  return str(params.instructions) || null;
}

export function readTrajectory(row: unknown, format: SourceFormat, twins?: ExactTwins): TrajectoryResult {
  const b = new TrajectoryBuilder(twins);
  if (format === "gym_rollout") {
    const items = isGymRollout(row) ? gymItems(row) : findMessageList(row);
    if (!items) {
      const promptOnly = isObject(row) && isObject(row.responses_create_params) && row.responses_create_params.input !== undefined;
      // A pivot row (or a request) has the prompt but not the model's output: nothing after the prompt to convert.
      if (promptOnly) return { ok: false, error: "no response.output: responses_create_params.input is only the prompt; a Gym rollout also has the model's output items" };
      return { ok: false, error: "no Responses items (responses_create_params.input / response.output) or message list" };
    }
    const instructions = isGymRollout(row) ? gymInstructions(row) : null;
    if (instructions) b.context("system", instructions);
    readResponsesItems(items, b);
    return { ok: true, trajectory: b.build(items.length) };
  }
  const list = findMessageList(row);
  const empty = list ? null : emptyMessageListError(row);
  if (empty) return { ok: false, error: empty };
  if (!list) return { ok: false, error: `no message list found for format ${format} (messages, conversations, traj, history, chat, …)` };
  const system = list.some(isSystemMessage) ? null : outsideSystemPrompt(row);
  if (system !== null) b.context("system", system);
  READERS[format](list, b);
  return { ok: true, trajectory: b.build(list.length) };
}
