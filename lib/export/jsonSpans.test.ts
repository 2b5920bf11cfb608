import { describe, expect, it } from "vitest";
import { arrayElements, objectMembers, skipValue, uniqueMembers } from "./jsonSpans";

describe("jsonSpans", () => {
  const text = ` { "a" : "x\\"}]\\\\" ,"b":[1, {"c": "]"}], "\\u0061":-1.5e+3 ,"d":NaN, "e" : {} }`;

  it("finds each member's key and exact value text", () => {
    const members = objectMembers(text, 1);
    expect(members.map((m) => [m.key, m.keyText, text.slice(m.valueStart, m.valueEnd)])).toEqual([
      ["a", '"a"', '"x\\"}]\\\\"'],
      ["b", '"b"', '[1, {"c": "]"}]'],
      ["a", '"\\u0061"', "-1.5e+3"],
      ["d", '"d"', "NaN"],
      ["e", '"e"', "{}"],
    ]);
    expect(skipValue(text, 1)).toBe(text.length);
  });

  it("keeps a repeated key at its first place with its last value", () => {
    const unique = uniqueMembers(objectMembers(text, 1));
    expect(unique.map((m) => [m.keyText, text.slice(m.valueStart, m.valueEnd)])).toEqual([
      ['"a"', "-1.5e+3"],
      ['"b"', '[1, {"c": "]"}]'],
      ['"d"', "NaN"],
      ['"e"', "{}"],
    ]);
  });

  it("splits arrays into element spans", () => {
    const array = '[ 1 ,"a,b", [2], {"x": [3]} ,true]';
    expect(arrayElements(array, 0).map(([s, e]) => array.slice(s, e))).toEqual(["1", '"a,b"', "[2]", '{"x": [3]}', "true"]);
    expect(arrayElements("[ ]", 0)).toEqual([]);
    expect(objectMembers("{ }", 0)).toEqual([]);
  });
});
