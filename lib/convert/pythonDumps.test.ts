import { describe, expect, it } from "vitest";
import { pyJsonDumps } from "./pythonDumps";

// Expected strings are what CPython 3.13 prints for json.dumps(json.loads(<the same JSON>)).
describe("pyJsonDumps", () => {
  it.each([
    [{ city: "Paris", days: 2 }, '{"city": "Paris", "days": 2}'],
    [{ a: [1, 2.5, null, true], b: {} }, '{"a": [1, 2.5, null, true], "b": {}}'],
    [{ s: 'quote " back \\ nl \n tab \t' }, '{"s": "quote \\" back \\\\ nl \\n tab \\t"}'],
    [{ s: "café ✓ 😀" }, '{"s": "caf\\u00e9 \\u2713 \\ud83d\\ude00"}'],
    [{ s: "\u0001\u007f/" }, '{"s": "\\u0001\\u007f/"}'],
    [[1e-7, 1e16, 123456.789, -0.5, 1e22], "[1e-07, 1e+16, 123456.789, -0.5, 1e+22]"],
    [[0.0001, 12345678901234567890], "[0.0001, 1.2345678901234567e+19]"],
    ["x", '"x"'],
    [[], "[]"],
  ])("%j", (value, expected) => {
    expect(pyJsonDumps(value)).toBe(expected);
  });
});
