import { describe, expect, it } from "vitest";
import { cleanRow } from "../validate/testRows";
import { uniformDecisions } from "./decisions";
import { resolveExportOptions } from "./options";
import { processRow, type RowWork } from "./processRow";
import { RequestMemo } from "./requestMemo";

type Json = Record<string, unknown>;

/** Python's `json.dumps` layout (", " and ": "): the other common way rows are written. */
function pythonLayout(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonLayout).join(", ")}]`;
  if (value !== null && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonLayout(v)}`).join(", ")}}`;
  return JSON.stringify(value);
}

/**
 * Pivots of a few trajectories in order, each row's input one turn longer than the last, with the changes a
 * memo must notice: another tool list, a new trajectory, an edited earlier turn, a setting that changes, a
 * member normalization replaces, text layouts that differ, a duplicate key, an input that is a string.
 */
function trajectoryRows(): string[] {
  const rows: string[] = [];
  for (let t = 0; t < 4; t++) {
    const base = cleanRow() as Json;
    const rcp = base.responses_create_params as Json;
    const tools = rcp.tools as Json[];
    if (t % 2 === 1) tools.push({ ...tools[0], name: "get_time", description: "The  time   in a city. " });
    const input = [...(rcp.input as Json[])];
    for (let step = 0; step < 6; step++) {
      input.push({ role: "user", content: `Turn ${step}:  and  the  weather ${t}?` }, { role: "assistant", content: `Answer ${step} ` });
      const request: Json = { ...rcp, input: [...input], tools, ...(step === 3 && { temperature: 0.5 + t / 10 }), ...(step === 4 && { tool_choice: "required", metadata: null }) };
      if (step === 2) (request.input as Json[])[1] = { role: "user", content: "an  earlier turn, edited" };
      const row = { trajectory_id: `t${t}`, responses_create_params: request, expected_action: base.expected_action, agent_ref: base.agent_ref };
      let text = t === 2 ? pythonLayout(row) : JSON.stringify(row);
      if (t === 3 && step === 5) text = text.replace('"responses_create_params":{', '"responses_create_params":{"input":[],');
      rows.push(text);
    }
  }
  rows.push(JSON.stringify({ ...cleanRow(), responses_create_params: { ...(cleanRow().responses_create_params as Json), input: "just a string  input" } }));
  return rows;
}

describe("RequestMemo", () => {
  const options = resolveExportOptions({ agentName: "weather_agent", provenance: "keep" });
  const work: RowWork = { options, check: true, keptLines: true, skippedRows: false };
  const decisions = uniformDecisions("accepted");

  it("gives every row the same line and word count as processing it alone, in file order and shuffled", () => {
    const rows = trajectoryRows();
    const memos: RequestMemo[] = [];
    for (const order of [rows, [...rows].reverse(), rows.filter((_, i) => i % 3 !== 1)]) {
      const memo = new RequestMemo();
      memos.push(memo);
      for (const [i, text] of order.entries()) {
        const row = { file: "a.jsonl", line: i + 1, text, hash: String(i).padStart(16, "0") };
        const alone = processRow(row, work, decisions);
        const withMemo = processRow(row, work, decisions, { memo });
        expect(withMemo.kept?.line, text).toBe(alone.kept?.line);
        expect(withMemo.kept?.metrics?.gym?.words, text).toBe(alone.kept?.metrics?.gym?.words);
        expect(withMemo).toEqual(alone);
      }
    }
    // In file order most rows repeat their predecessor's tools and extend its input.
    expect(memos[0]?.hits.skipped).toBeGreaterThan(30);
    expect(memos[0]?.hits.parsed).toBeGreaterThan(15);
    expect(memos[0]?.hits.counted).toBeGreaterThan(30);
  });

  it("parses a row that repeats values as it parses alone, also when the row is not JSON around them", () => {
    const base = JSON.stringify(cleanRow());
    const tools = JSON.stringify((cleanRow().responses_create_params as Json).tools);
    const turn = (text: string, n: number) => text.replace('"Weather in Paris, in celsius?"}', `"Weather in Paris, in celsius?"}${',{"role":"user","content":"and then?"}'.repeat(n)}`);
    const followers = [
      turn(base, 1), // parsed with the repeated tools and input
      turn(base, 2).replace(`"tools":${tools}`, `"tools":${tools}.5`), // a number only with the placeholder's help
      turn(base, 2).replace(`"tools":${tools}`, `"tools":${tools}e5`),
      turn(base, 2).replace('"parallel_tool_calls":false', '"parallel_tool_calls":NaN'), // Python's JSON, not JSON
      turn(base, 2).replace('{"responses_create_params":{', '{"responses_create_params":{"__proto__":{"a":1},'),
      turn(base, 2).replace('{"responses_create_params":{', '{"responses_create_params":{"tools":[],'), // a key twice
      turn(base, 2).replace(/"tools":/, '"tools" '), // no colon
      `${turn(base, 2)} x`, // text after the row
      turn(base, 2).replace('"and then?"}]', '"and then?"}'), // input runs on into what follows
      turn(base, 3).replace('"and then?"}]', '"and then?"},]'),
      turn(base, 2).replace('"parallel_tool_calls"', '"parallel\\_tool_calls"'), // a key the scan cannot decode
      '{"responses_create_params": {"a\\', // cut short in such a key
    ];
    for (const follower of followers) {
      const memo = new RequestMemo();
      for (const [i, text] of [base, turn(base, 1), follower].entries()) {
        const row = { file: "a.jsonl", line: i + 1, text, hash: String(i).padStart(16, "0") };
        expect(processRow(row, work, decisions, { memo }), text).toEqual(processRow(row, work, decisions));
      }
      expect(memo.hits.parsed).toBeGreaterThan(0); // the row before took the shortcut
    }
  });
});
