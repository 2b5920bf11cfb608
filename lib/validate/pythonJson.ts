/**
 * `json.loads` as CPython 3.13's C scanner runs it (Gym requires Python >= 3.13.14), kept only as far as the
 * validator needs it: which texts it accepts and the exact `JSONDecodeError` text for those it rejects, which
 * the script prints after "invalid JSON: " and "function_call.arguments is not valid JSON: ".
 *
 * Values come back as plain JS values (NaN and ±Infinity included; ints beyond 2^53 lose precision).
 */

export type PythonJsonResult = { ok: true; value: unknown } | { ok: false; error: string };

class DecodeError {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {}
}

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** "msg: line L column C (char P)", with P and C counted in code points as Python indexes its str. */
function describe(doc: string, err: DecodeError): string {
  let line = 1;
  let lastNewline = -1;
  for (let i = doc.indexOf("\n"); i !== -1 && i < err.pos; i = doc.indexOf("\n", i + 1)) {
    line++;
    lastNewline = i;
  }
  const charPos = codePointCount(doc, 0, err.pos);
  const column = lastNewline === -1 ? charPos + 1 : codePointCount(doc, lastNewline, err.pos);
  return `${err.msg}: line ${line} column ${column} (char ${charPos})`;
}

function codePointCount(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point; lone surrogates count alone, as in Python.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Python's `json.loads(text)`. */
export function parsePythonJson(text: string): PythonJsonResult {
  try {
    return { ok: true, value: loads(text) };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, error: describe(text, e) };
    throw e;
  }
}

/** Fast path for hot loops: `JSON.parse` accepting means Python accepts; only failures need the slow scanner. */
export function pythonJsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch {
    const result = parsePythonJson(text);
    return result.ok ? null : result.error;
  }
}

function loads(s: string): unknown {
  const len = s.length;
  const end = len - 1; // CPython's end_idx
  // json.loads rejects a BOM before anything else.
  if (s.charCodeAt(0) === 0xfeff) throw new DecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);

  const skipWs = (i: number) => {
    while (i <= end && isWs(s.charCodeAt(i))) i++;
    return i;
  };

  // Returns [value, next index]; a StopIteration in CPython becomes "Expecting value" at `idx`.
  function scanOnce(idx: number): [unknown, number] {
    if (idx >= len) throw new DecodeError("Expecting value", idx);
    const c = s[idx];
    if (c === '"') return scanString(idx + 1);
    if (c === "{") return parseObject(idx + 1);
    if (c === "[") return parseArray(idx + 1);
    if (c === "n" && s.startsWith("null", idx)) return [null, idx + 4];
    if (c === "t" && s.startsWith("true", idx)) return [true, idx + 4];
    if (c === "f" && s.startsWith("false", idx)) return [false, idx + 5];
    if (c === "N" && s.startsWith("NaN", idx)) return [NaN, idx + 3];
    if (c === "I" && s.startsWith("Infinity", idx)) return [Infinity, idx + 8];
    if (c === "-" && s.startsWith("-Infinity", idx)) return [-Infinity, idx + 9];
    return matchNumber(idx);
  }

  function matchNumber(start: number): [unknown, number] {
    let idx = start;
    if (s[idx] === "-") {
      idx++;
      if (idx > end) throw new DecodeError("Expecting value", start);
    }
    const first = s.charCodeAt(idx);
    if (first >= 0x31 && first <= 0x39) {
      idx++;
      while (idx <= end && isDigit(s.charCodeAt(idx))) idx++;
    } else if (first === 0x30) {
      idx++;
    } else {
      throw new DecodeError("Expecting value", start);
    }
    // "1." and "1e" stop before the dot or the e: the rest is left for the caller to reject.
    if (idx < end && s[idx] === "." && isDigit(s.charCodeAt(idx + 1))) {
      idx += 2;
      while (idx <= end && isDigit(s.charCodeAt(idx))) idx++;
    }
    if (idx < end && (s[idx] === "e" || s[idx] === "E")) {
      const eStart = idx++;
      if (idx < end && (s[idx] === "-" || s[idx] === "+")) idx++;
      while (idx <= end && isDigit(s.charCodeAt(idx))) idx++;
      if (!isDigit(s.charCodeAt(idx - 1))) idx = eStart;
    }
    return [Number(s.slice(start, idx)), idx];
  }

  function scanString(from: number): [string, number] {
    const begin = from - 1;
    let out = "";
    let idx = from;
    for (;;) {
      let next = idx;
      let c = "";
      for (; next < len; next++) {
        c = s[next] ?? "";
        if (c === '"' || c === "\\") break;
        if (s.charCodeAt(next) <= 0x1f) throw new DecodeError("Invalid control character at", next);
      }
      if (next >= len) throw new DecodeError("Unterminated string starting at", begin);
      out += s.slice(idx, next);
      next++;
      if (c === '"') return [out, next];
      if (next === len) throw new DecodeError("Unterminated string starting at", begin);
      const esc = s[next] ?? "";
      if (esc !== "u") {
        const simple = SIMPLE_ESCAPES[esc];
        if (simple === undefined) throw new DecodeError("Invalid \\escape", next - 1);
        out += simple;
        idx = next + 1;
        continue;
      }
      // CPython demands a character after the four hex digits, so an unterminated "\u1234 is reported here.
      const hexStart = next + 1;
      if (hexStart + 4 >= len) throw new DecodeError("Invalid \\uXXXX escape", hexStart - 1);
      const unit = readHex4(hexStart);
      idx = hexStart + 4;
      if (unit >= 0xd800 && unit <= 0xdbff && idx + 6 < len && s[idx] === "\\" && s[idx + 1] === "u") {
        const low = readHex4(idx + 2);
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += String.fromCharCode(unit, low);
          idx += 6;
          continue;
        }
      }
      out += String.fromCharCode(unit);
    }
  }

  // A bad digit is reported at the escape's "u" (for a second, low-surrogate escape: at its own "u").
  function readHex4(at: number): number {
    const digits = s.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw new DecodeError("Invalid \\uXXXX escape", at - 1);
    return parseInt(digits, 16);
  }

  function parseObject(from: number): [unknown, number] {
    const obj: Record<string, unknown> = {};
    let idx = skipWs(from);
    if (idx <= end && s[idx] === "}") return [obj, idx + 1];
    for (;;) {
      if (idx > end || s[idx] !== '"') throw new DecodeError("Expecting property name enclosed in double quotes", idx);
      const [key, afterKey] = scanString(idx + 1);
      idx = skipWs(afterKey);
      if (idx > end || s[idx] !== ":") throw new DecodeError("Expecting ':' delimiter", idx);
      idx = skipWs(idx + 1);
      const [value, afterValue] = scanOnce(idx);
      Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      idx = skipWs(afterValue);
      if (idx <= end && s[idx] === "}") return [obj, idx + 1];
      if (idx > end || s[idx] !== ",") throw new DecodeError("Expecting ',' delimiter", idx);
      const comma = idx;
      idx = skipWs(idx + 1);
      // Python 3.13 names the trailing comma instead of "Expecting property name".
      if (idx <= end && s[idx] === "}") throw new DecodeError("Illegal trailing comma before end of object", comma);
    }
  }

  function parseArray(from: number): [unknown, number] {
    const list: unknown[] = [];
    let idx = skipWs(from);
    if (idx <= end && s[idx] === "]") return [list, idx + 1];
    for (;;) {
      const [value, afterValue] = scanOnce(idx);
      list.push(value);
      idx = skipWs(afterValue);
      if (idx <= end && s[idx] === "]") return [list, idx + 1];
      if (idx > end || s[idx] !== ",") throw new DecodeError("Expecting ',' delimiter", idx);
      const comma = idx;
      idx = skipWs(idx + 1);
      if (idx <= end && s[idx] === "]") throw new DecodeError("Illegal trailing comma before end of array", comma);
    }
  }

  const [value, afterValue] = scanOnce(skipWs(0));
  const tail = skipWs(afterValue);
  if (tail !== len) throw new DecodeError("Extra data", tail);
  return value;
}
