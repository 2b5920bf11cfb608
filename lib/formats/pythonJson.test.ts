import { describe, expect, it } from "vitest";
import {
  parsePythonJson,
  pyFloat,
  pyInt,
  PythonIntDigitsLimitError,
  PythonJsonDecodeError,
  pythonJsonError,
  pythonJsonLoads,
  pyTypeName,
  type PyValue,
} from "./pythonJson";

describe("parsePythonJson: values and Python types", () => {
  it("keeps int and float apart the way Python's json.loads does", () => {
    expect(parsePythonJson("1")).toEqual(pyInt(1));
    expect(parsePythonJson("1.0")).toEqual(pyFloat(1));
    expect(parsePythonJson("1e5")).toEqual(pyFloat(100000));
    expect(parsePythonJson("1E-3")).toEqual(pyFloat(0.001));
    expect(parsePythonJson("-0")).toEqual(pyInt(0));
    expect(pyTypeName(parsePythonJson("1"))).toBe("int");
    expect(pyTypeName(parsePythonJson("1.0"))).toBe("float");
  });

  it("parses -0.0 as a negative-zero float", () => {
    const value = parsePythonJson("-0.0");
    expect(value).toEqual(pyFloat(-0));
    expect(Object.is((value as { value: number }).value, -0)).toBe(true);
  });

  it("keeps ints unbounded, with no rounding to a double", () => {
    const big = "123456789012345678901234567890";
    expect(parsePythonJson(big)).toEqual(pyInt(BigInt(big)));
    expect(parsePythonJson("9007199254740993")).not.toEqual(parsePythonJson("9007199254740992"));
  });

  it("accepts Python's NaN, Infinity and -Infinity as floats", () => {
    const nan = parsePythonJson("NaN");
    expect(pyTypeName(nan)).toBe("float");
    expect(Number.isNaN((nan as { value: number }).value)).toBe(true);
    expect(parsePythonJson("Infinity")).toEqual(pyFloat(Infinity));
    expect(parsePythonJson("[-Infinity]")).toEqual([pyFloat(-Infinity)]);
  });

  it("overflows a huge exponent to an infinite float, like float('1e400')", () => {
    expect(parsePythonJson("1e400")).toEqual(pyFloat(Infinity));
  });

  it("returns dicts as Maps in insertion order, and a duplicate key keeps its first slot and last value", () => {
    const dict = parsePythonJson('{"b": 1, "a": 2, "b": 3}');
    expect(dict).toBeInstanceOf(Map);
    expect([...(dict as Map<string, PyValue>)]).toEqual([
      ["b", pyInt(3)],
      ["a", pyInt(2)],
    ]);
  });

  it("treats __proto__ as an ordinary key", () => {
    const dict = parsePythonJson('{"__proto__": {"x": 1}}') as Map<string, PyValue>;
    expect([...dict.keys()]).toEqual(["__proto__"]);
  });

  it("parses literals, nesting and string escapes", () => {
    expect(parsePythonJson('[null, true, false, [], {}, "a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"]')).toEqual([
      null,
      true,
      false,
      [],
      new Map(),
      'a"b\\c/d\b\f\n\r\t',
    ]);
    expect(parsePythonJson('"\\u00e9\\ud83d\\ude00"')).toBe("é😀");
    expect(parsePythonJson('"\\ud800"')).toBe("\ud800");
    expect(parsePythonJson('"\x7f"')).toBe("\x7f");
  });

  it("accepts leading and trailing JSON whitespace (space, tab, newline, carriage return)", () => {
    expect(parsePythonJson(" \t\r\n[ 1 ,\n2 ] \n")).toEqual([pyInt(1), pyInt(2)]);
  });
});

describe("parsePythonJson: rejects what Python rejects", () => {
  it.each([
    ["empty string", ""],
    ["whitespace only", "  "],
    ["trailing comma in a list", "[1,]"],
    ["trailing comma in an object", '{"a": 1,}'],
    ["single quotes", "{'a': 1}"],
    ["unquoted key", "{a: 1}"],
    ["Python literal True", "True"],
    ["None", "None"],
    ["leading plus", "+1"],
    ["-NaN", "-NaN"],
    ["+Infinity", "+Infinity"],
    ["leading zero", "01"],
    ["bare fraction point", "1."],
    ["leading point", ".5"],
    ["dangling exponent", "1e"],
    ["hex number", "0x1"],
    ["missing comma", "[1 2]"],
    ["missing colon", '{"a" 1}'],
    ["extra data", "{} {}"],
    ["unterminated string", '"abc'],
    ["raw control character in a string", '"a\u0001b"'],
    ["raw newline in a string", '"a\nb"'],
    ["invalid escape", '"\\x41"'],
    ["short \\u escape", '"\\u12"'],
    ["form feed as whitespace", "\f1"],
    ["no-break space as whitespace", "\u00a01"],
    ["leading BOM", "\ufeff1"],
    ["query-string arguments", "first=one"],
  ])("%s", (_, text) => {
    expect(() => parsePythonJson(text)).toThrow(PythonJsonDecodeError);
  });

  it("reports Python's message and position", () => {
    expect(() => parsePythonJson("[1 2]")).toThrow("Expecting ',' delimiter: line 1 column 4 (char 3)");
    expect(() => parsePythonJson("{\n  1}")).toThrow("Expecting property name enclosed in double quotes: line 2 column 3 (char 4)");
    expect(() => parsePythonJson("")).toThrow("Expecting value: line 1 column 1 (char 0)");
  });

  it("raises a plain ValueError (not a decode error) for an int over 4300 digits, as Python 3.11+ does", () => {
    expect(parsePythonJson("9".repeat(4300))).toEqual(pyInt(BigInt("9".repeat(4300))));
    expect(parsePythonJson("-" + "9".repeat(4300))).toEqual(pyInt(-BigInt("9".repeat(4300))));
    expect(() => parsePythonJson("9".repeat(4301))).toThrow(PythonIntDigitsLimitError);
    expect(() => parsePythonJson("9".repeat(4301))).not.toThrow(PythonJsonDecodeError);
    // The limit is for int conversion only: a long float is fine.
    expect(pyTypeName(parsePythonJson("9".repeat(4301) + ".0"))).toBe("float");
  });
});

// Expected texts are CPython 3.13's `str(JSONDecodeError)` for the same input.
const REJECTED: [string, string][] = [
  ["", "Expecting value: line 1 column 1 (char 0)"],
  ["   ", "Expecting value: line 1 column 4 (char 3)"],
  ["[1,]", "Illegal trailing comma before end of array: line 1 column 3 (char 2)"],
  ['{"a":1,}', "Illegal trailing comma before end of object: line 1 column 7 (char 6)"],
  ["[", "Expecting value: line 1 column 2 (char 1)"],
  ['{"a"', "Expecting ':' delimiter: line 1 column 5 (char 4)"],
  ['"abc', "Unterminated string starting at: line 1 column 1 (char 0)"],
  ['"\\u12"', "Invalid \\uXXXX escape: line 1 column 3 (char 2)"],
  ['"\\x"', "Invalid \\escape: line 1 column 2 (char 1)"],
  ["-", "Expecting value: line 1 column 1 (char 0)"],
  ["1.", "Extra data: line 1 column 2 (char 1)"],
  ["[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"],
  ["\ufeff{}", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"],
  ['"\u0001"', "Invalid control character at: line 1 column 2 (char 1)"],
  ['"\\ud800\\uzzzz"', "Invalid \\uXXXX escape: line 1 column 9 (char 8)"],
  // CPython wants a character after the 4 hex digits before it checks them.
  ['"\\u1234', "Invalid \\uXXXX escape: line 1 column 3 (char 2)"],
  // Positions count code points: the emoji is one character to Python, two UTF-16 units to JS.
  ['{"cmd": "😀 ok" x}', "Expecting ',' delimiter: line 1 column 16 (char 15)"],
  ['{"a": 1}\n{"b": 2}\n', "Extra data: line 2 column 1 (char 9)"],
  ['{\n  "a": tru\n}', "Expecting value: line 2 column 8 (char 9)"],
  ["{'a': 1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"],
];

describe("pythonJsonLoads and pythonJsonError: the validator's view", () => {
  it.each(REJECTED)("rejects %j as json.loads does", (text, error) => {
    expect(pythonJsonLoads(text)).toEqual({ ok: false, error });
    expect(pythonJsonError(text)).toBe(error);
  });

  it("accepts Python's NaN and Infinity extensions that JSON.parse rejects", () => {
    expect(pythonJsonLoads("NaN")).toEqual({ ok: true, value: NaN });
    expect(pythonJsonLoads('{"x": -Infinity}')).toEqual({ ok: true, value: { x: -Infinity } });
    expect(pythonJsonError('{"x": Infinity}')).toBeNull();
  });

  it("decodes values like JSON.parse otherwise, surrogate pairs and __proto__ keys included", () => {
    const text = '  {"a": [1, 2.5e3, null, true], "s": "\\ud83d\\ude00\\u00e9", "__proto__": {"b": "x"}}\n';
    const result = pythonJsonLoads(text);
    expect(result).toEqual({ ok: true, value: JSON.parse(text) });
    expect(result.ok && Object.keys(result.value as object)).toEqual(["a", "s", "__proto__"]);
  });
});

describe("one parser behind both views", () => {
  it.each(REJECTED)("parsePythonJson rejects %j with the validator's text and Python's pos, lineno and colno", (text, error) => {
    let thrown: unknown;
    try {
      parsePythonJson(text);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PythonJsonDecodeError);
    const decodeError = thrown as PythonJsonDecodeError;
    expect(decodeError.message).toBe(error);
    expect(`${decodeError.msg}: line ${decodeError.lineno} column ${decodeError.colno} (char ${decodeError.pos})`).toBe(error);
    expect(decodeError.doc).toBe(text);
  });

  // The plain view's slow path runs only on texts JSON.parse rejects; appending NaN forces it.
  it.each([
    '{"a": [1, 2.5e3, -0, -0.0, 1e400, 9007199254740993, null, true], "s": "\\ud83d\\ude00\\ud800 \\u00e9\\n"}',
    '{"b": 1, "1": 2, "b": 3, "__proto__": {"x": []}, "constructor": 0}',
    '"' + "x".repeat(1000) + '"',
    "123456789012345678901234567890",
  ])("gives JSON.parse's value on either path: %s", (text) => {
    const slow = pythonJsonLoads(`[${text}, NaN]`);
    expect(slow.ok).toBe(true);
    const [value, nan] = (slow as { value: unknown[] }).value;
    expect(Number.isNaN(nan)).toBe(true);
    expect(value).toStrictEqual(JSON.parse(text));
    expect(Object.keys(value as object)).toEqual(Object.keys(JSON.parse(text) as object));
    expect(pythonJsonLoads(text)).toStrictEqual({ ok: true, value: JSON.parse(text) });
  });

  it("keeps -0 a negative zero in the plain view, as JSON.parse does, though Python's int has none", () => {
    const slow = pythonJsonLoads("[-0, NaN]") as { value: number[] };
    expect(Object.is(slow.value[0], -0)).toBe(true);
    expect(parsePythonJson("-0")).toEqual(pyInt(0));
  });

  it("lets an int over 4300 digits through in the plain view, as JSON.parse does, and reports errors after it", () => {
    const huge = "9".repeat(4301);
    expect(pythonJsonLoads(`[${huge}, NaN]`)).toMatchObject({ ok: true, value: [Infinity, NaN] });
    expect(pythonJsonError(`[${huge}, NaN]`)).toBeNull();
    expect(pythonJsonError(`[${huge} x]`)).toBe("Expecting ',' delimiter: line 1 column 4304 (char 4303)");
    expect(() => parsePythonJson(`[${huge} x]`)).toThrow(PythonIntDigitsLimitError);
  });

  it("reports CPython's positions for a trailing comma, a backslash at the end and a \\u escape at the end", () => {
    expect(() => parsePythonJson("[1, ]")).toThrow("Illegal trailing comma before end of array: line 1 column 3 (char 2)");
    expect(() => parsePythonJson('"ab\\')).toThrow("Unterminated string starting at: line 1 column 1 (char 0)");
    expect(() => parsePythonJson('["\\u00e9')).toThrow("Invalid \\uXXXX escape: line 1 column 4 (char 3)");
  });
});
