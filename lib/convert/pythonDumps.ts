import { isLosslessNumber } from "lossless-json";

/**
 * Python's `json.dumps(value)` with its defaults (`", "` / `": "` separators, `ensure_ascii=True`): what Gym's
 * converters write when a source carries tool-call arguments as an object (spec §6).
 *
 * A value that reached us through `JSON.parse` has lost what its number tokens said: an integral float (`1.0`)
 * prints as an int. Values read without loss (lib/convert/exactNumbers) carry lossless-json's numbers, which
 * keep their token and print as Python would. Object keys follow JS order (integer-like keys first) either way.
 */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (isLosslessNumber(value)) return pyNumberToken(value.value);
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "string") return pyJsonString(value);
  if (typeof value === "number") return pyNumber(value);
  if (Array.isArray(value)) return "[" + value.map(pyJsonDumps).join(", ") + "]";
  if (typeof value === "object") {
    const parts = Object.entries(value).map(([k, v]) => `${pyJsonString(k)}: ${pyJsonDumps(v)}`);
    return "{" + parts.join(", ") + "}";
  }
  return "null";
}

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/** A JSON string literal with every non-ASCII UTF-16 unit escaped as `\uXXXX` (surrogate pairs stay pairs). */
function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const escape = ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || code > 0x7e) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** A number token as Python's `json.dumps(json.loads(token))` prints it: a token with ".", "e" or "E" is a float (by `repr`), any other an exact int. */
function pyNumberToken(text: string): string {
  if (/[.eE]/.test(text)) return pyNumber(Number(text), true);
  return BigInt(text).toString();
}

function pyNumber(x: number, float = false): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (!float && Number.isSafeInteger(x) && !Object.is(x, -0)) return String(x);
  return pyFloatRepr(x);
}

/** Python's `repr(float)`: shortest round-trip digits (as JS), exponent form when the exponent is < -4 or >= 16. */
function pyFloatRepr(x: number): string {
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa = "", exp = "0"] = x.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const frac = digits.slice(1);
    return `${sign}${digits[0]}${frac ? "." + frac : ""}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  const point = e + 1;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
