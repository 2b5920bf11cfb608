import { describe, expect, it } from "vitest";
import { type FindingCode } from "./finding";
import { REQUEST_MODEL_KEYS, checkRequestModel } from "./requestModel";
import { type Row, cleanRow, withValue } from "./testRows";

const P = "responses_create_params";
const paramsOf = (row: Row) => row[P];
const withParam = (key: string, value: unknown) => withValue(`${P}.${key}`, value);
const withItem = (item: unknown) => withValue(`${P}.input[2]`, item);
const withTool = (tool: unknown) => withValue(`${P}.tools[0]`, tool);
const USER_TEXT = { role: "user", content: "hi" };

interface ModelCase {
  code: FindingCode;
  name: string;
  fail: Row;
  path: string;
  message?: string;
  pass: Row[];
}

const CASES: ModelCase[] = [
  {
    code: "params_unknown_key",
    name: "a Chat Completions key",
    fail: withParam("messages", []),
    path: `${P}.messages`,
    message: `${P}.messages: extra inputs are not permitted (Gym's request model forbids unknown keys)`,
    pass: [withValue(P, { ...Object.fromEntries(REQUEST_MODEL_KEYS.map((k) => [k, null])), input: [USER_TEXT], tools: [] })],
  },
  {
    code: "params_unknown_key",
    name: "a key that is not an identifier",
    fail: withParam("max tokens", 5),
    path: `${P}["max tokens"]`,
    pass: [cleanRow()],
  },
  {
    code: "params_field_invalid",
    name: "non-numeric temperature",
    fail: withParam("temperature", "hot"),
    path: `${P}.temperature`,
    message: `${P}.temperature must be a number or null, found 'hot'`,
    pass: [withParam("temperature", 0.7), withParam("temperature", "0.7"), withParam("temperature", null)],
  },
  {
    code: "params_field_invalid",
    name: "fractional max_output_tokens",
    fail: withParam("max_output_tokens", 1.5),
    path: `${P}.max_output_tokens`,
    pass: [withParam("max_output_tokens", "512")],
  },
  {
    code: "params_field_invalid",
    name: "stream: true",
    fail: withParam("stream", true),
    path: `${P}.stream`,
    pass: [withParam("stream", false)],
  },
  {
    code: "params_field_invalid",
    name: "unknown service_tier",
    fail: withParam("service_tier", "fast"),
    path: `${P}.service_tier`,
    pass: [withParam("service_tier", "flex")],
  },
  {
    code: "params_field_invalid",
    name: "unknown includable",
    fail: withParam("include", ["logprobs"]),
    path: `${P}.include`,
    pass: [withParam("include", ["reasoning.encrypted_content"])],
  },
  {
    code: "params_field_invalid",
    name: "prompt without id",
    fail: withParam("prompt", {}),
    path: `${P}.prompt`,
    pass: [withParam("store", "yes")],
  },
  // Pydantic applies the request's extra="forbid" to the TypedDicts inside it (checked with Gym's model).
  {
    code: "params_field_invalid",
    name: "an unknown key in reasoning",
    fail: withParam("reasoning", { effort: "low", budget: 1024 }),
    path: `${P}.reasoning.budget`,
    message: `${P}.reasoning.budget: extra inputs are not permitted (Gym's request model forbids unknown keys)`,
    pass: [withParam("reasoning", { effort: "low", summary: "auto", generate_summary: null })],
  },
  {
    code: "params_field_invalid",
    name: "an unknown key in text or its format",
    fail: withParam("text", { format: { type: "json_schema", name: "out", schema: {}, additionalProperties: false } }),
    path: `${P}.text.format.additionalProperties`,
    pass: [
      withParam("text", { format: { type: "json_schema", name: "out", schema: { additionalProperties: false }, strict: true, description: "d" }, verbosity: "low" }),
      withParam("text", { format: { type: "text" } }),
    ],
  },
  {
    code: "params_field_invalid",
    name: "an unknown key in prompt",
    fail: withParam("prompt", { id: "p", name: "greeting" }),
    path: `${P}.prompt.name`,
    pass: [withParam("prompt", { id: "p", version: "2", variables: { who: "you" } })],
  },
  {
    code: "metadata_not_object",
    name: "list metadata",
    fail: withParam("metadata", ["a"]),
    path: `${P}.metadata`,
    message: `${P}.metadata must be an object of strings, found ['a']`,
    pass: [withParam("metadata", {}), withParam("metadata", null)],
  },
  {
    code: "metadata_value_not_string",
    name: "object extra_body",
    fail: withParam("metadata", { extra_body: { stop: ["</tool_call>"] } }),
    path: `${P}.metadata.extra_body`,
    message: `${P}.metadata.extra_body must be a string (metadata is dict[str, str]), found {'stop': ['</tool_call>']}`,
    pass: [withParam("metadata", { extra_body: '{"stop": ["</tool_call>"]}' })],
  },
  {
    code: "input_item_not_object",
    name: "a bare string item",
    fail: withItem("hi"),
    path: `${P}.input[2]`,
    message: "input item must be an object, found 'hi'",
    pass: [withItem(USER_TEXT)],
  },
  {
    code: "input_item_type_unknown",
    name: "a made-up type",
    fail: withItem({ type: "tool", content: "42" }),
    path: `${P}.input[2].type`,
    message: "input item type 'tool' is not accepted by Gym",
    pass: [withItem({ type: "web_search_call", id: "ws_1", status: "completed", action: {} })],
  },
  {
    code: "input_item_unrecognized",
    name: "an untyped item with no known field",
    fail: withItem({ text: "hi" }),
    path: `${P}.input[2]`,
    pass: [withItem({ id: "rs_1", summary: [] })],
  },
  {
    code: "input_item_field_missing",
    name: "function_call without call_id",
    fail: withItem({ type: "function_call", name: "get_weather", arguments: "{}" }),
    path: `${P}.input[2].call_id`,
    message: "function_call needs call_id",
    pass: [withItem({ name: "get_weather", arguments: "{}", call_id: "c1" })],
  },
  {
    code: "input_item_field_missing",
    name: "quirk: a replayed assistant output message needs an id",
    fail: withItem({ role: "assistant", content: [{ type: "output_text", text: "Hi", annotations: [] }] }),
    path: `${P}.input[2].id`,
    message: "assistant output message needs id",
    pass: [withItem({ id: "msg_1", content: [{ type: "output_text", text: "Hi", annotations: [] }] })],
  },
  {
    code: "input_item_field_missing",
    name: "reasoning without summary",
    fail: withItem({ type: "reasoning", id: "rs_1" }),
    path: `${P}.input[2].summary`,
    pass: [withItem({ type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "…" }], status: "whatever" })],
  },
  {
    code: "input_item_field_invalid",
    name: "function_call arguments as an object",
    fail: withItem({ type: "function_call", name: "get_weather", arguments: { city: "Paris" }, call_id: "c1" }),
    path: `${P}.input[2].arguments`,
    message: "function_call arguments must be a string, found {'city': 'Paris'}",
    pass: [withItem({ type: "function_call", name: "get_weather", arguments: "not json is fine here", call_id: "c1", id: null, status: null })],
  },
  {
    code: "input_item_field_invalid",
    name: "function_call_output with a bad status",
    fail: withItem({ type: "function_call_output", call_id: "c1", output: "ok", status: "done" }),
    path: `${P}.input[2].status`,
    pass: [withItem({ call_id: "c1", output: [{ type: "input_text", text: "ok" }] })],
  },
  {
    code: "message_role_invalid",
    name: "a Chat Completions tool message",
    fail: withItem({ role: "tool", content: "42", tool_call_id: "c1" }),
    path: `${P}.input[2].role`,
    message: "message role must be one of user, assistant, system, developer, found 'tool'",
    pass: [withItem({ role: "developer", content: "Be brief." }), withItem({ role: "assistant", content: [{ type: "input_text", text: "Hi" }] })],
  },
  {
    code: "message_role_invalid",
    name: "an output message with role user",
    fail: withItem({ id: "m1", role: "user", content: [{ type: "output_text", text: "Hi", annotations: [] }] }),
    path: `${P}.input[2].role`,
    pass: [withItem(USER_TEXT)],
  },
  {
    code: "message_content_invalid",
    name: "null content",
    fail: withItem({ role: "assistant", content: null }),
    path: `${P}.input[2].content`,
    pass: [withItem({ role: "assistant", content: [] })],
  },
  {
    code: "content_part_invalid",
    name: "a Chat Completions text part",
    fail: withItem({ role: "user", content: [{ type: "text", text: "hi" }] }),
    path: `${P}.input[2].content[0]`,
    message: "content part type 'text' is not one of input_text, input_image, input_file, input_video",
    pass: [withItem({ role: "user", content: [{ type: "input_text", text: "hi" }, { type: "input_file", file_id: null, filename: "a.txt" }] })],
  },
  {
    code: "content_part_invalid",
    name: "an input part inside an output message",
    fail: withItem({ id: "m1", content: [{ type: "output_text", text: "a", annotations: [] }, { type: "input_text", text: "b" }] }),
    path: `${P}.input[2].content[1]`,
    pass: [withItem({ id: "m1", content: [{ type: "refusal", refusal: "no" }] })],
  },
  {
    code: "content_part_field_invalid",
    name: "output_text without annotations",
    fail: withItem({ id: "m1", role: "assistant", content: [{ type: "output_text", text: "Hi" }] }),
    path: `${P}.input[2].content[0].annotations`,
    message: "output_text part needs annotations",
    pass: [withItem({ id: "m1", role: "assistant", content: [{ type: "output_text", text: "Hi", annotations: [], logprobs: null }] })],
  },
  {
    // Output parts default their type (input parts require one): untyped, {text, annotations} is output_text and
    // {refusal} a refusal, as Gym's model reads them.
    code: "content_part_field_invalid",
    name: "quirk: an untyped part of an output message is output_text, so it needs annotations",
    fail: withItem({ type: "message", id: "m1", role: "assistant", content: [{ text: "Hi" }] }),
    path: `${P}.input[2].content[0].annotations`,
    message: "output_text part needs annotations",
    pass: [
      withItem({ type: "message", id: "m1", role: "assistant", status: "completed", content: [{ text: "Hi", annotations: [] }] }),
      withItem({ type: "message", id: "m1", role: "assistant", content: [{ refusal: "no" }] }),
    ],
  },
  {
    code: "content_part_field_invalid",
    name: "input_image without detail",
    fail: withItem({ role: "user", content: [{ type: "input_image", image_url: "data:image/png;base64,AAAA" }] }),
    path: `${P}.input[2].content[0].detail`,
    pass: [withItem({ role: "user", content: [{ type: "input_image", detail: "auto", image_url: "data:image/png;base64,AAAA" }] })],
  },
  {
    code: "input_video_source_invalid",
    name: "two video sources",
    fail: withItem({ role: "user", content: [{ type: "input_video", video_url: "https://x/v.mp4", video: "https://x/v.mp4" }] }),
    path: `${P}.input[2].content[0]`,
    message: "input_video requires exactly one of video_url or video",
    pass: [withItem({ role: "user", content: [{ type: "input_video", video: { url: "https://x/v.mp4" } }] })],
  },
  {
    code: "input_video_source_invalid",
    name: "a blank video URL",
    fail: withItem({ role: "user", content: [{ type: "input_video", video_url: { url: " \u3000" } }] }),
    path: `${P}.input[2].content[0].video_url`,
    message: "input_video.video_url must contain a non-empty URL",
    pass: [withItem({ role: "user", content: [{ type: "input_video", video_url: "https://x/v.mp4" }] })],
  },
  {
    code: "token_fields_incomplete",
    name: "only prompt_token_ids",
    fail: withItem({ ...USER_TEXT, prompt_token_ids: [1, 2] }),
    path: `${P}.input[2]`,
    message: "Token metadata must include all required fields; missing: generation_log_probs, generation_token_ids",
    pass: [withItem({ ...USER_TEXT, prompt_token_ids: [1], generation_token_ids: [2], generation_log_probs: [-0.1] })],
  },
  {
    code: "tool_not_object",
    name: "a bare tool name",
    fail: withTool("get_weather"),
    path: `${P}.tools[0]`,
    pass: [cleanRow()],
  },
  {
    code: "tool_type_unknown",
    name: "an Assistants API tool type",
    fail: withTool({ type: "retrieval" }),
    path: `${P}.tools[0].type`,
    message: "tool type 'retrieval' is not a Responses tool type",
    pass: [withTool({ type: "web_search" })],
  },
  {
    code: "tool_type_unknown",
    name: "a tool without type",
    fail: withTool({ name: "get_weather", parameters: {}, strict: true }),
    path: `${P}.tools[0].type`,
    message: "tool has no type",
    pass: [cleanRow()],
  },
  {
    code: "tool_nested_chat_format",
    name: "a Chat Completions tool",
    fail: withTool({ type: "function", function: { name: "get_weather", parameters: {} } }),
    path: `${P}.tools[0].function`,
    pass: [cleanRow()],
  },
  {
    code: "tool_field_missing",
    name: "no strict (Required in openai 2.7.2)",
    fail: withTool({ type: "function", name: "get_weather", parameters: {} }),
    path: `${P}.tools[0].strict`,
    message: "function tool needs strict",
    pass: [withTool({ type: "function", name: "get_weather", parameters: null, strict: null })],
  },
  {
    code: "tool_field_invalid",
    name: "parameters as a JSON string",
    fail: withTool({ type: "function", name: "get_weather", parameters: "{}", strict: true }),
    path: `${P}.tools[0].parameters`,
    message: "function tool parameters must be an object or null, found '{}'",
    pass: [cleanRow()],
  },
  {
    // An output item's id copied onto its tool, or a key of another tool shape: Gym's model refuses the row.
    code: "tool_unknown_key",
    name: "a key FunctionToolParam does not define",
    fail: withTool({ type: "function", name: "get_weather", parameters: {}, strict: true, id: "fc_1" }),
    path: `${P}.tools[0].id`,
    message: "function tool key 'id': extra inputs are not permitted (Gym's request model forbids unknown keys)",
    pass: [withTool({ type: "function", name: "get_weather", parameters: { type: "object", id: "any key in a schema" }, strict: null, description: null })],
  },
];

describe("Gym request model", () => {
  it("accepts the clean row", () => {
    expect(checkRequestModel(paramsOf(cleanRow()))).toEqual([]);
  });

  it("leaves non-object params to the script's rules", () => {
    expect(checkRequestModel("oops")).toEqual([]);
  });

  describe.each(CASES)("$code: $name", ({ code, fail, path, message, pass }) => {
    it("fails at the right path", () => {
      const finding = checkRequestModel(paramsOf(fail)).find((f) => f.code === code);
      expect(finding).toMatchObject({ code, severity: "error", path });
      if (message !== undefined) expect(finding?.message).toBe(message);
    });
    it("passes the accepted variants", () => {
      for (const row of pass) expect(checkRequestModel(paramsOf(row))).toEqual([]);
    });
  });
});
