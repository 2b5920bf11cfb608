import { describe, expect, it } from "vitest";
import { pyJsonDumps } from "./pythonDumps";
import { parsePythonLiteral } from "./pythonLiteral";

// Each case's expected text is what Python 3 prints for `json.dumps(ast.literal_eval(text))`.
const DUMPED: [string, string][] = [
  ["{'name': 'f', 'arguments': {'x': 1}}", '{"name": "f", "arguments": {"x": 1}}'],
  ["{'a': True, 'b': False, 'c': None}", '{"a": true, "b": false, "c": null}'],
  ["{'f': 1.0, 'g': 1., 'h': .5, 'i': -2e3, 'j': 12345678901234567890}", '{"f": 1.0, "g": 1.0, "h": 0.5, "i": -2000.0, "j": 12345678901234567890}'],
  ["[1, (2, 3), [], ()]", "[1, [2, 3], [], []]"],
  [`{"q": 'it\\'s', 'd': "say \\"hi\\"", 'n': 'a\\nb\\tc', 'u': u'\\u00e9\\x41\\101', 'k': 'C:\\\\dir'}`, '{"q": "it\'s", "d": "say \\"hi\\"", "n": "a\\nb\\tc", "u": "\\u00e9AA", "k": "C:\\\\dir"}'],
  ["  {'trailing': [1, 2,],}  ", '{"trailing": [1, 2]}'],
  ["{1: 'int key', 2.5: 'float key'}", '{"1": "int key", "2.5": "float key"}'],
  ["{'empty': '', 'unknown escape': '\\d'}", '{"empty": "", "unknown escape": "\\\\d"}'],
];

describe("Python literals (ast.literal_eval of repr-written data)", () => {
  it.each(DUMPED)("%s", (text, dumped) => {
    expect(pyJsonDumps(parsePythonLiteral(text))).toBe(dumped);
  });

  it("gives plain numbers when asked, for values that JSON.stringify writes", () => {
    expect(parsePythonLiteral("{'minimum': 0, 'x': 1.5}", "plain")).toEqual({ minimum: 0, x: 1.5 });
  });

  it.each(["{'a': 1", "{'a' 1}", "{'a': true}", "{'a': null}", "{1, 2}", "b'bytes'", "r'raw'", "'''triple'''", "0x1f", "1_000", "012", "1 + 2", "{'a': 1} extra", "'unterminated", "f(1)", "[1 2]", ""])(
    "%s is not a literal here",
    (text) => {
      expect(parsePythonLiteral(text)).toBeUndefined();
    },
  );
});
