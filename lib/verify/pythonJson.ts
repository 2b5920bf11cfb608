/**
 * A JSON parser with Python `json.loads` semantics (CPython's C scanner), for the verifier port.
 *
 * JS `JSON.parse` cannot stand in: it folds `1.0` into `1` and rejects `NaN`, while Gym's argument
 * comparison gates on the Python type of every value. Here a number is an int iff its token has no
 * `.`, `e` or `E`; ints are unbounded (`bigint`); objects are `Map`s so key order and `__proto__`
 * keys survive exactly as in a Python dict.
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

/** Python's `json.JSONDecodeError`: the text is not JSON. */
export class PythonJsonDecodeError extends Error {
  override name = "PythonJsonDecodeError";
  constructor(
    readonly msg: string,
    readonly doc: string,
    readonly pos: number,
  ) {
    super(`${msg}: ${describePosition(doc, pos)}`);
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

// CPython's scanner skips only these four between tokens (no \f, \v, NBSP or BOM).
const isJsonWhitespace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

// Python's number grammar; backtracking on "1." or "1e" leaves the rest as an error, as in CPython.
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

// A run of string characters needing no attention, skipped in one regex step for speed.
const PLAIN_RUN = /[^"\\\x00-\x1f]*/y;

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

// Python's "line L column C (char P)" suffix; positions count UTF-16 units here, code points in Python.
function describePosition(doc: string, pos: number): string {
  let line = 1;
  for (let i = doc.indexOf("\n"); i !== -1 && i < pos; i = doc.indexOf("\n", i + 1)) line++;
  const column = pos === 0 ? 1 : pos - doc.lastIndexOf("\n", pos - 1);
  return `line ${line} column ${column} (char ${pos})`;
}

/** `json.loads(text)` with Python's acceptance rules and Python's value types. */
export function parsePythonJson(text: string): PyValue {
  let pos = 0;
  const fail = (msg: string, at: number = pos): never => {
    throw new PythonJsonDecodeError(msg, text, at);
  };
  const skipWhitespace = () => {
    while (pos < text.length && isJsonWhitespace(text.charCodeAt(pos))) pos++;
  };

  function parseValue(): PyValue {
    switch (text[pos]) {
      case '"':
        return parseString();
      case "{":
        return parseObject();
      case "[":
        return parseArray();
      case "n":
        return literal("null", null);
      case "t":
        return literal("true", true);
      case "f":
        return literal("false", false);
      // Python extensions to JSON: NaN, Infinity and -Infinity (but not +Infinity or -NaN).
      case "N":
        return literal("NaN", pyFloat(NaN));
      case "I":
        return literal("Infinity", pyFloat(Infinity));
      case "-":
        return text[pos + 1] === "I" ? literal("-Infinity", pyFloat(-Infinity)) : parseNumber();
      default:
        return parseNumber();
    }
  }

  function literal(word: string, value: PyValue): PyValue {
    if (!text.startsWith(word, pos)) return fail("Expecting value");
    pos += word.length;
    return value;
  }

  function parseNumber(): PyValue {
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) return fail("Expecting value");
    const token = match[0];
    pos += token.length;
    if (match[1] !== undefined || match[2] !== undefined) return pyFloat(Number(token));
    const digits = token.length - (token.startsWith("-") ? 1 : 0);
    if (digits > MAX_INT_DIGITS) {
      throw new PythonIntDigitsLimitError(
        `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digits} digits`,
      );
    }
    return pyInt(BigInt(token));
  }

  function parseString(): string {
    const start = pos++;
    let out = "";
    let chunkStart = pos;
    for (;;) {
      if (pos >= text.length) return fail("Unterminated string starting at", start);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunkStart, pos++);
        return out;
      }
      if (c === 0x5c) {
        out += text.slice(chunkStart, pos);
        out += parseEscape();
        chunkStart = pos;
        continue;
      }
      // strict=True (the default) rejects raw control characters inside strings.
      if (c < 0x20) return fail("Invalid control character at");
      PLAIN_RUN.lastIndex = pos + 1;
      PLAIN_RUN.test(text);
      pos = PLAIN_RUN.lastIndex;
    }
  }

  function parseEscape(): string {
    const escapeAt = pos;
    const c = text[pos + 1];
    if (c === undefined) return fail("Unterminated string starting at", escapeAt);
    if (c === "u") {
      const hex = text.slice(pos + 2, pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return fail("Invalid \\uXXXX escape", escapeAt + 1);
      pos += 6;
      // Surrogate pairs need no special case: JS strings are UTF-16, so two escapes concatenate correctly.
      return String.fromCharCode(parseInt(hex, 16));
    }
    const simple = SIMPLE_ESCAPES[c];
    if (simple === undefined) return fail("Invalid \\escape", escapeAt);
    pos += 2;
    return simple;
  }

  function parseObject(): PyDict {
    const dict: PyDict = new Map();
    pos++;
    skipWhitespace();
    if (text[pos] === "}") {
      pos++;
      return dict;
    }
    for (;;) {
      if (text[pos] !== '"') {
        const trailingComma = dict.size > 0 && text[pos] === "}";
        return fail(trailingComma ? "Illegal trailing comma before end of object" : "Expecting property name enclosed in double quotes");
      }
      const key = parseString();
      skipWhitespace();
      if (text[pos] !== ":") return fail("Expecting ':' delimiter");
      pos++;
      skipWhitespace();
      dict.set(key, parseValue());
      skipWhitespace();
      const next = text[pos++];
      if (next === "}") return dict;
      if (next !== ",") return fail("Expecting ',' delimiter", pos - 1);
      skipWhitespace();
    }
  }

  function parseArray(): PyValue[] {
    const list: PyValue[] = [];
    pos++;
    skipWhitespace();
    if (text[pos] === "]") {
      pos++;
      return list;
    }
    for (;;) {
      if (list.length && text[pos] === "]") return fail("Illegal trailing comma before end of array");
      list.push(parseValue());
      skipWhitespace();
      const next = text[pos++];
      if (next === "]") return list;
      if (next !== ",") return fail("Expecting ',' delimiter", pos - 1);
      skipWhitespace();
    }
  }

  // json.loads rejects a leading BOM outright rather than treating it as whitespace.
  if (text.charCodeAt(0) === 0xfeff) fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
  skipWhitespace();
  const value = parseValue();
  skipWhitespace();
  if (pos !== text.length) fail("Extra data");
  return value;
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
