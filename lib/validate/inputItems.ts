/**
 * Shapes of `responses_create_params.input` items under Gym's `NeMoGymResponseInputItem` union
 * (`nemo_gym/openai_utils.py`, with openai 2.7.2 TypedDicts for content parts). Pydantic reports every
 * union member's errors at once; here each item is matched to the member it most plausibly meant
 * (by `type`, then by its keys) and only that member's problems are reported, each at its own path.
 */
import { type Finding, type JsonObject, getKey, hasKey, indexPath, isObject, keyPath, makeFinding } from "./finding";
import { pyRepr, pyStrip } from "./pythonText";

const MESSAGE_ROLES = new Set(["user", "assistant", "system", "developer"]);
const STATUSES = new Set(["in_progress", "completed", "incomplete"]);
const IMAGE_DETAILS = new Set(["low", "high", "auto"]);
// Hosted and client-executed items Gym also accepts; passed through unchecked.
export const PASS_THROUGH_ITEM_TYPES = new Set([
  "mcp_call", "mcp_list_tools", "mcp_approval_request", "mcp_approval_response", "file_search_call",
  "web_search_call", "computer_call", "computer_call_output", "image_generation_call", "code_interpreter_call",
  "local_shell_call", "local_shell_call_output", "custom_tool_call", "custom_tool_call_output",
]);
const REQUIRED_TOKEN_FIELDS = ["generation_log_probs", "generation_token_ids", "prompt_token_ids"]; // sorted, as Gym prints
const TOKEN_FIELDS = [...REQUIRED_TOKEN_FIELDS, "routed_experts"];

type Check = (value: unknown) => boolean;
const isStr: Check = (v) => typeof v === "string";
const isStrOrNull: Check = (v) => v === null || typeof v === "string";
const isStatusOrNull: Check = (v) => v === null || (typeof v === "string" && STATUSES.has(v));

class ItemChecker {
  constructor(
    private readonly out: Finding[],
    private readonly path: string,
    private readonly item: JsonObject,
    private readonly kind: string,
  ) {}

  /** A required field (pydantic `field: T` with no default). */
  required(key: string, ok: Check, expected: string): void {
    if (!hasKey(this.item, key)) {
      this.out.push(makeFinding("input_item_field_missing", `${this.kind} needs ${key}`, keyPath(this.path, key)));
    } else if (!ok(this.item[key])) {
      this.invalid(key, expected);
    }
  }

  /** An optional field: absent is fine, present must pass. */
  optional(key: string, ok: Check, expected: string): void {
    if (hasKey(this.item, key) && !ok(this.item[key])) this.invalid(key, expected);
  }

  invalid(key: string, expected: string): void {
    const message = `${this.kind} ${key} must be ${expected}, found ${pyRepr(this.item[key])}`;
    this.out.push(makeFinding("input_item_field_invalid", message, keyPath(this.path, key)));
  }
}

/** Checks every item of a list `input` (a string input is valid for the model and needs no check). */
export function checkInputItems(input: readonly unknown[], basePath: string, out: Finding[]): void {
  for (let i = 0; i < input.length; i++) checkInputItem(input[i], indexPath(basePath, i), out);
}

function checkInputItem(item: unknown, path: string, out: Finding[]): void {
  if (!isObject(item)) {
    out.push(makeFinding("input_item_not_object", `input item must be an object, found ${pyRepr(item)}`, path));
    return;
  }
  checkTokenFields(item, path, out);
  const type = inputItemKind(item);
  if (type === "message") checkMessage(item, path, out);
  else if (type === "function_call") checkFunctionCall(item, path, out);
  else if (type === "function_call_output") checkFunctionCallOutput(item, path, out);
  else if (type === "reasoning") checkReasoning(item, path, out);
  else if (type === undefined) {
    // Quirk: Gym gives every field of NeMoGymResponseMcpListTools a default and the SDK model allows extras,
    // so pydantic quietly accepts ANY untyped dict (this one, or an untyped message with a bad role) as an
    // empty mcp_list_tools and its content is lost. We report such items as errors on purpose.
    const message = "untyped input item matches no message, function_call, function_call_output or reasoning shape";
    out.push(makeFinding("input_item_unrecognized", message, path));
  } else if (typeof type !== "string" || !PASS_THROUGH_ITEM_TYPES.has(type)) {
    out.push(makeFinding("input_item_type_unknown", `input item type ${pyRepr(type)} is not accepted by Gym`, `${path}.type`));
  }
}

/** The item's `type`, or for an untyped item the member it matches by its keys (every non-hosted member defaults `type`). */
export function inputItemKind(item: JsonObject): unknown {
  return hasKey(item, "type") ? item.type : inferType(item);
}

function inferType(item: JsonObject): string | undefined {
  if (hasKey(item, "role") || hasKey(item, "content")) return "message";
  if (hasKey(item, "output")) return "function_call_output";
  if (hasKey(item, "arguments") || hasKey(item, "call_id")) return "function_call";
  if (hasKey(item, "summary")) return "reasoning";
  return undefined;
}

// Gym's _validate_atomic_token_metadata runs on every item before the union is tried.
function checkTokenFields(item: JsonObject, path: string, out: Finding[]): void {
  if (!TOKEN_FIELDS.some((field) => hasKey(item, field))) return;
  const missing = REQUIRED_TOKEN_FIELDS.filter((field) => !hasKey(item, field));
  if (missing.length > 0) {
    const message = `Token metadata must include all required fields; missing: ${missing.join(", ")}`;
    out.push(makeFinding("token_fields_incomplete", message, path));
  }
  const check = new ItemChecker(out, path, item, "token metadata");
  const intList: Check = (v) => Array.isArray(v) && v.every((x) => Number.isInteger(x));
  check.optional("prompt_token_ids", intList, "a list of ints");
  check.optional("generation_token_ids", intList, "a list of ints");
  check.optional("generation_log_probs", (v) => Array.isArray(v) && v.every((x) => typeof x === "number"), "a list of floats");
  check.optional("routed_experts", (v) => v === null || typeof v === "string" || Array.isArray(v), "a string or a nested list");
}

function checkMessage(item: JsonObject, path: string, out: Finding[]): void {
  const content = getKey(item, "content");
  if (typeof content === "string") {
    checkRole(item, path, MESSAGE_ROLES, out);
  } else if (!Array.isArray(content)) {
    const message = `message content must be a string or a list of content parts, found ${pyRepr(content)}`;
    out.push(makeFinding("message_content_invalid", message, `${path}.content`));
  } else if (content.some((p) => isObject(p) && (p.type === "output_text" || p.type === "refusal"))) {
    checkOutputMessage(item, content, path, out);
  } else {
    checkRole(item, path, MESSAGE_ROLES, out);
    content.forEach((part, i) => checkInputPart(part, indexPath(`${path}.content`, i), out));
  }
}

function checkRole(item: JsonObject, path: string, allowed: Set<string>, out: Finding[]): void {
  if (!hasKey(item, "role")) {
    out.push(makeFinding("input_item_field_missing", "message needs role", `${path}.role`));
    return;
  }
  const role = item.role;
  if (typeof role !== "string" || !allowed.has(role)) {
    const message = `message role must be one of ${[...allowed].join(", ")}, found ${pyRepr(role)}`;
    out.push(makeFinding("message_role_invalid", message, `${path}.role`));
  }
}

// NeMoGymResponseOutputMessage: an assistant turn replayed as input needs an id and output parts only.
function checkOutputMessage(item: JsonObject, content: unknown[], path: string, out: Finding[]): void {
  if (hasKey(item, "role") && item.role !== "assistant") {
    const message = `a message with output_text or refusal parts must have role assistant, found ${pyRepr(item.role)}`;
    out.push(makeFinding("message_role_invalid", message, `${path}.role`));
  }
  const check = new ItemChecker(out, path, item, "assistant output message");
  check.required("id", isStr, "a string");
  check.optional("status", (v) => typeof v === "string" && STATUSES.has(v), "in_progress, completed or incomplete");
  content.forEach((part, i) => checkOutputPart(part, indexPath(`${path}.content`, i), out));
}

function partProblem(out: Finding[], path: string, message: string): void {
  out.push(makeFinding("content_part_field_invalid", message, path));
}

function checkPartField(
  part: JsonObject,
  key: string,
  ok: Check,
  expected: string,
  required: boolean,
  path: string,
  out: Finding[],
): void {
  const type = String(part.type);
  if (!hasKey(part, key)) {
    if (required) partProblem(out, keyPath(path, key), `${type} part needs ${key}`);
  } else if (!ok(part[key])) {
    partProblem(out, keyPath(path, key), `${type} part ${key} must be ${expected}, found ${pyRepr(part[key])}`);
  }
}

function checkOutputPart(part: unknown, path: string, out: Finding[]): void {
  const type = isObject(part) ? part.type : undefined;
  if (!isObject(part) || (type !== "output_text" && type !== "refusal")) {
    const message = `an assistant output message holds only output_text or refusal parts, found ${pyRepr(type ?? part)}`;
    out.push(makeFinding("content_part_invalid", message, path));
    return;
  }
  if (type === "refusal") {
    checkPartField(part, "refusal", isStr, "a string", true, path, out);
    return;
  }
  checkPartField(part, "text", isStr, "a string", true, path, out);
  // `annotations: List[Annotation]` has no default: omitting it fails validation.
  checkPartField(part, "annotations", Array.isArray, "a list", true, path, out);
  checkPartField(part, "logprobs", (v) => v === null || Array.isArray(v), "a list or null", false, path, out);
}

function checkInputPart(part: unknown, path: string, out: Finding[]): void {
  const type = isObject(part) ? part.type : undefined;
  if (!isObject(part)) {
    out.push(makeFinding("content_part_invalid", `content part must be an object, found ${pyRepr(part)}`, path));
  } else if (type === "input_text") {
    checkPartField(part, "text", isStr, "a string", true, path, out);
  } else if (type === "input_image") {
    const isDetail: Check = (v) => typeof v === "string" && IMAGE_DETAILS.has(v);
    checkPartField(part, "detail", isDetail, "low, high or auto", true, path, out); // Required in openai 2.7.2
    checkPartField(part, "image_url", isStrOrNull, "a string or null", false, path, out);
    checkPartField(part, "file_id", isStrOrNull, "a string or null", false, path, out);
  } else if (type === "input_file") {
    checkPartField(part, "file_data", isStr, "a string", false, path, out);
    checkPartField(part, "file_id", isStrOrNull, "a string or null", false, path, out);
    checkPartField(part, "file_url", isStr, "a string", false, path, out);
    checkPartField(part, "filename", isStr, "a string", false, path, out);
  } else if (type === "input_video") {
    checkVideoPart(part, path, out);
  } else {
    const message = `content part type ${pyRepr(type)} is not one of input_text, input_image, input_file, input_video`;
    out.push(makeFinding("content_part_invalid", message, path));
  }
}

// Gym's _validate_input_video_part, with its own messages.
function checkVideoPart(part: JsonObject, path: string, out: Finding[]): void {
  const keys = ["video_url", "video"].filter((key) => hasKey(part, key));
  const key = keys[0];
  if (keys.length !== 1 || key === undefined) {
    out.push(makeFinding("input_video_source_invalid", "input_video requires exactly one of video_url or video", path));
    return;
  }
  const source = part[key];
  const url = isObject(source) ? getKey(source, "url") : source;
  if (typeof url !== "string" || pyStrip(url) === "") {
    const message = `input_video.${key} must contain a non-empty URL`;
    out.push(makeFinding("input_video_source_invalid", message, `${path}.${key}`));
  }
}

function checkFunctionCall(item: JsonObject, path: string, out: Finding[]): void {
  const check = new ItemChecker(out, path, item, "function_call");
  check.required("arguments", isStr, "a string");
  check.required("call_id", isStr, "a string");
  check.required("name", isStr, "a string");
  check.optional("id", isStrOrNull, "a string or null");
  check.optional("status", isStatusOrNull, "in_progress, completed, incomplete or null");
}

function checkFunctionCallOutput(item: JsonObject, path: string, out: Finding[]): void {
  const check = new ItemChecker(out, path, item, "function_call_output");
  check.required("call_id", isStr, "a string");
  check.required("output", (v) => typeof v === "string" || Array.isArray(v), "a string or a list of content items");
  check.optional("id", isStrOrNull, "a string or null");
  check.optional("status", isStatusOrNull, "in_progress, completed, incomplete or null");
  const output = getKey(item, "output");
  if (Array.isArray(output)) output.forEach((part, i) => checkOutputItemPart(part, indexPath(`${path}.output`, i), out));
}

// ResponseFunctionCallOutputItemParam: like input parts, but image detail is optional and nullable.
function checkOutputItemPart(part: unknown, path: string, out: Finding[]): void {
  const type = isObject(part) ? part.type : undefined;
  if (!isObject(part) || (type !== "input_text" && type !== "input_image" && type !== "input_file")) {
    const message = `function_call_output content must be input_text, input_image or input_file, found ${pyRepr(type ?? part)}`;
    out.push(makeFinding("content_part_invalid", message, path));
    return;
  }
  if (type === "input_text") {
    checkPartField(part, "text", isStr, "a string", true, path, out);
    return;
  }
  const isDetail: Check = (v) => v === null || (typeof v === "string" && IMAGE_DETAILS.has(v));
  if (type === "input_image") checkPartField(part, "detail", isDetail, "low, high, auto or null", false, path, out);
  const keys = type === "input_image" ? ["image_url", "file_id"] : ["file_data", "file_id", "file_url", "filename"];
  for (const key of keys) checkPartField(part, key, isStrOrNull, "a string or null", false, path, out);
}

function checkReasoning(item: JsonObject, path: string, out: Finding[]): void {
  const check = new ItemChecker(out, path, item, "reasoning");
  check.required("id", isStr, "a string");
  check.required("summary", Array.isArray, "a list");
  check.optional("encrypted_content", isStrOrNull, "a string or null");
  check.optional("content", (v) => v === null || Array.isArray(v), "a list or null");
  const textPart = (list: unknown, partType: string, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((part, i) => {
      const partPath = indexPath(base, i);
      if (!isObject(part) || part.type !== partType) {
        const found = isObject(part) ? part.type : part;
        out.push(makeFinding("content_part_invalid", `expected a ${partType} part, found ${pyRepr(found)}`, partPath));
      } else {
        checkPartField(part, "text", isStr, "a string", true, partPath, out);
      }
    });
  };
  textPart(getKey(item, "summary"), "summary_text", `${path}.summary`); // Summary.type has no default
  textPart(getKey(item, "content"), "reasoning_text", `${path}.content`);
}
