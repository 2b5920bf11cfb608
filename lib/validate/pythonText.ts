/**
 * The few Python text behaviours that leak into `validate_pivot_dataset.py`'s output: `repr()` inside
 * f-strings (`{x!r}`), `str.strip()`, `sorted()` on strings, and `format(x, ".2f")` / `".2%"`.
 */
import type { PyValue } from "../formats/pythonJson";

// str.isspace(): bidi classes WS, B, S and category Zs (Python 3.13's table); wider than JSON whitespace.
const PY_WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

export function isPyWhitespace(codeUnit: number): boolean {
  return PY_WHITESPACE.has(codeUnit);
}

/** Python's `s.strip()` with no argument (not JS `trim()`: the two whitespace sets differ, e.g. U+FEFF, U+001C). */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_WHITESPACE.has(s.charCodeAt(start))) start++;
  while (end > start && PY_WHITESPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Python string ordering: by code point, which differs from JS `<` (UTF-16 units) above U+FFFF. */
export function comparePyStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

// str.isprintable() is false for these categories (space excepted); such characters are escaped by repr().
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/** Python's `repr(s)` for a str: single quotes unless the text has `'` and no `"`; escapes as CPython. */
export function pyReprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + hex(code, 2);
    else if (code < 0x7f || !NON_PRINTABLE.test(ch)) out += ch;
    else if (code <= 0xff) out += "\\x" + hex(code, 2);
    else if (code <= 0xffff) out += "\\u" + hex(code, 4);
    else out += "\\U" + hex(code, 8);
  }
  return out + quote;
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form when the exponent is < -4 or >= 16. */
export function pyReprFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa = "", exp = "0"] = x.toExponential().split("e");
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const decimalPoint = Number(exp) + 1; // digits are d1 d2 … with the point after `decimalPoint` of them
  let body: string;
  if (decimalPoint > 16 || decimalPoint <= -4) {
    const e = decimalPoint - 1;
    const frac = digits.slice(1);
    body = digits[0] + (frac ? "." + frac : "") + "e" + (e < 0 ? "-" : "+") + String(Math.abs(e)).padStart(2, "0");
  } else if (decimalPoint <= 0) {
    body = "0." + "0".repeat(-decimalPoint) + digits;
  } else if (decimalPoint >= digits.length) {
    body = digits + "0".repeat(decimalPoint - digits.length) + ".0";
  } else {
    body = digits.slice(0, decimalPoint) + "." + digits.slice(decimalPoint);
  }
  return (negative ? "-" : "") + body;
}

/**
 * Python's `repr()` of a value decoded from JSON by JS parsing, which cannot say it exactly: an integral float
 * token (`1.0`) is indistinguishable from an int and prints as `1`; numbers that are not safe integers print as
 * floats; object keys follow JS order (integer-like keys first). `pyValueRepr` is exact.
 */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pyReprString(value);
  // -0 can only come from a float token ("-0.0"); json.dumps never writes an int as "-0".
  if (typeof value === "number") return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : pyReprFloat(value);
  if (Array.isArray(value)) return "[" + value.map(pyRepr).join(", ") + "]";
  if (typeof value === "object") {
    const parts = Object.entries(value).map(([k, v]) => `${pyReprString(k)}: ${pyRepr(v)}`);
    return "{" + parts.join(", ") + "}";
  }
  return String(value);
}

/**
 * Python's `format(x, ".Nf")`: correctly rounded from the exact binary value with ties to even. JS `toFixed`
 * also starts from the exact value but breaks exact ties upwards (0.125 → "0.13" where Python gives "0.12").
 */
export function pyFormatFixed(x: number, digits: number): string {
  const rounded = x.toFixed(digits);
  const exact = x.toFixed(100); // exact for any value these summaries produce (|x| ≥ 2^-50)
  const dot = exact.indexOf(".");
  const tail = exact.slice(dot + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  const truncated = exact.slice(0, digits === 0 ? dot : dot + 1 + digits);
  const lastDigit = Number(truncated[truncated.length - 1]);
  return lastDigit % 2 === 0 ? truncated : rounded;
}

/** Python's `format(x, ".2%")`: multiplies by 100 in floating point, then formats as `.2f`. */
export function pyFormatPercent(x: number): string {
  return pyFormatFixed(x * 100, 2) + "%";
}

/** Python's `repr()` of a value as `json.loads` made it: ints, floats and dict order exactly as Python has them. */
export function pyValueRepr(value: PyValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pyReprString(value);
  if (Array.isArray(value)) return "[" + value.map(pyValueRepr).join(", ") + "]";
  if (value instanceof Map) return "{" + [...value].map(([k, v]) => `${pyReprString(k)}: ${pyValueRepr(v)}`).join(", ") + "}";
  return value.kind === "int" ? value.value.toString() : pyReprFloat(value.value);
}
