/**
 * Gym's request model, `NeMoGymResponseCreateParamsNonStreaming` (`nemo_gym/openai_utils.py`, openai 2.7.2
 * per Gym's uv.lock), as findings. Pydantic's lax mode converts many scalars (e.g. "5" to an int), so scalar
 * fields are flagged only for values it can never accept.
 *
 * Left to the script's stricter rules, to avoid reporting one problem twice: the type of `input` and `tools`,
 * `tool_choice` (the script demands "auto") and `parallel_tool_calls` (the script demands a real boolean).
 */
import { type Finding, type JsonObject, hasKey, isObject, keyPath, makeFinding } from "./finding";
import { checkInputItems } from "./inputItems";
import { ItemWalk } from "./itemWalk";
import { pyRepr } from "./pythonText";

/** The model's fields; with `extra="forbid"` any other key fails validation. */
export const REQUEST_MODEL_KEYS = [
  "background", "include", "input", "instructions", "max_output_tokens", "max_tool_calls", "metadata", "model",
  "parallel_tool_calls", "previous_response_id", "prompt", "reasoning", "service_tier", "store", "temperature",
  "text", "tool_choice", "tools", "top_logprobs", "top_p", "truncation", "user", "stream",
] as const;
const KNOWN_KEYS = new Set<string>(REQUEST_MODEL_KEYS);

const INCLUDABLES = new Set([
  "file_search_call.results", "web_search_call.results", "web_search_call.action.sources",
  "message.input_image.image_url", "computer_call_output.output.image_url", "code_interpreter_call.outputs",
  "reasoning.encrypted_content", "message.output_text.logprobs",
]);
// openai 2.7.2 ToolParam members other than function tools; passed through unchecked.
/** Tool types other than `function` that Gym's request model (openai's ToolParam union) accepts. */
export const OTHER_TOOL_TYPES: ReadonlySet<string> = new Set([
  "file_search", "computer_use_preview", "web_search", "web_search_2025_08_26", "mcp", "code_interpreter",
  "image_generation", "local_shell", "custom", "web_search_preview", "web_search_preview_2025_03_11",
]);
// Pydantic's lax bool accepts these strings as well as 0/1.
const LAX_BOOL_STRINGS = new Set(["0", "1", "f", "n", "no", "off", "false", "t", "y", "on", "yes", "true"]);
const NUMERIC_STRING = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity|nan)\s*$/i;
const INT_STRING = /^\s*[+-]?\d[\d_]*(\.0*)?\s*$/;

type Check = (v: unknown) => boolean;
export const laxBool: Check = (v) =>
  typeof v === "boolean" || v === 0 || v === 1 || (typeof v === "string" && LAX_BOOL_STRINGS.has(v.trim().toLowerCase()));
const laxInt: Check = (v) =>
  typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && INT_STRING.test(v));
const laxFloat: Check = (v) => laxFloatValue(v) !== null;

/** The float pydantic's lax mode makes of a value (bools and numeric strings too), or null when it refuses it. */
export function laxFloatValue(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return Number(v);
  if (typeof v !== "string" || !NUMERIC_STRING.test(v)) return null;
  const special = /^\s*([+-]?)(inf|infinity|nan)\s*$/i.exec(v);
  if (special) return special[2]!.toLowerCase() === "nan" ? NaN : special[1] === "-" ? -Infinity : Infinity;
  return Number(v.trim());
}
const includables: Check = (v) => Array.isArray(v) && v.every((x) => typeof x === "string" && INCLUDABLES.has(x));
const oneOf = (values: string[]): Check => (v) => typeof v === "string" && values.includes(v);
const nullOr = (check: Check): Check => (v) => v === null || check(v);

/** Optional scalar/object fields: the check and how to name what is expected. */
const FIELD_CHECKS: Record<string, [Check, string]> = {
  background: [nullOr(laxBool), "a boolean or null"],
  store: [nullOr(laxBool), "a boolean or null"],
  include: [nullOr(includables), "a list of includable names or null"],
  instructions: [nullOr((v) => typeof v === "string"), "a string or null"],
  previous_response_id: [nullOr((v) => typeof v === "string"), "a string or null"],
  user: [nullOr((v) => typeof v === "string"), "a string or null"],
  model: [nullOr((v) => typeof v === "string"), "a string or null"],
  max_output_tokens: [nullOr(laxInt), "an integer or null"],
  max_tool_calls: [nullOr(laxInt), "an integer or null"],
  top_logprobs: [nullOr(laxInt), "an integer or null"],
  temperature: [nullOr(laxFloat), "a number or null"],
  top_p: [nullOr(laxFloat), "a number or null"],
  service_tier: [nullOr(oneOf(["auto", "default", "flex", "scale", "priority"])), "auto, default, flex, scale, priority or null"],
  truncation: [nullOr(oneOf(["auto", "disabled"])), "auto, disabled or null"],
  stream: [(v) => v === null || v === false, "false or null (non-streaming model)"],
  prompt: [nullOr((v) => isObject(v) && typeof v.id === "string"), "an object with a string id, or null"],
  reasoning: [nullOr(isObject), "an object or null"],
  text: [nullOr(isObject), "an object or null"],
};

/**
 * Keys of the request's TypedDict fields (openai 2.7.2 `Reasoning`, `ResponseTextConfigParam`, `ResponsePromptParam`).
 * Pydantic applies a model's config to the TypedDicts inside it, so the request's `extra="forbid"` reaches them
 * (and the function tools): an unknown key there fails the model as one at the top does.
 */
const NESTED_KEYS: Partial<Record<string, ReadonlySet<string>>> = {
  reasoning: new Set(["effort", "generate_summary", "summary"]),
  text: new Set(["format", "verbosity"]),
  prompt: new Set(["id", "variables", "version"]),
};
// `text.format`'s union members by their `type`.
const FORMAT_KEYS: Record<string, ReadonlySet<string>> = {
  text: new Set(["type"]),
  json_object: new Set(["type"]),
  json_schema: new Set(["name", "schema", "type", "description", "strict"]),
};
const FUNCTION_TOOL_KEYS: ReadonlySet<string> = new Set(["name", "parameters", "strict", "type", "description"]);

function checkNestedKeys(value: JsonObject, known: ReadonlySet<string>, path: string, out: Finding[]): void {
  for (const key in value) {
    if (!hasKey(value, key) || known.has(key)) continue;
    const keyAt = keyPath(path, key);
    out.push(makeFinding("params_field_invalid", `${keyAt}: extra inputs are not permitted (Gym's request model forbids unknown keys)`, keyAt));
  }
}

function checkTextFormat(format: unknown, path: string, out: Finding[]): void {
  if (!isObject(format) || typeof format.type !== "string" || !hasKey(FORMAT_KEYS, format.type)) return;
  checkNestedKeys(format, FORMAT_KEYS[format.type] as ReadonlySet<string>, path, out);
}

/** Request-model findings for a `responses_create_params` value; a non-object is the script's to report. */
export function checkRequestModel(params: unknown, basePath = "responses_create_params"): Finding[] {
  const out: Finding[] = [];
  addRequestModelFindings(params, basePath, out);
  return out;
}

/** `checkRequestModel`, appending to `out`. */
export function addRequestModelFindings(params: unknown, basePath: string, out: Finding[]): void {
  if (!isObject(params)) return;
  for (const key in params) {
    if (!hasKey(params, key)) continue;
    if (!KNOWN_KEYS.has(key)) {
      const path = keyPath(basePath, key);
      const message = `${path}: extra inputs are not permitted (Gym's request model forbids unknown keys)`;
      out.push(makeFinding("params_unknown_key", message, path));
      continue;
    }
    const fieldCheck = FIELD_CHECKS[key];
    if (fieldCheck && !fieldCheck[0](params[key])) {
      const path = keyPath(basePath, key);
      const message = `${path} must be ${fieldCheck[1]}, found ${pyRepr(params[key])}`;
      out.push(makeFinding("params_field_invalid", message, path));
    } else {
      const value = params[key];
      const known = NESTED_KEYS[key];
      if (known !== undefined && isObject(value)) {
        checkNestedKeys(value, known, keyPath(basePath, key), out);
        if (key === "text") checkTextFormat(value.format, `${keyPath(basePath, key)}.format`, out);
      }
    }
  }
  checkMetadata(params, basePath, out);
  if (Array.isArray(params.input)) checkInputItems(params.input, `${basePath}.input`, out);
  if (Array.isArray(params.tools)) checkTools(params.tools, new ItemWalk(`${basePath}.tools`, out));
}

// `metadata: Optional[Dict[str, str]]`: null passes the model (the script is the one that rejects it).
function checkMetadata(params: JsonObject, basePath: string, out: Finding[]): void {
  if (!hasKey(params, "metadata") || params.metadata === null) return;
  const metadata = params.metadata;
  const path = `${basePath}.metadata`;
  if (!isObject(metadata)) {
    out.push(makeFinding("metadata_not_object", `${path} must be an object of strings, found ${pyRepr(metadata)}`, path));
    return;
  }
  for (const key in metadata) {
    if (!hasKey(metadata, key) || typeof metadata[key] === "string") continue;
    const valuePath = keyPath(path, key);
    const message = `${valuePath} must be a string (metadata is dict[str, str]), found ${pyRepr(metadata[key])}`;
    out.push(makeFinding("metadata_value_not_string", message, valuePath));
  }
}

function checkTools(tools: readonly unknown[], walk: ItemWalk): void {
  for (let i = 0; i < tools.length; i++) {
    walk.item = i;
    const tool: unknown = tools[i];
    if (!isObject(tool)) {
      walk.report("tool_not_object", `tool must be an object, found ${pyRepr(tool)}`);
      continue;
    }
    const type = tool.type;
    if (type === "function") {
      checkFunctionTool(tool, walk);
    } else if (typeof type !== "string" || !OTHER_TOOL_TYPES.has(type)) {
      const message = hasKey(tool, "type") ? `tool type ${pyRepr(type)} is not a Responses tool type` : "tool has no type";
      walk.report("tool_type_unknown", message, "type");
    }
  }
}

// openai 2.7.2 FunctionToolParam: name, parameters (may be null) and strict (may be null) are all Required.
function checkFunctionTool(tool: JsonObject, walk: ItemWalk): void {
  const { name, parameters, strict, description } = tool;
  if (name === undefined && !hasKey(tool, "name") && isObject(tool.function)) {
    const message = 'tool uses the Chat Completions shape {"type": "function", "function": {...}}; Responses tools are flat';
    walk.report("tool_nested_chat_format", message, "function");
    return;
  }
  requiredToolField(tool, "name", typeof name === "string", "a string", walk);
  requiredToolField(tool, "parameters", parameters === null || isObject(parameters), "an object or null", walk);
  requiredToolField(tool, "strict", strict === null || laxBool(strict), "a boolean or null", walk);
  if (description !== null && typeof description !== "string" && hasKey(tool, "description")) {
    const message = `function tool description must be a string or null, found ${pyRepr(description)}`;
    walk.report("tool_field_invalid", message, "description");
  }
  for (const key in tool) {
    if (hasKey(tool, key) && !FUNCTION_TOOL_KEYS.has(key)) {
      walk.report("tool_unknown_key", `function tool key ${pyRepr(key)}: extra inputs are not permitted (Gym's request model forbids unknown keys)`, key);
    }
  }
}

/** `ok`: the field's value passed its test (read by name by the caller); otherwise it is missing or wrong. */
function requiredToolField(tool: JsonObject, key: string, ok: boolean, expected: string, walk: ItemWalk): void {
  if (ok) return;
  if (!hasKey(tool, key)) walk.report("tool_field_missing", `function tool needs ${key}`, key);
  else walk.report("tool_field_invalid", `function tool ${key} must be ${expected}, found ${pyRepr(tool[key])}`, key);
}
