import { describe, expect, it } from "vitest";
import { parsePythonJson } from "../formats/pythonJson";
import { asFloat, pyJsonDumps, toPyValue } from "./pyJsonDumps";

describe("pyJsonDumps", () => {
  it("matches CPython's json.dumps (expected texts printed by Python 3)", () => {
    const value = parsePythonJson(
      '{"s": "é😀\\u007f\\u0001\\"\\\\/\\t", "f": [1.0, 1e-07, 1e16, -0.0, 123456789.123, NaN, Infinity], "i": 123456789012345678901234, "e": {}, "l": [], "n": null, "b": true}',
    );
    expect(pyJsonDumps(value)).toBe(
      '{"s": "\\u00e9\\ud83d\\ude00\\u007f\\u0001\\"\\\\/\\t", "f": [1.0, 1e-07, 1e+16, -0.0, 123456789.123, NaN, Infinity], "i": 123456789012345678901234, "e": {}, "l": [], "n": null, "b": true}',
    );
  });

  it("indents like json.dumps(indent=2), empty containers inline", () => {
    expect(pyJsonDumps(toPyValue({ a: [1, { b: [] }], c: {} }), { indent: 2 })).toBe(
      '{\n  "a": [\n    1,\n    {\n      "b": []\n    }\n  ],\n  "c": {}\n}',
    );
  });

  it("prints plain numbers by value and marked floats as floats", () => {
    expect(pyJsonDumps(toPyValue({ n: 2, x: 2.5, f: asFloat(2), skip: undefined }))).toBe('{"n": 2, "x": 2.5, "f": 2.0}');
  });
});
