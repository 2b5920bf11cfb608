import { describe, expect, it } from "vitest";
import {
  parsePythonJson,
  pyFloat,
  pyInt,
  PythonIntDigitsLimitError,
  PythonJsonDecodeError,
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
