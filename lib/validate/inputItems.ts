/**
 * Shapes of `responses_create_params.input` items under Gym's `NeMoGymResponseInputItem` union
 * (`nemo_gym/openai_utils.py`, with openai 2.7.2 TypedDicts for content parts). Pydantic reports every
 * union member's errors at once; here each item is matched to the member it most plausibly meant
 * (by `type`, then by its keys) and only that member's problems are reported, each at its own path.
 *
 * This runs on every item of every pivot row during ingestion, so a clean item costs a few property reads:
 * no paths (see ItemWalk), no closures, no per-item objects.
 */
import { type Finding, type JsonObject, hasKey, isObject } from "./finding";
import { ItemWalk } from "./itemWalk";
import { pyRepr, pyStrip } from "./pythonText";

export const MESSAGE_ROLES: readonly unknown[] = ["user", "assistant", "system", "developer"];
// Hosted and client-executed items Gym also accepts; passed through unchecked.
export const PASS_THROUGH_ITEM_TYPES = new Set([
  "mcp_call", "mcp_list_tools", "mcp_approval_request", "mcp_approval_response", "file_search_call",
  "web_search_call", "computer_call", "computer_call_output", "image_generation_call", "code_interpreter_call",
  "local_shell_call", "local_shell_call_output", "custom_tool_call", "custom_tool_call_output",
]);
const REQUIRED_TOKEN_FIELDS = ["generation_log_probs", "generation_token_ids", "prompt_token_ids"]; // sorted, as Gym prints
/** The training variants' token fields (Gym's *ForTraining members). */
export const TOKEN_FIELDS = [...REQUIRED_TOKEN_FIELDS, "routed_experts"];

const isStrOrNull = (v: unknown) => v === null || typeof v === "string";
const isListOrNull = (v: unknown) => v === null || Array.isArray(v);
const isStatus = (v: unknown) => v === "in_progress" || v === "completed" || v === "incomplete";
const isStatusOrNull = (v: unknown) => v === null || isStatus(v);
const isDetail = (v: unknown) => v === "low" || v === "high" || v === "auto";
const isIntList = (v: unknown) => Array.isArray(v) && v.every((x) => Number.isInteger(x));
const isFloatList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "number");

/** Checks every item of a list `input` (a string input is valid for the model and needs no check). */
export function checkInputItems(input: readonly unknown[], basePath: string, out: Finding[]): void {
  const walk = new ItemWalk(basePath, out);
  for (let i = 0; i < input.length; i++) {
    walk.item = i;
    checkInputItem(input[i], walk);
  }
}

function checkInputItem(item: unknown, walk: ItemWalk): void {
  if (!isObject(item)) {
    walk.report("input_item_not_object", `input item must be an object, found ${pyRepr(item)}`);
    return;
  }
  if (hasTokenFields(item)) checkTokenFields(item, walk);
  const type = inputItemKind(item);
  if (type === "message") checkMessage(item, walk);
  else if (type === "function_call") checkFunctionCall(item, walk);
  else if (type === "function_call_output") checkFunctionCallOutput(item, walk);
  else if (type === "reasoning") checkReasoning(item, walk);
  else if (type === undefined) {
    // Quirk: Gym gives every field of NeMoGymResponseMcpListTools a default and the SDK model allows extras,
    // so pydantic quietly accepts ANY untyped dict (this one, or an untyped message with a bad role) as an
    // empty mcp_list_tools and its content is lost. We report such items as errors on purpose.
    const message = "untyped input item matches no message, function_call, function_call_output or reasoning shape";
    walk.report("input_item_unrecognized", message);
  } else if (!isAcceptedItemKind(type)) {
    walk.report("input_item_type_unknown", `input item type ${pyRepr(type)} is not accepted by Gym`, "type");
  }
}

const MODEL_ITEM_TYPES = new Set(["message", "function_call", "function_call_output", "reasoning"]);

/** Whether Gym's input union takes an item of this kind (`inputItemKind`): one of its four models, or a pass-through type. */
export function isAcceptedItemKind(kind: unknown): boolean {
  return typeof kind === "string" && (MODEL_ITEM_TYPES.has(kind) || PASS_THROUGH_ITEM_TYPES.has(kind));
}

/** The item's `type`, or for an untyped item the member it matches by its keys (every non-hosted member defaults `type`). */
export function inputItemKind(item: JsonObject): unknown {
  const type = item.type;
  return type !== undefined || hasKey(item, "type") ? type : inferType(item);
}

function inferType(item: JsonObject): string | undefined {
  if (hasKey(item, "role") || hasKey(item, "content")) return "message";
  if (hasKey(item, "output")) return "function_call_output";
  if (hasKey(item, "arguments") || hasKey(item, "call_id")) return "function_call";
  if (hasKey(item, "summary")) return "reasoning";
  return undefined;
}

// One pass over the item's few (enumerable, as all JSON keys are) keys costs less than four lookups of keys that
// are almost never there. The four names are 14 to 20 characters long, most item keys much shorter.
function hasTokenFields(item: JsonObject): boolean {
  for (const key in item) if (key.length >= 14 && TOKEN_FIELDS.includes(key) && hasKey(item, key)) return true;
  return false;
}

// Gym's _validate_atomic_token_metadata runs on every item before the union is tried.
function checkTokenFields(item: JsonObject, walk: ItemWalk): void {
  const missing = REQUIRED_TOKEN_FIELDS.filter((field) => !hasKey(item, field));
  if (missing.length > 0) {
    walk.report("token_fields_incomplete", `Token metadata must include all required fields; missing: ${missing.join(", ")}`);
  }
  const kind = "token metadata";
  walk.optional(item, kind, "prompt_token_ids", isIntList(item.prompt_token_ids), "a list of ints");
  walk.optional(item, kind, "generation_token_ids", isIntList(item.generation_token_ids), "a list of ints");
  walk.optional(item, kind, "generation_log_probs", isFloatList(item.generation_log_probs), "a list of floats");
  const experts = item.routed_experts;
  walk.optional(item, kind, "routed_experts", isStrOrNull(experts) || Array.isArray(experts), "a string or a nested list");
}

/**
 * Whether the message can only be an assistant output message: a part is output_text or refusal, or has no
 * `type` (every input part requires one; the output parts default theirs, so `{text, annotations}` is output_text).
 */
export function hasOutputPart(content: readonly unknown[]): boolean {
  for (const part of content) {
    if (isObject(part) && (part.type === "output_text" || part.type === "refusal" || !hasKey(part, "type"))) return true;
  }
  return false;
}

function checkMessage(item: JsonObject, walk: ItemWalk): void {
  const content = item.content;
  if (typeof content === "string") {
    checkRole(item, walk);
  } else if (!Array.isArray(content)) {
    const message = `message content must be a string or a list of content parts, found ${pyRepr(content)}`;
    walk.report("message_content_invalid", message, "content");
  } else if (hasOutputPart(content)) {
    checkOutputMessage(item, content, walk);
  } else {
    checkRole(item, walk);
    walk.list = "content";
    for (let i = 0; i < content.length; i++) {
      walk.part = i;
      checkInputPart(content[i], walk);
    }
    walk.list = "";
  }
}

function checkRole(item: JsonObject, walk: ItemWalk): void {
  const role = item.role;
  if (MESSAGE_ROLES.includes(role)) return;
  if (!hasKey(item, "role")) {
    walk.report("input_item_field_missing", "message needs role", "role");
  } else {
    const message = `message role must be one of ${MESSAGE_ROLES.join(", ")}, found ${pyRepr(role)}`;
    walk.report("message_role_invalid", message, "role");
  }
}

// NeMoGymResponseOutputMessage: an assistant turn replayed as input needs an id and output parts only.
function checkOutputMessage(item: JsonObject, content: readonly unknown[], walk: ItemWalk): void {
  if (item.role !== "assistant" && hasKey(item, "role")) {
    const message = `a message with output_text or refusal parts must have role assistant, found ${pyRepr(item.role)}`;
    walk.report("message_role_invalid", message, "role");
  }
  const kind = "assistant output message";
  walk.required(item, kind, "id", typeof item.id === "string", "a string");
  walk.optional(item, kind, "status", isStatus(item.status), "in_progress, completed or incomplete");
  walk.list = "content";
  for (let i = 0; i < content.length; i++) {
    walk.part = i;
    checkOutputPart(content[i], walk);
  }
  walk.list = "";
}

/** The type an output message's part validates as: its own, or for an untyped one whichever of the two it fits. */
export function outputPartType(part: JsonObject): unknown {
  return hasKey(part, "type") ? part.type : hasKey(part, "refusal") ? "refusal" : "output_text";
}

function checkOutputPart(part: unknown, walk: ItemWalk): void {
  // An untyped part is named by the type it validates as.
  if (isObject(part) && !hasKey(part, "type")) part = { ...part, type: outputPartType(part) };
  const type = isObject(part) ? part.type : undefined;
  if (!isObject(part) || (type !== "output_text" && type !== "refusal")) {
    const message = `an assistant output message holds only output_text or refusal parts, found ${pyRepr(type ?? part)}`;
    walk.report("content_part_invalid", message);
    return;
  }
  if (type === "refusal") {
    walk.requiredPart(part, "refusal", typeof part.refusal === "string", "a string");
    return;
  }
  walk.requiredPart(part, "text", typeof part.text === "string", "a string");
  // `annotations: List[Annotation]` has no default: omitting it fails validation.
  walk.requiredPart(part, "annotations", Array.isArray(part.annotations), "a list");
  walk.optionalPart(part, "logprobs", isListOrNull(part.logprobs), "a list or null");
}

function checkInputPart(part: unknown, walk: ItemWalk): void {
  const type = isObject(part) ? part.type : undefined;
  if (!isObject(part)) {
    walk.report("content_part_invalid", `content part must be an object, found ${pyRepr(part)}`);
  } else if (type === "input_text") {
    walk.requiredPart(part, "text", typeof part.text === "string", "a string");
  } else if (type === "input_image") {
    walk.requiredPart(part, "detail", isDetail(part.detail), "low, high or auto"); // Required in openai 2.7.2
    walk.optionalPart(part, "image_url", isStrOrNull(part.image_url), "a string or null");
    walk.optionalPart(part, "file_id", isStrOrNull(part.file_id), "a string or null");
  } else if (type === "input_file") {
    walk.optionalPart(part, "file_data", typeof part.file_data === "string", "a string");
    walk.optionalPart(part, "file_id", isStrOrNull(part.file_id), "a string or null");
    walk.optionalPart(part, "file_url", typeof part.file_url === "string", "a string");
    walk.optionalPart(part, "filename", typeof part.filename === "string", "a string");
  } else if (type === "input_video") {
    checkVideoPart(part, walk);
  } else {
    const message = `content part type ${pyRepr(type)} is not one of input_text, input_image, input_file, input_video`;
    walk.report("content_part_invalid", message);
  }
}

// Gym's _validate_input_video_part, with its own messages.
function checkVideoPart(part: JsonObject, walk: ItemWalk): void {
  const hasUrl = hasKey(part, "video_url");
  if (hasUrl === hasKey(part, "video")) {
    walk.report("input_video_source_invalid", "input_video requires exactly one of video_url or video");
    return;
  }
  const key = hasUrl ? "video_url" : "video";
  const source = part[key];
  const url = isObject(source) ? source.url : source;
  if (typeof url !== "string" || pyStrip(url) === "") {
    walk.report("input_video_source_invalid", `input_video.${key} must contain a non-empty URL`, key);
  }
}

function checkFunctionCall(item: JsonObject, walk: ItemWalk): void {
  const kind = "function_call";
  walk.required(item, kind, "arguments", typeof item.arguments === "string", "a string");
  walk.required(item, kind, "call_id", typeof item.call_id === "string", "a string");
  walk.required(item, kind, "name", typeof item.name === "string", "a string");
  walk.optional(item, kind, "id", isStrOrNull(item.id), "a string or null");
  walk.optional(item, kind, "status", isStatusOrNull(item.status), "in_progress, completed, incomplete or null");
}

function checkFunctionCallOutput(item: JsonObject, walk: ItemWalk): void {
  const kind = "function_call_output";
  const output = item.output;
  walk.required(item, kind, "call_id", typeof item.call_id === "string", "a string");
  walk.required(item, kind, "output", typeof output === "string" || Array.isArray(output), "a string or a list of content items");
  walk.optional(item, kind, "id", isStrOrNull(item.id), "a string or null");
  walk.optional(item, kind, "status", isStatusOrNull(item.status), "in_progress, completed, incomplete or null");
  if (!Array.isArray(output)) return;
  walk.list = "output";
  for (let i = 0; i < output.length; i++) {
    walk.part = i;
    checkOutputItemPart(output[i], walk);
  }
  walk.list = "";
}

// ResponseFunctionCallOutputItemParam: like input parts, but image detail is optional and nullable.
function checkOutputItemPart(part: unknown, walk: ItemWalk): void {
  const type = isObject(part) ? part.type : undefined;
  if (!isObject(part) || (type !== "input_text" && type !== "input_image" && type !== "input_file")) {
    const message = `function_call_output content must be input_text, input_image or input_file, found ${pyRepr(type ?? part)}`;
    walk.report("content_part_invalid", message);
    return;
  }
  if (type === "input_text") {
    walk.requiredPart(part, "text", typeof part.text === "string", "a string");
    return;
  }
  const nullable = "a string or null";
  if (type === "input_image") {
    walk.optionalPart(part, "detail", part.detail === null || isDetail(part.detail), "low, high, auto or null");
    walk.optionalPart(part, "image_url", isStrOrNull(part.image_url), nullable);
    walk.optionalPart(part, "file_id", isStrOrNull(part.file_id), nullable);
  } else {
    walk.optionalPart(part, "file_data", isStrOrNull(part.file_data), nullable);
    walk.optionalPart(part, "file_id", isStrOrNull(part.file_id), nullable);
    walk.optionalPart(part, "file_url", isStrOrNull(part.file_url), nullable);
    walk.optionalPart(part, "filename", isStrOrNull(part.filename), nullable);
  }
}

function checkReasoning(item: JsonObject, walk: ItemWalk): void {
  const kind = "reasoning";
  const summary = item.summary;
  const content = item.content;
  walk.required(item, kind, "id", typeof item.id === "string", "a string");
  walk.required(item, kind, "summary", Array.isArray(summary), "a list");
  walk.optional(item, kind, "encrypted_content", isStrOrNull(item.encrypted_content), "a string or null");
  walk.optional(item, kind, "content", isListOrNull(content), "a list or null");
  if (Array.isArray(summary)) checkTextParts(summary, "summary", "summary_text", walk); // Summary.type has no default
  if (Array.isArray(content)) checkTextParts(content, "content", "reasoning_text", walk);
}

/** A reasoning item's `summary` or `content`: parts of one type, each with a string text. */
function checkTextParts(list: readonly unknown[], listKey: string, partType: string, walk: ItemWalk): void {
  walk.list = listKey;
  for (let i = 0; i < list.length; i++) {
    walk.part = i;
    const part = list[i];
    if (!isObject(part) || part.type !== partType) {
      const found = isObject(part) ? part.type : part;
      walk.report("content_part_invalid", `expected a ${partType} part, found ${pyRepr(found)}`);
    } else {
      walk.requiredPart(part, "text", typeof part.text === "string", "a string");
    }
  }
  walk.list = "";
}
