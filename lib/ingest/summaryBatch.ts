import { ITEM_BUCKETS, type RowSummary } from "../formats/rowSummary";
import { columnsToIpc, type ColumnValues } from "./arrowColumns";
import type { Finding } from "../validate/finding";
import { ERROR_COLUMNS, FINDING_COLUMNS, ROW_COLUMNS } from "./rowColumns";

export interface RowLocation {
  fileId: number;
  line: number;
  offset: number;
  length: number;
}

/** What a converted candidate adds to its summary (see `ROW_COLUMNS`). */
export interface CandidateFacts {
  sourceLine: number;
  candidateIndex: number;
  skipReason: string | null;
  skipDetail: string | null;
  taskId: string | null;
  duplicateKey: string | null;
}

export interface LoadError extends RowLocation {
  message: string;
}

function freshColumns(spec: readonly (readonly [string, unknown])[]): Map<string, ColumnValues> {
  return new Map(spec.map(([name]) => [name, []]));
}

/**
 * Accumulates row summaries column-wise and emits them as Arrow IPC batches for the `rows` table, with the
 * rows' validation findings for the `findings` table.
 */
export class SummaryBatch {
  private cols = freshColumns(ROW_COLUMNS);
  private findingCols = freshColumns(FINDING_COLUMNS);
  size = 0;
  findingCount = 0;

  add(at: RowLocation, hash: string, s: RowSummary, findings: readonly Finding[] = [], candidate: CandidateFacts | null = null): void {
    const c = this.cols;
    const push = (name: string, v: ColumnValues[number]) => c.get(name)!.push(v);
    push("file_id", at.fileId);
    push("line", at.line);
    push("byte_offset", at.offset);
    push("byte_len", at.length);
    push("content_hash", hash);
    push("row_kind", s.row_kind);
    push("provenance", s.provenance);
    push("action_type", s.action_type);
    push("tool_name", s.tool_name);
    push("tool_names", s.tool_names);
    push("call_count", s.call_count);
    push("trajectory_id", s.trajectory_id);
    push("turn", s.turn);
    push("step", s.step);
    push("depth", s.depth);
    push("input_items", s.input_items);
    for (const b of ITEM_BUCKETS) push(`n_${b}`, s.items[b]);
    push("last_item", s.last_item);
    push("tool_count", s.tool_count);
    push("agent_ref", s.agent_ref);
    push("reward", s.reward);
    push("task_index", s.task_index);
    push("rollout_index", s.rollout_index);
    let errors = 0;
    for (const f of findings) if (f.severity === "error") errors++;
    push("finding_codes", [...new Set(findings.map((f) => f.code))]);
    push("error_count", errors);
    push("warning_count", findings.length - errors);
    push("source_line", candidate?.sourceLine ?? null);
    push("candidate_index", candidate?.candidateIndex ?? null);
    push("skip_reason", candidate?.skipReason ?? null);
    push("skip_detail", candidate?.skipDetail ?? null);
    push("task_id", candidate?.taskId ?? null);
    push("dup_key", candidate?.duplicateKey ?? null);
    push("reward_group", null);
    this.size++;
    if (findings.length > 0) this.addFindings(at, findings);
  }

  private addFindings(at: RowLocation, findings: readonly Finding[]): void {
    const c = this.findingCols;
    for (const f of findings) {
      c.get("file_id")!.push(at.fileId);
      c.get("line")!.push(at.line);
      c.get("byte_offset")!.push(at.offset);
      c.get("code")!.push(f.code);
      c.get("severity")!.push(f.severity);
      c.get("message")!.push(f.message);
      c.get("path")!.push(f.path);
    }
    this.findingCount += findings.length;
  }

  /** The batch as Arrow IPC, and a fresh empty batch. */
  take(): Uint8Array {
    const ipc = columnsToIpc(ROW_COLUMNS, this.cols);
    this.cols = freshColumns(ROW_COLUMNS);
    this.size = 0;
    return ipc;
  }

  /** The findings gathered since the last call, as Arrow IPC for `findings`, or null when there are none. */
  takeFindings(): Uint8Array | null {
    if (this.findingCount === 0) return null;
    const ipc = columnsToIpc(FINDING_COLUMNS, this.findingCols);
    this.findingCols = freshColumns(FINDING_COLUMNS);
    this.findingCount = 0;
    return ipc;
  }
}

export function errorsToIpc(errors: LoadError[]): Uint8Array {
  const cols = freshColumns(ERROR_COLUMNS);
  for (const e of errors) {
    cols.get("file_id")!.push(e.fileId);
    cols.get("line")!.push(e.line);
    cols.get("byte_offset")!.push(e.offset);
    cols.get("byte_len")!.push(e.length);
    cols.get("message")!.push(e.message);
  }
  return columnsToIpc(ERROR_COLUMNS, cols);
}
