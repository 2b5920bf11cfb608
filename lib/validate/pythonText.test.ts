import { describe, expect, it } from "vitest";
import { comparePyStrings, pyFormatFixed, pyFormatPercent, pyRepr, pyReprFloat, pyReprString, pyStrip } from "./pythonText";

// Expected texts are what CPython 3.13 prints for the same values.
describe("Python repr", () => {
  it("quotes and escapes strings as CPython", () => {
    expect(pyReprString("a'b")).toBe(`"a'b"`);
    expect(pyReprString('a"b')).toBe(`'a"b'`);
    expect(pyReprString(`a'b"c`)).toBe(`'a\\'b"c'`);
    expect(pyReprString("\x00\t\n\x7f\x85\xa0\u200b\u2028\ufeff😀\u{e0001}é\\")).toBe(
      "'\\x00\\t\\n\\x7f\\x85\\xa0\\u200b\\u2028\\ufeff😀\\U000e0001é\\\\'",
    );
  });

  it("prints floats with Python's shortest form and exponent thresholds", () => {
    const cases: [number, string][] = [
      [1e16, "1e+16"], [1e15, "1000000000000000.0"], [0.0001, "0.0001"], [0.00001, "1e-05"],
      [-0, "-0.0"], [1e22, "1e+22"], [123.456, "123.456"], [5e-324, "5e-324"],
    ];
    for (const [x, text] of cases) expect(pyReprFloat(x)).toBe(text);
  });

  it("prints JSON values as Python literals", () => {
    expect(pyRepr(null)).toBe("None");
    expect(pyRepr(undefined)).toBe("None");
    expect(pyRepr([true, false, 3, 2.5, "x"])).toBe("[True, False, 3, 2.5, 'x']");
    expect(pyRepr({ type: "function", name: "f", args: {} })).toBe("{'type': 'function', 'name': 'f', 'args': {}}");
  });
});

describe("Python text helpers", () => {
  it("strips Python whitespace, which is not JS trim()'s set", () => {
    expect(pyStrip("\u00a0 x \u3000")).toBe("x");
    expect(pyStrip("\ufeffx\x1c")).toBe("\ufeffx");
  });

  it("sorts by code point like sorted()", () => {
    expect(["b", "\uffff", "😀", "a", "é"].sort(comparePyStrings)).toEqual(["a", "b", "é", "\uffff", "😀"]);
  });

  it("rounds exact ties to even like format(), unlike toFixed()", () => {
    expect(pyFormatFixed(0.125, 2)).toBe("0.12");
    expect(pyFormatFixed(1.125, 2)).toBe("1.12");
    expect(pyFormatFixed(0.375, 2)).toBe("0.38");
    expect(pyFormatFixed(2.675, 2)).toBe("2.67"); // below the tie in binary
    expect(pyFormatPercent(1 / 3)).toBe("33.33%");
    expect(pyFormatPercent(2 / 3)).toBe("66.67%");
    expect(pyFormatPercent(1 / 8)).toBe("12.50%");
    expect(pyFormatPercent(1 / 800)).toBe("0.12%");
  });
});
