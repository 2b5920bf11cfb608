/**
 * Python's `json.loads` as CPython 3.13's C scanner runs it (Gym requires Python >= 3.13), one parser for both
 * the verifier and the validator: it accepts exactly what Python accepts (NaN, Infinity and -Infinity too) and
 * rejects the rest with Python's own `JSONDecodeError` text, e.g. "Expecting value: line 1 column 1 (char 0)".
 *
 * Two ways in:
 * - `parsePythonJson` (the verifier) returns Python's value types: JS `JSON.parse` cannot stand in, since it
 *   folds `1.0` into `1` and rejects `NaN`, while Gym's argument comparison gates on the Python type of every
 *   value. A number is an int iff its token has no `.`, `e` or `E`; ints are unbounded (`bigint`); objects are
 *   `Map`s so key order and `__proto__` keys survive exactly as in a Python dict.
 * - `pythonJsonLoads` and `pythonJsonError` (the validator) give plain JS values or the error text. They try
 *   `JSON.parse` first, which is safe there and only there: whatever `JSON.parse` accepts, Python accepts too,
 *   and the plain value is the same either way (see `pythonJsonLoads`). Only failures and texts using Python's
 *   NaN/Infinity extensions reach the scanner, so a valid row's `arguments` costs one native `JSON.parse`.
 */

export interface PyInt {
  readonly kind: "int";
  readonly value: bigint;
}

export interface PyFloat {
  readonly kind: "float";
  readonly value: number;
}

/** A Python dict from `json.loads`: insertion-ordered; a duplicate key keeps its first position and last value. */
export type PyDict = Map<string, PyValue>;

export type PyValue = null | boolean | string | PyInt | PyFloat | PyValue[] | PyDict;

export const pyInt = (value: bigint | number): PyInt => ({ kind: "int", value: BigInt(value) });
export const pyFloat = (value: number): PyFloat => ({ kind: "float", value });

/**
 * Python's `json.JSONDecodeError`: the text is not JSON. `pos`, `lineno` and `colno` are Python's, counted in
 * code points as Python indexes a str (an emoji is one character there, two UTF-16 units in JS).
 */
export class PythonJsonDecodeError extends Error {
  override name = "PythonJsonDecodeError";
  readonly pos: number;
  readonly lineno: number;
  readonly colno: number;

  /** `index` is where the error is, as a UTF-16 index into `doc`. */
  constructor(
    readonly msg: string,
    readonly doc: string,
    index: number,
  ) {
    const at = pythonPosition(doc, index);
    super(`${msg}: line ${at.lineno} column ${at.colno} (char ${at.pos})`);
    this.pos = at.pos;
    this.lineno = at.lineno;
    this.colno = at.colno;
  }
}

/**
 * Python's plain `ValueError` for an int literal over `sys.int_info.default_max_str_digits` (4300) digits.
 * It is deliberately not a `PythonJsonDecodeError`: Gym only catches `JSONDecodeError`, so this one escapes.
 */
export class PythonIntDigitsLimitError extends Error {
  override name = "PythonIntDigitsLimitError";
}

const MAX_INT_DIGITS = 4300;

/** Python's `pos`, `lineno` and `colno` (`doc.count("\n", 0, pos) + 1`, `pos - doc.rfind("\n", 0, pos)`). */
function pythonPosition(doc: string, index: number): { pos: number; lineno: number; colno: number } {
  let lineno = 1;
  let lastNewline = -1;
  for (let i = doc.indexOf("\n"); i !== -1 && i < index; i = doc.indexOf("\n", i + 1)) {
    lineno++;
    lastNewline = i;
  }
  const pos = codePointCount(doc, 0, index);
  const colno = lastNewline === -1 ? pos + 1 : codePointCount(doc, lastNewline, index);
  return { pos, lineno, colno };
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

// A run of string characters needing no attention (no quote, backslash or control character), skipped in one
// regex step for speed.
const PLAIN_RUN = /[^"\\\x00-\x1f]*/y;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The value of a simple (non-\u) escape letter, or null: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`. */
function simpleEscape(c: number): string | null {
  switch (c) {
    case 0x22:
      return '"';
    case 0x5c:
      return "\\";
    case 0x2f:
      return "/";
    case 0x62:
      return "\b";
    case 0x66:
      return "\f";
    case 0x6e:
      return "\n";
    case 0x72:
      return "\r";
    case 0x74:
      return "\t";
    default:
      return null;
  }
}

/**
 * One run of CPython's scanner over `s`, following `Modules/_json.c` step by step so that every error carries
 * the message and position CPython gives it. Recursive, like CPython: nesting deep enough to overflow the JS
 * stack throws a `RangeError` where Python raises `RecursionError`, neither of them a decode error.
 */
class Scanner {
  private pos = 0;
  private readonly len: number;

  /**
   * `doublesOnly`: read every number as a double (`Number(token)`, so "-0" stays -0 and a 5000-digit int is
   * Infinity, as `JSON.parse` has them) instead of as Python's int or float. For plain-JS results only.
   */
  constructor(
    private readonly s: string,
    private readonly doublesOnly: boolean,
  ) {
    this.len = s.length;
  }

  /** `json.loads(s)`: BOM check, then one value between optional whitespace, then nothing. */
  run(): PyValue {
    // json.loads rejects a leading BOM outright rather than treating it as whitespace.
    if (this.s.charCodeAt(0) === 0xfeff) this.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    this.skipWhitespace();
    const value = this.value();
    this.skipWhitespace();
    if (this.pos !== this.len) this.fail("Extra data", this.pos);
    return value;
  }

  private fail(msg: string, at: number): never {
    throw new PythonJsonDecodeError(msg, this.s, at);
  }

  // CPython's scanner skips only these four between tokens (no \f, \v, NBSP or BOM).
  private skipWhitespace(): void {
    const s = this.s;
    let i = this.pos;
    for (; i < this.len; i++) {
      const c = s.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    }
    this.pos = i;
  }

  /** `scan_once_unicode`: a StopIteration there is "Expecting value" at the value's start. */
  private value(): PyValue {
    const s = this.s;
    const at = this.pos;
    if (at >= this.len) this.fail("Expecting value", at);
    switch (s.charCodeAt(at)) {
      case 0x22: // "
        return this.string();
      case 0x7b: // {
        return this.object();
      case 0x5b: // [
        return this.array();
      case 0x6e: // n
        return this.literal("null", null);
      case 0x74: // t
        return this.literal("true", true);
      case 0x66: // f
        return this.literal("false", false);
      // Python extensions to JSON: NaN, Infinity and -Infinity (but not +Infinity or -NaN).
      case 0x4e: // N
        return this.literal("NaN", pyFloat(NaN));
      case 0x49: // I
        return this.literal("Infinity", pyFloat(Infinity));
      case 0x2d: // -
        return s.charCodeAt(at + 1) === 0x49 ? this.literal("-Infinity", pyFloat(-Infinity)) : this.number();
      default:
        return this.number();
    }
  }

  private literal(word: string, value: PyValue): PyValue {
    if (!this.s.startsWith(word, this.pos)) this.fail("Expecting value", this.pos);
    this.pos += word.length;
    return value;
  }

  /** `_match_number_unicode`: "1." and "1e" stop before the dot or the e, leaving the rest for the caller to reject. */
  private number(): PyValue {
    const s = this.s;
    const len = this.len;
    const start = this.pos;
    let i = start;
    if (s.charCodeAt(i) === 0x2d) i++;
    const first = s.charCodeAt(i);
    if (first === 0x30) {
      i++;
    } else if (first >= 0x31 && first <= 0x39) {
      i++;
      while (i < len && isDigit(s.charCodeAt(i))) i++;
    } else {
      this.fail("Expecting value", start);
    }
    let isFloat = false;
    if (s.charCodeAt(i) === 0x2e && isDigit(s.charCodeAt(i + 1))) {
      isFloat = true;
      i += 2;
      while (i < len && isDigit(s.charCodeAt(i))) i++;
    }
    const e = s.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      let j = i + 1;
      const sign = s.charCodeAt(j);
      if (sign === 0x2b || sign === 0x2d) j++;
      if (isDigit(s.charCodeAt(j))) {
        isFloat = true;
        j++;
        while (j < len && isDigit(s.charCodeAt(j))) j++;
        i = j;
      }
    }
    this.pos = i;
    const token = s.slice(start, i);
    if (isFloat || this.doublesOnly) return pyFloat(Number(token));
    const digits = i - start - (s.charCodeAt(start) === 0x2d ? 1 : 0);
    if (digits > MAX_INT_DIGITS) {
      throw new PythonIntDigitsLimitError(
        `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digits} digits`,
      );
    }
    return { kind: "int", value: BigInt(token) };
  }

  /** `scanstring_unicode` with strict=True (the default): raw control characters are rejected. */
  private string(): string {
    const s = this.s;
    const len = this.len;
    const begin = this.pos;
    let out = "";
    let chunk = begin + 1;
    let i = chunk;
    for (;;) {
      PLAIN_RUN.lastIndex = i;
      PLAIN_RUN.test(s);
      i = PLAIN_RUN.lastIndex;
      if (i >= len) this.fail("Unterminated string starting at", begin);
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return out + s.slice(chunk, i);
      }
      if (c !== 0x5c) this.fail("Invalid control character at", i);
      out += s.slice(chunk, i);
      i++;
      if (i === len) this.fail("Unterminated string starting at", begin);
      const escape = s.charCodeAt(i);
      if (escape !== 0x75) {
        const simple = simpleEscape(escape);
        if (simple === null) this.fail("Invalid \\escape", i - 1);
        out += simple;
        chunk = ++i;
        continue;
      }
      // CPython demands a character after the four hex digits, so an unterminated "\u1234 is reported here.
      const hexStart = i + 1;
      if (hexStart + 4 >= len) this.fail("Invalid \\uXXXX escape", i);
      const unit = this.hex4(hexStart);
      i = hexStart + 4;
      // A high surrogate joins a following \u low surrogate; otherwise each unit stands alone, as in Python.
      if (unit >= 0xd800 && unit <= 0xdbff && i + 6 < len && s.charCodeAt(i) === 0x5c && s.charCodeAt(i + 1) === 0x75) {
        const low = this.hex4(i + 2);
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += String.fromCharCode(unit, low);
          chunk = i += 6;
          continue;
        }
      }
      out += String.fromCharCode(unit);
      chunk = i;
    }
  }

  /** Four hex digits at `at`; a bad one is reported at the escape's "u" (for a low-surrogate escape: at its own). */
  private hex4(at: number): number {
    let unit = 0;
    for (let i = at; i < at + 4; i++) {
      const c = this.s.charCodeAt(i);
      let digit: number;
      if (c >= 0x30 && c <= 0x39) digit = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) digit = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) digit = c - 0x37;
      else return this.fail("Invalid \\uXXXX escape", at - 1);
      unit = (unit << 4) | digit;
    }
    return unit;
  }

  /** `_parse_object_unicode`. */
  private object(): PyDict {
    const s = this.s;
    const dict: PyDict = new Map();
    if (this.opensEmpty(0x7d)) return dict;
    do {
      if (s.charCodeAt(this.pos) !== 0x22) this.fail("Expecting property name enclosed in double quotes", this.pos);
      const key = this.string();
      this.skipWhitespace();
      if (s.charCodeAt(this.pos) !== 0x3a) this.fail("Expecting ':' delimiter", this.pos);
      this.pos++;
      this.skipWhitespace();
      dict.set(key, this.value());
    } while (!this.closesAfterItem(0x7d, "Illegal trailing comma before end of object"));
    return dict;
  }

  /** `_parse_array_unicode`. */
  private array(): PyValue[] {
    const list: PyValue[] = [];
    if (this.opensEmpty(0x5d)) return list;
    do list.push(this.value());
    while (!this.closesAfterItem(0x5d, "Illegal trailing comma before end of array"));
    return list;
  }

  /** Steps past an opening bracket and whitespace; true (the closing bracket consumed too) when it is empty. */
  private opensEmpty(close: number): boolean {
    this.pos++;
    this.skipWhitespace();
    if (this.s.charCodeAt(this.pos) !== close) return false;
    this.pos++;
    return true;
  }

  /** After an item: true at the closing bracket (consumed); false past a comma and whitespace, ready for the next. */
  private closesAfterItem(close: number, trailingComma: string): boolean {
    this.skipWhitespace();
    const next = this.s.charCodeAt(this.pos);
    if (next === close) {
      this.pos++;
      return true;
    }
    if (next !== 0x2c) this.fail("Expecting ',' delimiter", this.pos);
    const comma = this.pos++;
    this.skipWhitespace();
    // Python 3.13 names the trailing comma instead of "Expecting property name" or "Expecting value".
    if (this.s.charCodeAt(this.pos) === close) this.fail(trailingComma, comma);
    return false;
  }
}

/**
 * `json.loads(text)` with Python's acceptance rules and Python's value types. Throws `PythonJsonDecodeError`
 * (Python's `JSONDecodeError`) or `PythonIntDigitsLimitError` (Python's plain `ValueError`).
 *
 * There is no `JSON.parse` fast path here: its values lose the int/float distinction and big ints' digits.
 */
export function parsePythonJson(text: string): PyValue {
  return new Scanner(text, false).run();
}

/** The Python type name of a parsed value, as `type(v).__name__` would print it. */
export function pyTypeName(value: PyValue): "NoneType" | "bool" | "int" | "float" | "str" | "list" | "dict" {
  if (value === null) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "str";
  if (Array.isArray(value)) return "list";
  if (value instanceof Map) return "dict";
  return value.kind;
}

export type PythonJsonResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * `json.loads(text)` for callers that want plain JS values (as `JSON.parse` gives them: numbers are doubles,
 * NaN and ±Infinity included; objects are plain objects, `__proto__` an own key) and, on failure, Python's
 * error text.
 *
 * Fast path: `JSON.parse` first. Every text it accepts is one Python accepts, with the same value (same
 * whitespace, number and string grammar; Python only adds NaN/Infinity), so only texts it rejects are
 * scanned. Two things Python would also refuse are let through, as the validator always has: ints over
 * 4300 digits (a `ValueError`, not a decode error) and nesting too deep for Python's recursion limit.
 * The scanner follows suit (numbers as doubles, no digit limit), so the result never depends on the path.
 */
export function pythonJsonLoads(text: string): PythonJsonResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    try {
      return { ok: true, value: toPlain(new Scanner(text, true).run()) };
    } catch (e) {
      if (e instanceof PythonJsonDecodeError) return { ok: false, error: e.message };
      throw e;
    }
  }
}

/** Python's `JSONDecodeError` text for `json.loads(text)`, or null when it decodes. Fast path as `pythonJsonLoads`. */
export function pythonJsonError(text: string): string | null {
  const result = pythonJsonLoads(text);
  return result.ok ? null : result.error;
}

/** A scanned value as `JSON.parse` would build it (dict keys defined, not assigned, so `__proto__` stays a key). */
function toPlain(value: PyValue): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) {
    const obj: Record<string, unknown> = {};
    for (const [key, item] of value) {
      Object.defineProperty(obj, key, { value: toPlain(item), enumerable: true, writable: true, configurable: true });
    }
    return obj;
  }
  return value.kind === "int" ? Number(value.value) : value.value;
}
