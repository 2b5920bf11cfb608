/**
 * Vocabulary of lib/validate.
 * - finding: one problem with one pivot row (or with the file), with a stable snake_case `code`.
 * - layer: where a rule comes from. `gym_script` = Gym's `validate_pivot_dataset.py` (exact wording);
 *   `request_model` = Gym's pydantic request model (`NeMoGymResponseCreateParamsNonStreaming`);
 *   `beyond_gym` = checks Gym does not make but that catch real dataset bugs.
 * - path: a JSON path into the row, e.g. `responses_create_params.input[3].call_id` ("" = the row itself).
 */

export type FindingSeverity = "error" | "warning";
export type FindingLayer = "gym_script" | "request_model" | "beyond_gym";

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  message: string;
  path: string;
  /** 1-based physical line in the JSONL file, when known. */
  line?: number;
}

interface CatalogueEntry {
  severity: FindingSeverity;
  layer: FindingLayer;
  description: string;
}

const gym = (description: string): CatalogueEntry => ({ severity: "error", layer: "gym_script", description });
const model = (description: string): CatalogueEntry => ({ severity: "error", layer: "request_model", description });
const beyond = (description: string): CatalogueEntry => ({ severity: "warning", layer: "beyond_gym", description });

/** Every finding code, in the order the checks run. The UI lists this; tests keep it in step with the rules. */
export const FINDING_CATALOGUE = {
  jsonl_invalid_json: gym("A non-blank line is not JSON (Python json.loads rules)."),
  jsonl_no_rows: gym("The file has no non-blank lines."),
  row_not_object: gym("The row is not a JSON object."),
  required_key_missing: gym("The row lacks responses_create_params, expected_action or agent_ref."),
  required_field_missing: gym("A --require-field dotted path is absent or null."),
  required_any_field_missing: gym("No path of a --require-any-field group is present and non-null."),
  agent_ref_not_object: gym("agent_ref is not an object."),
  agent_ref_type_invalid: gym('agent_ref.type is not "responses_api_agents".'),
  agent_ref_name_invalid: gym("agent_ref.name is not a non-empty string."),
  agent_ref_name_mismatch: gym("agent_ref.name differs from the expected agent name (--agent-ref)."),
  responses_create_params_not_object: gym("responses_create_params is not an object."),
  metadata_null: gym("responses_create_params.metadata is present but null."),
  tool_choice_not_auto: gym('responses_create_params.tool_choice is present but not "auto".'),
  input_not_nonempty_list: gym("responses_create_params.input is not a non-empty list (a string fails too)."),
  tools_not_list: gym("responses_create_params.tools is missing or not a list."),
  parallel_tool_calls_not_bool: gym("responses_create_params.parallel_tool_calls is present but not a boolean."),
  expected_action_not_object: gym("expected_action is not an object."),
  message_content_not_string: gym("A message expected_action has no string content."),
  expected_action_type_unsupported: gym('expected_action.type is not "message" or "function_call" (batches only with allowBatch).'),
  batch_calls_invalid: gym("A function_call_batch has no non-empty calls list (allowBatch only)."),
  expected_call_not_object: gym("A call in a function_call_batch is not an object (allowBatch only)."),
  expected_call_type_invalid: gym('A call in a function_call_batch does not have type "function_call" (allowBatch only).'),
  function_call_name_missing: gym("An expected function call has no non-empty name."),
  function_call_arguments_not_string: gym("An expected function call's arguments is not a string."),
  function_call_arguments_invalid_json: gym("An expected function call's arguments string is not JSON."),
  expected_tool_not_in_tools: gym("An expected tool name is not among responses_create_params.tools."),

  params_unknown_key: model("responses_create_params has a key the request model forbids (extra=forbid)."),
  params_field_invalid: model("A known responses_create_params field has a value of the wrong type."),
  metadata_not_object: model("responses_create_params.metadata is not an object of strings."),
  metadata_value_not_string: model("A responses_create_params.metadata value is not a string."),
  input_item_not_object: model("An input item is not an object."),
  input_item_type_unknown: model("An input item's type is not one Gym accepts."),
  input_item_unrecognized: model("An untyped input item matches no message, call, output or reasoning shape."),
  input_item_field_missing: model("An input item lacks a required field."),
  input_item_field_invalid: model("An input item field has the wrong type or value."),
  message_role_invalid: model("A message role is not allowed for its shape."),
  message_content_invalid: model("A message content is neither a string nor a list of parts."),
  content_part_invalid: model("A content part is not an object or has a type its message cannot hold."),
  content_part_field_invalid: model("A content part lacks a required field or has one of the wrong type."),
  input_video_source_invalid: model("An input_video part does not carry exactly one non-empty video source."),
  token_fields_incomplete: model("An input item has some but not all of the training token fields."),
  tool_not_object: model("A tool is not an object."),
  tool_type_unknown: model("A tool has no type or a type the request model does not know."),
  tool_nested_chat_format: model('A tool uses the Chat Completions shape {"type":"function","function":{…}}.'),
  tool_field_missing: model("A function tool lacks name, parameters or strict."),
  tool_field_invalid: model("A function tool field has the wrong type."),
  tool_unknown_key: model("A function tool has a key other than type, name, description, parameters and strict (extra=forbid reaches tools)."),

  params_null_fields: beyond("responses_create_params carries null optional keys (the skill says omit them)."),
  arguments_missing_required: beyond("Expected arguments lack a key the tool schema requires."),
  arguments_type_mismatch: beyond("An expected argument has a type the tool schema does not allow."),
  arguments_enum_mismatch: beyond("An expected argument is not one of the tool schema's enum values."),
  arguments_unexpected_key: beyond("Expected arguments have a key the tool schema forbids (additionalProperties: false)."),
  arguments_never_match: beyond("Expected arguments hold NaN or Infinity, which Gym's verifier never matches: the row can never be rewarded."),
  function_call_output_orphan: beyond("A function_call_output has no earlier function_call with its call_id."),
  expected_action_repeats_prefix: beyond("The expected action is already the last item of the input prefix."),
  duplicate_row: beyond("The row's bytes repeat an earlier row of the same file (checked once the file is loaded)."),
} as const satisfies Record<string, CatalogueEntry>;

export type FindingCode = keyof typeof FINDING_CATALOGUE;

export function makeFinding(code: FindingCode, message: string, path: string): Finding {
  return { code, severity: FINDING_CATALOGUE[code].severity, message, path };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `base.key`, or `base["odd key"]` when the key is not an identifier. */
export function keyPath(base: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base ? `${base}.${key}` : key;
}

export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

export type JsonObject = Record<string, unknown>;

/** Python's `isinstance(x, dict)` for a JSON value. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Python's `key in d` (own keys only, so "__proto__" and "constructor" behave like any other key).
 *
 * Hot checks read fixed field names as plain properties (`item.content`, not `getKey(item, "content")`): the
 * same value, since none of those names (type, role, content, call_id…) is a property of Object.prototype. They
 * test presence with this function only when the value read does not settle it (e.g. a missing or undefined one).
 */
export function hasKey(obj: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** `d.get(key)`: the own value or undefined (which plays Python's None). */
export function getKey(obj: JsonObject, key: string): unknown {
  return hasKey(obj, key) ? obj[key] : undefined;
}
