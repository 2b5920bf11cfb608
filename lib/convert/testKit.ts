/** Test support for lib/convert (production code never imports it): a run, a source, expected-row builders. */
import { expect } from "vitest";
import { validatePivotRow } from "../validate";
import { convertRow, type RowConversion } from "./convertRow";
import { createConversionRun, type StreamingRun } from "./convertSource";
import { DEFAULT_AGENT_NAME, type ConvertOptions } from "./options";
import type { InputItem, PivotProvenance, PivotRow } from "./pivotRow";

export const AGENT_REF = { type: "responses_api_agents", name: DEFAULT_AGENT_NAME } as const;

export function testRun(options: Partial<ConvertOptions> = {}, toolsFile?: StreamingRun["toolsFile"]): Promise<StreamingRun> {
  return createConversionRun(options, toolsFile);
}

/** Converts one row as line 1 of `t.jsonl`, with the row hash `h`. */
export async function convertOne(row: unknown, options: Partial<ConvertOptions> = {}): Promise<RowConversion> {
  return convertRow(row, { file: "t.jsonl", line: 1, rowHash: "h" }, await testRun(options));
}

/** The provenance a candidate of that row has, given what differs per candidate and per format. */
export function provenance(p: Partial<PivotProvenance> & Pick<PivotProvenance, "source_format" | "pivot_assistant_index">): PivotProvenance {
  return {
    pivot_id: `h-${p.pivot_assistant_index}`,
    source_file: "t.jsonl",
    source_row_hash: "h",
    source_line: 1,
    pivot_message_index: 0,
    trajectory_num_messages: 0,
    trajectory_num_assistant_actions: 0,
    turn: 0,
    step: 0,
    depth: 0,
    pivot_has_reasoning: false,
    ...p,
  };
}

export const msg = (role: string, content: unknown): InputItem => ({ type: "message", role, content });

export const assistantMsg = (id: string, text: string): InputItem => ({
  type: "message",
  id,
  role: "assistant",
  status: "completed",
  content: [{ type: "output_text", text, annotations: [] }],
});

export const fc = (call_id: string, name: string, args: string, id?: string): InputItem => ({
  type: "function_call",
  call_id,
  name,
  arguments: args,
  ...(id ? { id } : {}),
  status: "completed",
});

export const fco = (call_id: string, output: unknown): InputItem => ({ type: "function_call_output", call_id, output });

export const reasoning = (id: string, text: string): InputItem => ({ type: "reasoning", id, summary: [{ type: "summary_text", text }] });

/** Every converted row passes the project's validator with no finding at all (batches allowed). */
export function expectValidRows(rows: readonly PivotRow[]): void {
  for (const row of rows) {
    const findings = validatePivotRow(row, { expectedAgentName: DEFAULT_AGENT_NAME, allowBatch: true });
    expect(findings, `${row.provenance.pivot_id}: ${JSON.stringify(findings)}`).toEqual([]);
  }
}
