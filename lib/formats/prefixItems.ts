import { parse as losslessParse, stringify as losslessStringify } from "lossless-json";
import { isObject, str, type JsonObject } from "./json";
import { itemBucket, type ItemBucket } from "./rowSummary";

/**
 * The decision point's input prefix, shaped for reading: one entry per item, text pulled out of content parts,
 * and each `function_call_output` attached to the call with the same `call_id` (shown beside it). An output
 * with no earlier call stays in place, flagged.
 */
export type PrefixEntry =
  | { kind: "message"; index: number; role: ItemBucket | string; text: string; parts: string[] }
  | { kind: "reasoning"; index: number; text: string }
  | { kind: "call"; index: number; name: string; arguments: string; callId: string | null; output: OutputEntry | null }
  | ({ kind: "output" } & OutputEntry)
  | { kind: "other"; index: number; type: string; raw: unknown };

export interface OutputEntry {
  index: number;
  callId: string | null;
  text: string;
  orphan: boolean;
}

/** Text of a message's content: a string, or the text of its parts (input_text, output_text, refusal…). */
export function contentText(content: unknown): { text: string; parts: string[] } {
  if (typeof content === "string") return { text: content, parts: [] };
  if (!Array.isArray(content)) return { text: content === undefined || content === null ? "" : JSON.stringify(content), parts: [] };
  const texts: string[] = [];
  const parts: string[] = [];
  for (const p of content) {
    if (!isObject(p)) continue;
    const type = str(p.type) ?? "part";
    parts.push(type);
    const t = str(p.text) ?? str(p.refusal);
    if (t !== null) texts.push(t);
    else if (type === "input_image") texts.push(`[image${str(p.detail) ? `, detail ${p.detail}` : ""}]`);
    else texts.push(`[${type}]`);
  }
  return { text: texts.join("\n\n"), parts };
}

function outputText(output: unknown): string {
  if (typeof output === "string") return output;
  return contentText(output).text;
}

export function toPrefixEntries(input: unknown): PrefixEntry[] {
  if (typeof input === "string") return [{ kind: "message", index: 0, role: "user", text: input, parts: [] }];
  if (!Array.isArray(input)) return [];
  const entries: PrefixEntry[] = [];
  const callsById = new Map<string, Extract<PrefixEntry, { kind: "call" }>>();
  input.forEach((item: unknown, index) => {
    const bucket = itemBucket(item);
    const it = (isObject(item) ? item : {}) as JsonObject;
    if (bucket === "function_call") {
      const callId = str(it.call_id);
      const entry = { kind: "call" as const, index, name: str(it.name) ?? "", arguments: str(it.arguments) ?? JSON.stringify(it.arguments ?? null), callId, output: null };
      if (callId !== null) callsById.set(callId, entry);
      entries.push(entry);
    } else if (bucket === "function_call_output") {
      const callId = str(it.call_id);
      const call = callId !== null ? callsById.get(callId) : undefined;
      const out = { index, callId, text: outputText(it.output), orphan: !call };
      if (call && !call.output) call.output = out;
      else entries.push({ kind: "output", ...out, orphan: !call });
    } else if (bucket === "reasoning") {
      const summary = Array.isArray(it.summary) ? it.summary.map((s) => (isObject(s) ? (str(s.text) ?? "") : "")).join("\n\n") : "";
      entries.push({ kind: "reasoning", index, text: summary || contentText(it.content).text });
    } else if (bucket === "other" && !(isObject(item) && "role" in item)) {
      entries.push({ kind: "other", index, type: str(it.type) ?? typeof item, raw: item });
    } else {
      const { text, parts } = contentText(it.content);
      entries.push({ kind: "message", index, role: str(it.role) ?? bucket, text, parts });
    }
  });
  return entries;
}

/** Pretty-printed arguments when they are JSON, else the raw string (an invalid JSON string is shown as is). */
export function prettyArguments(args: string): { text: string; valid: boolean; value: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(args);
  } catch {
    return { text: args, valid: false, value: undefined };
  }
  return { text: exactIndented(args) ?? JSON.stringify(value, null, 2), valid: true, value };
}

/**
 * The JSON text indented with its number tokens as written (`1.0` stays `1.0`, a long int keeps its digits):
 * the verifier tells `1` from `1.0`, so the reviewer must see which it is. Null if lossless-json refuses it.
 */
function exactIndented(text: string): string | null {
  try {
    return losslessStringify(losslessParse(text), null, 2) ?? null;
  } catch {
    return null;
  }
}
