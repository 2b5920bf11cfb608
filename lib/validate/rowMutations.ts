/**
 * Test support: seeded random damage to pivot rows (keys dropped, values swapped for ones the validators care
 * about, items duplicated or appended), so tests can pin every finding over rows no one wrote by hand.
 */
import { prng } from "../testing/prng";

type Json = unknown;
type Container = Record<string, Json> | Json[];

const KEYS = [
  "type", "role", "content", "id", "status", "arguments", "call_id", "name", "output", "summary", "encrypted_content",
  "text", "annotations", "logprobs", "detail", "image_url", "file_id", "file_data", "file_url", "filename",
  "video_url", "video", "refusal", "prompt_token_ids", "generation_token_ids", "generation_log_probs",
  "routed_experts", "function", "parameters", "strict", "description", "metadata", "tool_choice",
  "parallel_tool_calls", "temperature", "stream", "include", "messages", "odd key", "__proto__", "calls", "enum",
  "required", "properties", "additionalProperties", "items", "agent_ref", "expected_action",
  "responses_create_params", "tools", "input", "max_output_tokens", "service_tier", "prompt", "user", "store",
];

const VALUES: Json[] = [
  null, true, false, 0, 1, 1.5, -0, 2 ** 60, "", " ", "x", "1", "yes", "auto", "message", "function_call",
  "function_call_output", "function_call_batch", "reasoning", "input_text", "output_text", "refusal",
  "input_image", "input_file", "input_video", "summary_text", "reasoning_text", "mcp_call", "assistant", "user",
  "system", "developer", "tool", "completed", "low", "responses_api_agents", "get_weather", "{", "{}",
  '{"a": 1}', '{"city": "Paris", "units": "k"}', "NaN", "[1, 2]", "é\u2028'\"", [], [1], ["x"], [[1, 2]], {},
  { type: "input_text", text: "t" },
  { type: "output_text", text: "t", annotations: [] },
  { type: "summary_text", text: "s" },
  { type: "reasoning_text", text: "r" },
  { role: "assistant", content: "hi" },
  { type: "message", role: "assistant", id: "m1", content: [{ type: "output_text", text: "t", annotations: [] }] },
  { type: "function_call", name: "get_weather", arguments: "{}", call_id: "c1" },
  { type: "function_call_output", call_id: "c1", output: "ok" },
  { type: "reasoning", id: "r1", summary: [] },
  { type: "function", name: "get_weather", parameters: { type: "object" }, strict: null },
  { type: "function", function: { name: "f", parameters: {} } },
  { url: " " },
  { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false },
  { type: ["string", "null"], enum: ["a", null] },
  { prompt_token_ids: [1], generation_token_ids: [2], generation_log_probs: [0.5] },
];

// Own-key writes that also work for "__proto__" (plain assignment would set the prototype instead).
function setKey(obj: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function containers(value: Json, out: Container[] = []): Container[] {
  if (Array.isArray(value)) {
    out.push(value);
    for (const item of value) containers(item, out);
  } else if (typeof value === "object" && value !== null) {
    out.push(value as Record<string, Json>);
    for (const key of Object.keys(value)) containers((value as Record<string, Json>)[key], out);
  }
  return out;
}

/** Returns `count` damaged deep copies of `row`, 1–3 changes each, the same for the same seed. */
export function mutateRow(row: Json, count: number, seed: number): Json[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const value = (): Json => structuredClone(pick(VALUES));
  const out: Json[] = [];
  for (let n = 0; n < count; n++) {
    const copy = structuredClone(row);
    const changes = 1 + Math.floor(random() * 3);
    for (let c = 0; c < changes; c++) {
      const nodes = containers(copy);
      if (nodes.length === 0) break;
      const node = pick(nodes);
      const op = random();
      if (Array.isArray(node)) {
        const i = Math.floor(random() * (node.length + 1));
        if (op < 0.3 && node.length > 0) node.splice(Math.min(i, node.length - 1), 1);
        else if (op < 0.6 && node.length > 0) node[Math.min(i, node.length - 1)] = value();
        else if (op < 0.8 && node.length > 0) node.push(structuredClone(pick(node)));
        else node.splice(i, 0, value());
      } else {
        const keys = Object.keys(node);
        if (op < 0.3 && keys.length > 0) delete node[pick(keys)];
        else if (op < 0.65 && keys.length > 0) setKey(node, pick(keys), value());
        else setKey(node, pick(KEYS), value());
      }
    }
    // Now and then the expected action is copied to the end of the input (the "repeats prefix" warning).
    const params = (copy as Record<string, Json>)?.responses_create_params as Record<string, Json> | undefined;
    const action = (copy as Record<string, Json>)?.expected_action;
    if (random() < 0.1 && Array.isArray(params?.input) && action !== undefined) params.input.push(structuredClone(action));
    out.push(copy);
  }
  return out;
}
