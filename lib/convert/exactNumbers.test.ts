import { describe, expect, it } from "vitest";
import { bytesSource } from "../jsonl/byteSource";
import { candidateSourceRowsOf } from "../export/candidateSource";
import { rebuildCandidate } from "../view/candidateRow";
import { createRowHasher } from "../jsonl/rowHash";
import { convertSource, createConversionRun, type PivotRow } from ".";
import { documentLines } from "../ingest/jsonDocument";
import { exactTwins } from "./exactNumbers";
import { pyJsonDumps } from "./pythonDumps";

// Python 3: print(json.dumps(json.loads(TEXT))) — the reference the twin must reproduce.
const TEXT =
  '{"n": 1.0, "b": [1.0, 2, 2.50], "big": 12345678901234567890, "e": 1e3, "E": 2E-3, "f": 1.5, "z": -0.0, "zi": -0, "t": "v 1.0", "o": {"x": 10.000}}';
const PYTHON =
  '{"n": 1.0, "b": [1.0, 2, 2.5], "big": 12345678901234567890, "e": 1000.0, "E": 0.002, "f": 1.5, "z": -0.0, "zi": 0, "t": "v 1.0", "o": {"x": 10.0}}';

describe("exact numbers for object arguments", () => {
  it("dumps what Python's json.dumps(json.loads(text)) prints: integral floats, big ints, exponents", () => {
    const plain = JSON.parse(TEXT) as object;
    expect(pyJsonDumps(plain)).not.toBe(PYTHON); // JSON.parse alone has lost 1.0 and the big int
    const twin = exactTwins(plain, TEXT)(plain);
    expect(pyJsonDumps(twin)).toBe(PYTHON);
    // Nested objects have their own twins, by identity.
    const inner = (plain as { o: object }).o;
    expect(pyJsonDumps(exactTwins(plain, TEXT)(inner))).toBe('{"x": 10.0}');
  });

  it("a row with nothing to lose is not parsed again", () => {
    const text = '{"a": 1, "b": [2.5, "x"]}';
    const plain = JSON.parse(text) as object;
    expect(exactTwins(plain, text)(plain)).toBeUndefined();
  });

  it("a chat call's object arguments keep 1.0 in the CLI's conversion, the export's and the decision-point view's", async () => {
    const row = {
      messages: [
        { role: "user", content: "Set the dial." },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "set", arguments: { level: 1.5, steps: [1, 2] } } }] },
      ],
      tools: [{ type: "function", function: { name: "set", parameters: { type: "object", properties: {} } } }],
    };
    // The source writes floats: 1.0 and [1.0, 2.0].
    const line = JSON.stringify(row).replace('"level":1.5', '"level":1.0').replace('"steps":[1,2]', '"steps":[1.0,2.0]');
    const bytes = new TextEncoder().encode(line + "\n");
    const expected = '{"level": 1.0, "steps": [1.0, 2.0]}';

    const run = await createConversionRun({ minReward: null });
    const cli: PivotRow[] = [];
    await convertSource(bytesSource(bytes), "dial.jsonl", run, { pivot: (r) => cli.push(r), skipped: () => undefined, rowError: () => undefined });
    expect(cli.map((r) => r.expected_action)).toEqual([{ type: "function_call", name: "set", arguments: expected }]);

    const conversion = { options: run.options };
    const exported: unknown[] = [];
    for await (const r of candidateSourceRowsOf([{ name: "dial.jsonl", open: async () => bytesSource(bytes), conversion }])()) exported.push(JSON.parse(r.text!));
    expect(exported).toEqual(cli);

    // The same trajectory in a .json list: the CLI's document reading and the app's (records as JSONL lines) keep 1.0 too.
    const doc = new TextEncoder().encode(`[\n  ${line}\n]\n`);
    const fromDocument: PivotRow[] = [];
    await convertSource(bytesSource(doc), "dial.json", await createConversionRun({ minReward: null }), { pivot: (r) => fromDocument.push(r), skipped: () => undefined, rowError: () => undefined });
    expect(fromDocument.map((r) => r.expected_action.type === "function_call" && r.expected_action.arguments)).toEqual([expected]);
    const lines = documentLines(new TextDecoder().decode(doc));
    expect(lines.ok && lines.text).toBe(`${line}\n`);

    const hash = (await createRowHasher())(new TextEncoder().encode(line));
    const rebuilt = rebuildCandidate(JSON.parse(line), hash, { conversion: { ...conversion, fileName: "dial.jsonl" }, sourceLine: 1, candidateIndex: 0 }, line);
    expect(rebuilt).toEqual(cli[0]);
  });
});
