import { describe, expect, it } from "vitest";
import { cleanRow } from "../validate/testRows";
import { resolveExportOptions } from "./options";
import { type ProcessedRow, processRow, type RowWork } from "./processRow";
import { packRows, unpackRows } from "./rowWire";
import type { ExportDecisions, Verdict } from "./sourceRows";

type Json = Record<string, unknown>;

/** Rows of every shape: kept (clean, repaired, with findings, with extras, a batch), skipped, left out, broken. */
function rowTexts(): { text: string | null; verdict: Verdict }[] {
  const row = (change: (r: Json) => void = () => undefined) => {
    const r = cleanRow() as Json;
    change(r);
    return JSON.stringify(r);
  };
  const rcp = (r: Json) => r.responses_create_params as Json;
  return [
    { text: row(), verdict: "accepted" },
    { text: row((r) => Object.assign(r, { trajectory_id: "t1", info: { turn: 2, step: 1, depth: 3 }, reward: [1, 0] })), verdict: "accepted" },
    { text: row((r) => delete rcp(r).tool_choice), verdict: "accepted" },
    { text: row((r) => Object.assign(r, { score: 0.5, tags: ["a", "b"] })), verdict: "accepted" }, // extras (provenance kept)
    { text: row((r) => (rcp(r).temperature = 0.7)), verdict: "accepted" },
    { text: row((r) => (r.expected_action = { type: "function_call_batch", calls: [{ type: "function_call", name: "get_weather", arguments: "{}" }, { name: "x" }] })), verdict: "accepted" },
    { text: row((r) => (r.expected_action = { type: "message", content: "Hi" })), verdict: "accepted" },
    { text: row((r) => delete r.agent_ref), verdict: "accepted" },
    { text: row((r) => (rcp(r).input = [])), verdict: "accepted" }, // an error
    { text: row((r) => ((rcp(r).input as Json[])[0] = { role: "system", content: "Zürich — «météo»" })), verdict: "accepted" },
    { text: '{"responses_create_params": {', verdict: "accepted" }, // not JSON
    { text: null, verdict: "accepted" }, // not UTF-8
    { text: "[1, 2]", verdict: "accepted" },
    { text: row(), verdict: "rejected" },
    { text: row(), verdict: "unreviewed" },
  ];
}

describe("rowWire", () => {
  const works: [string, RowWork][] = [
    ["the first pass", { options: resolveExportOptions({ agentName: "weather_agent", provenance: "keep" }), check: true, keptLines: true, skippedRows: true }],
    ["a split's pass", { options: resolveExportOptions({ agentName: "weather_agent", split: { train: 0.5, seed: 3 } }), check: false, keptLines: true, skippedRows: false }],
    ["a pass for the audit only", { options: resolveExportOptions({ agentName: "weather_agent" }), check: false, keptLines: false, skippedRows: true }],
  ];
  for (const [name, work] of works) {
    it(`gives back the rows it packed, through a structured clone (${name})`, () => {
      const texts = rowTexts();
      const hashes = texts.map((_, i) => `h${i}`.padStart(16, "0"));
      const buffer = new ArrayBuffer(1 << 16);
      let at = 0;
      // Lines encoded as a worker encodes them, into a buffer that crosses with the rows.
      const encodeLine = (text: string) => {
        const bytes = new TextEncoder().encode(text);
        new Uint8Array(buffer, at).set(bytes);
        at += bytes.length + 1;
        return { bytes: new Uint8Array(buffer, at - bytes.length - 1, bytes.length), chars: text.length };
      };
      const rows: ProcessedRow[] = texts.map(({ text, verdict }, i) => {
        const decisions: ExportDecisions = { verdictOf: () => verdict };
        const local = i % 2 === 0 ? { encodeLine: (t: string, pieces: readonly (string | readonly [number, number])[]) => encodeLine(pieces.map((p) => (typeof p === "string" ? p : t.slice(p[0], p[1]))).join("")) } : {};
        return processRow({ file: "a.jsonl", line: i + 1, text, hash: hashes[i] as string }, work, decisions, local);
      });
      const indexes = rows.map((_, i) => i);
      const packed = structuredClone(packRows(rows, indexes, "a.jsonl", hashes, [buffer]));
      expect(unpackRows(packed, "a.jsonl", hashes, [buffer])).toEqual(rows);
      expect(packed.filter((v) => v !== null && typeof v === "object").length).toBeLessThan(rows.length); // some rows packed
    });
  }
});
