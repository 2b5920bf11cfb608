/**
 * Python's `json.dumps` (defaults: `ensure_ascii=True`, `allow_nan=True`, separators `", "` / `": "`, or
 * `","` / `": "` with `indent`) over Python-typed values. Used where Gym's own Python output is the reference:
 * object arguments turned into their JSON string, and `ng_prepare_data`'s metrics files (floats print as `1.0`).
 */
import { pyReprFloat } from "../validate/pythonText";
import { pyFloat, pyInt, type PyValue } from "../formats/pythonJson";

export interface DumpsOptions {
  indent?: number;
}

/** Python's `json.dumps(value, indent=…)`. */
export function pyJsonDumps(value: PyValue, options: DumpsOptions = {}): string {
  return dump(value, options.indent, "");
}

function dump(value: PyValue, indent: number | undefined, pad: string): string {
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "string") return pyJsonString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const inner = indent === undefined ? "" : pad + " ".repeat(indent);
    const parts = value.map((v) => dump(v, indent, inner));
    return indent === undefined ? `[${parts.join(", ")}]` : `[\n${inner}${parts.join(`,\n${inner}`)}\n${pad}]`;
  }
  if (value instanceof Map) {
    if (value.size === 0) return "{}";
    const inner = indent === undefined ? "" : pad + " ".repeat(indent);
    const parts = [...value].map(([k, v]) => `${pyJsonString(k)}: ${dump(v, indent, inner)}`);
    return indent === undefined ? `{${parts.join(", ")}}` : `{\n${inner}${parts.join(`,\n${inner}`)}\n${pad}}`;
  }
  if (value.kind === "int") return value.value.toString();
  return floatText(value.value);
}

// float.__repr__, except that json spells the non-finite values as JavaScript does.
function floatText(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  return pyReprFloat(x);
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/** `encode_basestring_ascii`: everything outside printable ASCII is a `\uXXXX` escape (lowercase hex, by UTF-16 unit). */
export function pyJsonString(s: string): string {
  return '"' + s.replace(/[^ !#-[\]-~]/g, (ch) => SHORT_ESCAPES[ch] ?? "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0")) + '"';
}

/** A JavaScript number that must print as a Python float (`1.0`, not `1`). */
export const asFloat = (x: number): PyValue => pyFloat(x);

/**
 * Plain JSON-like data as Python values: integral numbers become ints, others floats, objects dicts (in key
 * order). Values that are already Python-typed pass through, so callers can mark floats with `asFloat`.
 */
export function toPyValue(value: unknown): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isSafeInteger(value) && !Object.is(value, -0) ? pyInt(value) : pyFloat(value);
  if (typeof value === "bigint") return pyInt(value);
  if (Array.isArray(value)) return value.map(toPyValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [String(k), toPyValue(v)]));
  if (isPyNumber(value)) return value;
  return new Map(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toPyValue(v)]));
}

function isPyNumber(value: object): value is PyValue & object {
  const kind = (value as { kind?: unknown }).kind;
  return (kind === "int" && typeof (value as { value?: unknown }).value === "bigint") ||
    (kind === "float" && typeof (value as { value?: unknown }).value === "number");
}
