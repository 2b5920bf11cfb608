import { describe, expect, it } from "vitest";
import { checkArgumentSchema } from "./argumentSchema";
import { checkBeyondGym } from "./beyondGym";
import { type FindingCode } from "./finding";
import { type Row, cleanRow, withValue } from "./testRows";

const P = "responses_create_params";
const withArgs = (args: string) => withValue("expected_action.arguments", args);
const codes = (row: Row) => checkBeyondGym(row).map((f) => f.code);

interface BeyondCase {
  code: FindingCode;
  name: string;
  fail: Row;
  path: string;
  message: string;
  pass: Row[];
}

const call = (call_id: string) => ({ type: "function_call", name: "get_weather", arguments: '{"city": "Rome"}', call_id });
const output = (call_id: string) => ({ type: "function_call_output", call_id, output: "18C" });
const withInput = (items: unknown[], row = cleanRow()) => withValue(`${P}.input`, [{ role: "user", content: "hi" }, ...items], row);

const CASES: BeyondCase[] = [
  {
    code: "params_null_fields",
    name: "model_dump() nulls",
    fail: withValue(`${P}.model`, null, withValue(`${P}.metadata`, null, withValue(`${P}.temperature`, null))),
    path: P,
    message: `${P} has null optional keys that the pivot skill says to omit: temperature, model`,
    pass: [cleanRow(), withValue(`${P}.metadata`, null)],
  },
  {
    code: "arguments_missing_required",
    name: "no city",
    fail: withArgs('{"units": "c"}'),
    path: "expected_action.arguments",
    message: 'arguments lacks required key "city" (tool get_weather)',
    pass: [withArgs('{"city": "Paris"}')],
  },
  {
    code: "arguments_type_mismatch",
    name: "city as a number",
    fail: withArgs('{"city": 75}'),
    path: "expected_action.arguments",
    message: 'argument "city" must be string, found integer (tool get_weather)',
    pass: [withArgs('{"city": "75"}')],
  },
  {
    code: "arguments_type_mismatch",
    name: "top-level list where the schema wants an object",
    fail: withArgs('["Paris"]'),
    path: "expected_action.arguments",
    message: "arguments must be object, found array (tool get_weather)",
    pass: [withArgs("{\"city\": \"Paris\"}")],
  },
  {
    code: "arguments_enum_mismatch",
    name: "units outside the enum",
    fail: withArgs('{"city": "Paris", "units": "kelvin"}'),
    path: "expected_action.arguments",
    message: 'argument "units" must be one of ["c","f"], found "kelvin" (tool get_weather)',
    pass: [withArgs('{"city": "Paris", "units": "f"}')],
  },
  {
    code: "arguments_unexpected_key",
    name: "a key additionalProperties: false forbids",
    fail: withArgs('{"city": "Paris", "country": "FR"}'),
    path: "expected_action.arguments",
    message: 'arguments has key "country", which the schema does not allow (tool get_weather)',
    pass: [withValue(`${P}.tools[0].parameters.additionalProperties`, true, withArgs('{"city": "Paris", "country": "FR"}'))],
  },
  {
    code: "function_call_output_orphan",
    name: "an output before its call",
    fail: withInput([output("c1"), call("c1")]),
    path: `${P}.input[1].call_id`,
    message: 'function_call_output call_id "c1" has no earlier function_call',
    pass: [withInput([call("c1"), output("c1")]), withInput([{ name: "f", arguments: "{}", call_id: "c2" }, { call_id: "c2", output: "x" }])],
  },
  {
    code: "expected_action_repeats_prefix",
    name: "the expected call already ends the prefix",
    fail: withInput([{ type: "function_call", name: "get_weather", arguments: '{"units": "c", "city": "Paris"}', call_id: "c9" }]),
    path: `${P}.input[1]`,
    message: "the expected function call is already at the end of the input",
    pass: [withInput([call("c1"), output("c1")]), withInput([call("c1")])],
  },
  {
    code: "expected_action_repeats_prefix",
    name: "the expected message already ends the prefix",
    fail: withInput(
      [{ id: "m1", role: "assistant", content: [{ type: "output_text", text: " Hello! ", annotations: [] }] }],
      withValue("expected_action", { type: "message", content: "Hello!" }),
    ),
    path: `${P}.input[1]`,
    message: "the expected message is already the last input item",
    pass: [withValue("expected_action", { type: "message", content: "Hello!" })],
  },
];

describe("beyond-Gym checks", () => {
  it("has nothing to say about the clean row", () => {
    expect(checkBeyondGym(cleanRow())).toEqual([]);
  });

  describe.each(CASES)("$code: $name", ({ code, fail, path, message, pass }) => {
    it("warns at the right path", () => {
      expect(checkBeyondGym(fail).find((f) => f.code === code)).toEqual({ code, severity: "warning", path, message });
    });
    it("stays quiet on the accepted variants", () => {
      for (const row of pass) expect(codes(row)).toEqual([]);
    });
  });

  it("checks every call of a batch against its own tool, and spots a repeated batch in any order", () => {
    const calls = [
      { type: "function_call", name: "get_weather", arguments: '{"city": "Oslo"}' },
      { type: "function_call", name: "get_weather", arguments: '{"town": "Rome"}' },
    ];
    const row = withValue("expected_action", { type: "function_call_batch", calls });
    expect(checkBeyondGym(row).map((f) => [f.code, f.path])).toEqual([
      ["arguments_missing_required", "expected_action.calls[1].arguments"],
      ["arguments_unexpected_key", "expected_action.calls[1].arguments"],
    ]);
    const repeated = withInput([{ ...calls[1], call_id: "b" }, { ...calls[0], call_id: "a" }], row);
    expect(codes(repeated)).toContain("expected_action_repeats_prefix");
  });

  it("matches outputs to earlier calls however far back, also in rows with many parallel calls", () => {
    // 300 calls, then their outputs last-to-first (the look-back grows long and gives way to a set), one orphan.
    const ids = Array.from({ length: 300 }, (_, i) => `c${i}`);
    const items = [...ids.map(call), ...[...ids].reverse().map(output), output("c-1"), call("late"), output("late")];
    const orphans = checkBeyondGym(withInput(items)).filter((f) => f.code === "function_call_output_orphan");
    expect(orphans.map((f) => f.path)).toEqual([`${P}.input[601].call_id`]);
    // An output before its call is an orphan, near the start or after the set took over.
    const early = [output("x"), call("x"), ...ids.map(call), ...ids.map(output), output("y"), call("y")];
    const paths = checkBeyondGym(withInput(early)).filter((f) => f.code === "function_call_output_orphan").map((f) => f.path);
    expect(paths).toEqual([`${P}.input[1].call_id`, `${P}.input[603].call_id`]);
  });

  it("skips the schema check when arguments do not parse or the tool has no schema", () => {
    expect(codes(withArgs("{'city': 1}"))).toEqual([]);
    expect(codes(withValue(`${P}.tools[0].parameters`, null, withArgs('{"x": 1}')))).toEqual([]);
  });
});

describe("checkArgumentSchema", () => {
  it("uses JSON Schema types: 1.0 is an integer, true is not a number, null needs null", () => {
    const schema = { type: "object", properties: { n: { type: "integer" }, x: { type: "number" }, z: { type: ["string", "null"] } } };
    expect(checkArgumentSchema(JSON.parse('{"n": 1.0, "x": 2, "z": null}'), schema)).toEqual([]);
    expect(checkArgumentSchema({ n: 1.5, x: true, z: 3 }, schema).map((p) => p.message)).toEqual([
      'argument "n" must be integer, found number',
      'argument "x" must be number, found boolean',
      'argument "z" must be string or null, found integer',
    ]);
  });

  it("recurses into nested objects and array items", () => {
    const schema = {
      type: "object",
      properties: { plan: { type: "array", items: { type: "object", required: ["step"], properties: { status: { enum: ["pending", "done"] } } } } },
    };
    const problems = checkArgumentSchema({ plan: [{ step: "a", status: "done" }, { status: "later" }] }, schema);
    expect(problems.map((p) => p.message)).toEqual([
      'argument "plan[1]" lacks required key "step"',
      'argument "plan[1].status" must be one of ["pending","done"], found "later"',
    ]);
  });
});
