/**
 * The review state mirrored into DuckDB's `decisions` table, so filters, metrics and export can join decisions
 * in SQL. Only the keys an event touched are rewritten.
 */
import { columnsToIpc, type ColumnValues } from "../ingest/arrowColumns";
import { DECISION_COLUMNS } from "../ingest/rowColumns";
import { sqlString } from "../view/sqlLiteral";
import { type ContentHash, isEmptyDecision } from "./decision";
import { decisionEntries } from "./decisionTable";
import type { ReviewState } from "./reviewState";
import { decisionOf } from "./selectors";

export interface MirrorUpdate {
  /** Statements to run first (deletes). */
  sql: string;
  /** Rows to insert into `decisions`, as Arrow IPC, or null when none. */
  ipc: Uint8Array | null;
}

function toIpc(entries: Iterable<[ContentHash, NonNullable<ReturnType<typeof decisionOf>>]>): Uint8Array | null {
  const cols = new Map<string, ColumnValues>(DECISION_COLUMNS.map(([name]) => [name, []]));
  let n = 0;
  for (const [key, d] of entries) {
    if (isEmptyDecision(d)) continue;
    cols.get("content_hash")!.push(key);
    cols.get("verdict")!.push(d.verdict);
    cols.get("reason")!.push(d.reason ?? null);
    cols.get("note")!.push(d.note ?? null);
    cols.get("reviewer")!.push(d.reviewer);
    cols.get("at")!.push(d.at);
    n++;
  }
  return n ? columnsToIpc(DECISION_COLUMNS, cols) : null;
}

/** Rewrites the given keys from `state` (after the event). */
export function mirrorKeys(state: ReviewState, keys: readonly ContentHash[]): MirrorUpdate {
  if (keys.length === 0) return { sql: "", ipc: null };
  const sql = `DELETE FROM decisions WHERE content_hash IN (${keys.map(sqlString).join(", ")})`;
  const entries = keys.flatMap((k) => {
    const d = decisionOf(state, k);
    return d ? [[k, d] as [ContentHash, typeof d]] : [];
  });
  return { sql, ipc: toIpc(entries) };
}

/** Replaces the whole table with `state`. */
export function mirrorAll(state: ReviewState): MirrorUpdate {
  return { sql: "DELETE FROM decisions", ipc: toIpc(decisionEntries(state.decisions)) };
}
