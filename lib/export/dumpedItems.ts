/**
 * What Gym's `model_dump(exclude_unset=True)` keeps of an input item, for the metrics' word count. Gym's item
 * models (and the TypedDict content parts inside them) ignore keys they do not define, so the dump drops them: a
 * string-content message's `id` and `status`, a reasoning item's `status`, a content part's stray key. Hosted
 * items (openai models with extra="allow") and reasoning summaries keep everything. The rest of the request
 * forbids unknown keys, so a valid row loses nothing else. Checked against Gym's models (openai 2.7.2).
 *
 * An untyped message can also validate as `mcp_list_tools` (every field defaulted, extra="allow", so every key
 * kept), and pydantic's smart union takes whichever member counts more fields set (`mcpListToolsWins`). Other
 * untyped items, and messages with parts other than text, are counted as written.
 */
import { isObject } from "../formats/json";
import { hasKey } from "../validate/finding";
import { hasOutputPart, MESSAGE_ROLES, outputPartType, TOKEN_FIELDS } from "../validate/inputItems";
import { spaceRuns, stringSpaceRuns } from "./jsonDumpsWords";

const keys = (...names: string[]) => new Set([...names, ...TOKEN_FIELDS]);

// The union member pydantic picks for each kind of item, by its fields (the training variants add the token fields).
const EASY_MESSAGE = keys("content", "role", "type");
const INPUT_MESSAGE = keys("content", "role", "status", "type");
const OUTPUT_MESSAGE = keys("id", "content", "role", "status", "type");
const FUNCTION_CALL = keys("arguments", "call_id", "name", "type", "id", "status");
const FUNCTION_CALL_OUTPUT = new Set(["call_id", "output", "type", "id", "status"]);
const REASONING = keys("id", "summary", "type", "encrypted_content", "content");

const PART_KEYS: Record<string, ReadonlySet<string>> = {
  input_text: new Set(["text", "type"]),
  input_image: new Set(["detail", "type", "file_id", "image_url"]),
  input_file: new Set(["type", "file_data", "file_id", "file_url", "filename"]),
  input_video: new Set(["type", "video_url", "video"]),
  output_text: new Set(["annotations", "text", "type", "logprobs"]),
  refusal: new Set(["refusal", "type"]),
};

const MCP_LIST_TOOLS_FIELDS = new Set(["id", "server_label", "tools", "error"]);

/**
 * Whether pydantic reads an untyped message as `mcp_list_tools`. Its smart union keeps the member with the
 * higher count of fields set, the earlier on a tie; fitted on Gym's models (pydantic 2.13, 5,104 cases, no
 * miss), a field declared with a default counts 2 and any other 1, nested models add theirs (a text part 2),
 * an ignored key 0, and `mcp_list_tools` counts its own fields (2 each) and every key but `role` and `content`.
 * Undefined when the item is not one this was fitted on (parts other than text, token fields).
 */
function mcpListToolsWins(item: Record<string, unknown>, members: ReadonlySet<string>): boolean | undefined {
  const content = item.content;
  if (Array.isArray(content) && !content.every((p) => isObject(p) && p.type === "input_text")) return undefined;
  const message = 2 + (Array.isArray(content) ? 2 * content.length : 0) + (members === INPUT_MESSAGE && hasKey(item, "status") ? 2 : 0);
  let mcp = 0;
  for (const key in item) {
    if (TOKEN_FIELDS.includes(key)) return undefined;
    if (key === "role" || key === "content") continue;
    const value = item[key];
    if (!MCP_LIST_TOOLS_FIELDS.has(key)) mcp += 1;
    else if (key === "tools" ? Array.isArray(value) : value === null || typeof value === "string") mcp += 2;
    else return false; // `mcp_list_tools` refuses the value: the message it is
  }
  return mcp > message;
}

/** The fields of the member an item validates as; undefined for items dumped whole (hosted calls, and see above). */
function memberKeys(item: Record<string, unknown>): ReadonlySet<string> | undefined {
  if (item.type === undefined) {
    // A message pydantic cannot read as one (a role it does not know, no content) is only `mcp_list_tools`.
    const message = MESSAGE_ROLES.includes(item.role) && (typeof item.content === "string" || Array.isArray(item.content));
    const members = message ? messageKeys(item) : undefined;
    return members !== undefined && mcpListToolsWins(item, members) === false ? members : undefined;
  }
  switch (item.type) {
    case "message":
      return messageKeys(item);
    case "function_call":
      return FUNCTION_CALL;
    case "function_call_output":
      return FUNCTION_CALL_OUTPUT;
    case "reasoning":
      return REASONING;
    default:
      return undefined;
  }
}

function messageKeys(item: Record<string, unknown>): ReadonlySet<string> {
  const content = item.content;
  if (!Array.isArray(content)) return EASY_MESSAGE;
  if (hasOutputPart(content)) return OUTPUT_MESSAGE;
  // A list of input parts: NeMoGymMessage (which has `status`) for the roles it allows, else the easy message.
  return item.role === "assistant" ? EASY_MESSAGE : INPUT_MESSAGE;
}

/** Runs of spaces `json.dumps` writes for the members of `obj` that are not in `known`: `"key": value` and its ", ". */
function unknownMemberRuns(obj: Record<string, unknown>, known: ReadonlySet<string>): number {
  let runs = 0;
  for (const key in obj) if (!known.has(key)) runs += stringSpaceRuns(key) + spaceRuns(obj[key]) + 2;
  return runs;
}

function droppedPartRuns(parts: unknown): number {
  if (!Array.isArray(parts)) return 0;
  let runs = 0;
  for (const part of parts) {
    // Only an output message holds untyped parts (`messageKeys`), so an untyped part is an output one.
    const type = isObject(part) ? outputPartType(part) : undefined;
    const known = typeof type === "string" ? PART_KEYS[type] : undefined;
    if (known !== undefined && isObject(part)) runs += unknownMemberRuns(part, known);
  }
  return runs;
}

/** Runs of spaces in `json.dumps` of the item as Gym dumps it (`spaceRuns` less what the dump drops). */
export function dumpedItemRuns(item: unknown): number {
  const runs = spaceRuns(item);
  if (!isObject(item)) return runs;
  const known = memberKeys(item);
  if (known === undefined) return runs;
  // Parts are TypedDicts that ignore extra keys, in a message's content or an output's list; a reasoning item's
  // parts are models that keep them, and a function call has none (a stray `content` is dropped whole above).
  const parts = known === FUNCTION_CALL_OUTPUT ? item.output : known === REASONING || known === FUNCTION_CALL ? undefined : item.content;
  return runs - unknownMemberRuns(item, known) - droppedPartRuns(parts);
}

/** Runs of spaces in `json.dumps` of a request member as Gym dumps it: `input`'s items as above, the rest whole. */
export function dumpedMemberRuns(key: string, value: unknown): number {
  if (key !== "input" || !Array.isArray(value)) return spaceRuns(value);
  let runs = value.length > 0 ? value.length - 1 : 0;
  for (const item of value) runs += dumpedItemRuns(item);
  return runs;
}

/** Gym's `len(json.dumps(model_dump(exclude_unset=True)).split())` for a request object. */
export function requestWordCount(request: Record<string, unknown>): number {
  let members = 0;
  let runs = 0;
  for (const key in request) {
    members++;
    runs += stringSpaceRuns(key) + dumpedMemberRuns(key, request[key]);
  }
  return 1 + (members > 0 ? runs + 2 * members - 1 : 0);
}
