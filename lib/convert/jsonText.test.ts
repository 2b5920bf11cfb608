import { describe, expect, it } from "vitest";
import { isJsonText } from "./jsonText";
import { prng } from "../testing/prng";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const CASES = [
  "", " ", "{}", "[]", "{ }", "[ ]", " {} ", "\t\r\n[1]\n", "\u00a0[]", "\ufeff{}", "\v[]", "\f[]",
  "0", "-0", "01", "-", "1.", ".5", "1.5", "1e5", "1E+5", "1e-5", "1e", "1e+", "+1", "0x10", "Infinity", "NaN",
  "-1.25e-3", "123abc", "1 2", "true", "false", "null", "tru", "nulls", "True", "undefined",
  '"a"', '"', '"abc', '"\\"', '"\\u00e9"', '"\\u00G0"', '"\\u12"', '"\\x41"', '"\\/"', '"\\b\\f\\n\\r\\t"', '"\\a"',
  '"tab\there"', '"nl\nhere"', '"\u007f"', '"\ud800"', '"\udc00\ud800"', '"😀"', '"\\ud800"',
  '{"a":1}', '{"a":1,}', '{"a" 1}', '{"a":}', '{a:1}', "{'a':1}", '{"a":1 "b":2}', '{"a":1,"b":[1,2,{"c":null}]}',
  "[1,]", "[,1]", "[1,,2]", "[[[]]]", "[[[]]", "[]]", '[{"a":[{}]}]', '{"a":{"b":{}}}', '{"":""}', '{"a":1}}',
  '{"city_0":210.168,"order_1":84.122}', '{"q": "x", "n": [1, 2.5, -3e2, true, false, null]}',
];

const ALPHABET = ['{', '}', '[', ']', '"', ':', ',', " ", "\n", "\t", "\\", "u", "0", "1", "9", "-", "+", ".", "e", "E", "a", "t", "r", "n", "l", "\u0001", "é", "\ud800"];

describe("isJsonText", () => {
  it("accepts exactly what JSON.parse accepts, on edge cases", () => {
    for (const text of CASES) expect(isJsonText(text), JSON.stringify(text)).toBe(parses(text));
  });

  it("accepts exactly what JSON.parse accepts, on mutations of valid JSON", () => {
    const random = prng(7);
    const seeds = CASES.filter(parses).concat([JSON.stringify({ a: [1, { b: "x\\y\"z", c: -0.5e-7 }], d: null, e: true, f: "\u0000\ud83d\ude00" })]);
    for (let n = 0; n < 20_000; n++) {
      let text = seeds[Math.floor(random() * seeds.length)]!;
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1));
        const ch = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
        const op = random();
        if (op < 0.4) text = text.slice(0, at) + ch + text.slice(at);
        else if (op < 0.8) text = text.slice(0, at) + text.slice(at + 1);
        else text = text.slice(0, at) + ch + text.slice(at + 1);
      }
      expect(isJsonText(text), JSON.stringify(text)).toBe(parses(text));
    }
  });

  it("has no nesting limit JSON.parse lacks", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(isJsonText(deep)).toBe(parses(deep));
  });
});
