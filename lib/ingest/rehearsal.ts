import { summarizeRow, type RowSummary } from "../formats/rowSummary";
import { allBreakdownsSql, LOAD_HEALTH_SQL } from "../metrics/basicMetrics";
import { fileProfileSql } from "../metrics/fileProfileSql";
import type { Finding } from "../validate/finding";
import { EMPTY_VIEW, viewKeysSql } from "../view/viewState";
import { conversionCountsSql, DUPLICATES_ACROSS_RANGES_SQL, rewardGroupsSql } from "./conversionSql";
import { duplicateRowsSql } from "./duplicateRows";
import { renumberSql } from "./renumber";
import { errorsToIpc, SummaryBatch } from "./summaryBatch";

/**
 * A rehearsal of a load's database work, run once while the page waits for a file: the Arrow inserts and the
 * SQL of a load (renumbering, duplicates, reward groups, detection, metrics, view keys) over 8k made-up rows.
 * DuckDB-wasm's code is compiled function by function on first use, and a first load would pay for that while
 * the user waits (measured: ~0.45 s of compiling on the database worker when converting a 115 MB file on 2
 * cores). V8 then optimizes the functions that run most, so the rehearsal has enough rows for DuckDB's hot loops
 * to get there: 8k rather than 512 took ~40 ms more off the SQL after converting 52k candidates. The caller runs
 * it on temp tables of a connection of its own (`StudioDb.rehearse`), so the app's tables never see these rows.
 */
export interface Rehearsal {
  inserts: { table: "rows" | "findings" | "load_errors"; ipc: Uint8Array }[];
  statements: string[];
}

export const REHEARSAL_ROWS = 8192;
const ROWS = REHEARSAL_ROWS;
const FILE_ID = 1;

function pivotSummary(i: number): RowSummary {
  const call = i % 3 !== 0;
  const result = summarizeRow({
    responses_create_params: {
      input: [
        { role: "system", content: "s" },
        { role: "user", content: "u" },
      ],
      tools: [{ type: "function", name: "f", parameters: {} }],
    },
    expected_action: call ? { type: "function_call", name: "f", arguments: "{}" } : { type: "message", content: "m" },
    agent_ref: { type: "responses_api_agents", name: "agent" },
    provenance: { pivot_id: `p-${i}`, turn: i % 4, step: i % 3, depth: i % 5, source_reward: i % 4 === 0 ? null : (i % 3) / 2, task_index: i % 9 },
  });
  if (!result.ok) throw new Error(`rehearsal row: ${result.error}`);
  return result.summary;
}

const FINDING: Finding = { code: "tool_choice_not_auto", severity: "warning", message: "m", path: "" };

export function rehearsal(): Rehearsal {
  const batch = new SummaryBatch();
  const half = ROWS / 2;
  for (let i = 0; i < ROWS; i++) {
    const range = i < half ? 0 : 1;
    const at = { fileId: FILE_ID, line: (i % half) + 1, offset: i * 100, length: 100 };
    // Repeated hashes and keys, so the duplicate checks have work to do.
    const hash = (i % (ROWS - 40)).toString(16).padStart(16, "0");
    batch.add(at, hash, pivotSummary(i), i % 7 === 0 ? [FINDING] : [], {
      sourceLine: Math.floor((i % half) / 8) + 1,
      candidateIndex: i % 8,
      skipReason: i % 5 === 0 ? "source_reward_below" : null,
      skipDetail: i % 5 === 0 ? "below" : null,
      taskId: i % 6 === 0 ? null : `task-${i % 11}`,
      duplicateKey: i % 5 === 0 ? null : `key-${(i % 90) + range}`,
    });
  }
  const findings = batch.takeFindings()!;
  const ranges = [
    { start: 0, end: half * 100 },
    { start: half * 100, end: ROWS * 100 },
  ];
  const counts = ranges.map(() => ({ lines: half, rows: half }));
  return {
    inserts: [
      { table: "rows", ipc: batch.take() },
      { table: "findings", ipc: findings },
      { table: "load_errors", ipc: errorsToIpc([{ fileId: FILE_ID, line: 3, offset: 0, length: 1, message: "m" }]) },
    ],
    statements: [
      `INSERT INTO files VALUES (${FILE_ID}, 'rehearsal.jsonl', ${ROWS * 100})`,
      renumberSql(FILE_ID, ranges, counts, true)!,
      renumberSql(FILE_ID, ranges, counts, false)!,
      DUPLICATES_ACROSS_RANGES_SQL,
      rewardGroupsSql(),
      duplicateRowsSql(FILE_ID),
      conversionCountsSql(FILE_ID),
      fileProfileSql(FILE_ID),
      "SELECT content_hash FROM rows",
      LOAD_HEALTH_SQL,
      allBreakdownsSql(EMPTY_VIEW),
      viewKeysSql(EMPTY_VIEW),
    ],
  };
}
