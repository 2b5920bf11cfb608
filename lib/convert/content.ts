/**
 * Message content in any source shape (a string, chat parts, Responses parts, Anthropic blocks) turned into
 * what a Responses input item holds.
 */
import { isObject, str, type JsonObject } from "../formats/json";
import type { InputItem } from "./pivotRow";

const TEXT_PART_TYPES = new Set(["text", "input_text", "output_text"]);

/** The text of a part, or null when the part carries no text. */
function partText(part: unknown): string | null {
  if (typeof part === "string") return part;
  if (!isObject(part)) return null;
  if (part.type === undefined || (typeof part.type === "string" && TEXT_PART_TYPES.has(part.type))) return str(part.text);
  return null;
}

/** Plain text of any content; parts joined with newlines (as Gym's chat converter flattens them). */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const texts: string[] = [];
    for (const p of content) {
      const t = partText(p);
      if (t !== null) texts.push(t);
    }
    return texts.join("\n");
  }
  if (content === null || content === undefined) return "";
  return JSON.stringify(content);
}

/** An image part as Responses `input_image`, from chat `image_url`, Responses or Anthropic `image` blocks. */
function imagePart(part: JsonObject): InputItem | null {
  if (part.type === "input_image") {
    const out: InputItem = { type: "input_image", detail: str(part.detail) ?? "auto" };
    if (typeof part.image_url === "string") out.image_url = part.image_url;
    if (typeof part.file_id === "string") out.file_id = part.file_id;
    return out;
  }
  if (part.type === "image_url") {
    const ref = part.image_url;
    const url = isObject(ref) ? str(ref.url) : str(ref);
    const detail = isObject(ref) ? str(ref.detail) : null;
    return url === null ? null : { type: "input_image", detail: detail ?? "auto", image_url: url };
  }
  if (part.type === "image" && isObject(part.source)) {
    const s = part.source;
    if (s.type === "base64" && typeof s.data === "string") {
      return { type: "input_image", detail: "auto", image_url: `data:${str(s.media_type) ?? "image/png"};base64,${s.data}` };
    }
    if (s.type === "url" && typeof s.url === "string") return { type: "input_image", detail: "auto", image_url: s.url };
  }
  return null;
}

/**
 * Content for a system / developer / user message or a tool output: text-only content becomes one string (Gym's chat
 * converter does the same); content with images keeps its parts as `input_text` / `input_image`.
 */
export function inputContent(content: unknown): string | InputItem[] {
  if (!Array.isArray(content)) return contentText(content);
  const parts: InputItem[] = [];
  let hasMedia = false;
  for (const p of content) {
    const text = partText(p);
    if (text !== null) {
      parts.push({ type: "input_text", text });
      continue;
    }
    if (!isObject(p)) continue;
    const image = imagePart(p);
    if (image) {
      parts.push(image);
      hasMedia = true;
    } else if (p.type === "input_file") {
      parts.push(stripNulls(p));
      hasMedia = true;
    }
  }
  return hasMedia ? parts : parts.map((p) => p.text as string).join("\n");
}

/**
 * Content already written as Responses input parts (a Gym rollout's own items): kept as written when every part is
 * a well-formed `input_text` or `input_image`, as the context must be exactly what the model saw; otherwise read
 * as any source's content (`inputContent`).
 */
export function responsesInputContent(content: unknown): string | InputItem[] {
  if (typeof content === "string") return content;
  const wellFormed =
    Array.isArray(content) &&
    content.length > 0 &&
    content.every(
      (p) =>
        isObject(p) &&
        ((p.type === "input_text" && typeof p.text === "string") ||
          (p.type === "input_image" && (p.detail === "auto" || p.detail === "low" || p.detail === "high") && (typeof p.image_url === "string" || typeof p.file_id === "string"))),
    );
  return wellFormed ? (content as InputItem[]) : inputContent(content);
}

/**
 * The value without null-valued keys, recursively: Gym's model_dump writes every unset field as null, and the
 * pivot contract wants them omitted. Only for Responses items, never for tool schemas (where null can mean something).
 * Parts that hold no null are not copied (nothing mutates items), which spares a deep copy of most items.
 */
export function stripNulls<T>(value: T): T {
  return typeof value === "object" && value !== null && holdsNullMember(value) ? copyWithoutNulls(value) : value;
}

/**
 * `{ ...item, ...members }`: a copy of an item with members set, in the same key order. V8 copies an object
 * given more members after the spread slowly (~1 µs); Object.assign does the same copy quickly. Items went
 * through `stripNulls`, so none has an own `__proto__` key (which assign would treat as the prototype).
 */
export function withMembers(item: JsonObject, members: JsonObject): JsonObject {
  return Object.assign({}, item, members);
}

/** Whether any object in the value has a null member (or a `__proto__` key, which only a copy drops). */
function holdsNullMember(value: object): boolean {
  if (Array.isArray(value)) {
    for (const v of value) if (typeof v === "object" && v !== null && holdsNullMember(v)) return true;
    return false;
  }
  for (const k in value) {
    const v = (value as JsonObject)[k];
    if (v === null || k === "__proto__" || (typeof v === "object" && holdsNullMember(v))) return true;
  }
  return false;
}

function copyWithoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyWithoutNulls) as T;
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = stripNulls(v);
  return out as T;
}

/** Splits `<think>…</think>` (or a bare `…</think>` prefix) off assistant text. */
export function splitThinkTags(text: string): { reasoning: string | null; text: string } {
  const open = /^\s*<think>([\s\S]*?)<\/think>/.exec(text);
  if (open) return { reasoning: open[1]!.trim(), text: text.slice(open[0].length) };
  const close = text.indexOf("</think>");
  if (close >= 0 && !text.includes("<think>")) {
    return { reasoning: text.slice(0, close).trim(), text: text.slice(close + "</think>".length) };
  }
  return { reasoning: null, text };
}
