import { describe, expect, it } from "vitest";
import { parsePythonJson, pythonJsonError } from "./pythonJson";

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

describe("parsePythonJson", () => {
  it.each(REJECTED)("rejects %j as json.loads does", (text, error) => {
    expect(parsePythonJson(text)).toEqual({ ok: false, error });
    expect(pythonJsonError(text)).toBe(error);
  });

  it("accepts Python's NaN and Infinity extensions that JSON.parse rejects", () => {
    expect(parsePythonJson("NaN")).toEqual({ ok: true, value: NaN });
    expect(parsePythonJson('{"x": -Infinity}')).toEqual({ ok: true, value: { x: -Infinity } });
    expect(pythonJsonError('{"x": Infinity}')).toBeNull();
  });

  it("decodes values like JSON.parse otherwise, surrogate pairs and __proto__ keys included", () => {
    const text = '  {"a": [1, 2.5e3, null, true], "s": "\\ud83d\\ude00\\u00e9", "__proto__": {"b": "x"}}\n';
    const result = parsePythonJson(text);
    expect(result).toEqual({ ok: true, value: JSON.parse(text) });
    expect(result.ok && Object.keys(result.value as object)).toEqual(["a", "s", "__proto__"]);
  });
});
