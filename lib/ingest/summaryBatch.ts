import { ITEM_BUCKETS, type RowSummary } from "../formats/rowSummary";
import { columnsToIpc, type ColumnValues } from "./arrowColumns";
import { ERROR_COLUMNS, ROW_COLUMNS } from "./rowColumns";

export interface RowLocation {
  fileId: number;
  line: number;
  offset: number;
  length: number;
}

export interface LoadError extends RowLocation {
  message: string;
}

function freshColumns(spec: readonly (readonly [string, unknown])[]): Map<string, ColumnValues> {
  return new Map(spec.map(([name]) => [name, []]));
}

/** Accumulates row summaries column-wise and emits them as Arrow IPC batches for the `rows` table. */
export class SummaryBatch {
  private cols = freshColumns(ROW_COLUMNS);
  size = 0;

  add(at: RowLocation, hash: string, s: RowSummary): void {
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
    push("tools_offered", s.tools_offered);
    push("agent_ref", s.agent_ref);
    push("reward", s.reward);
    push("task_index", s.task_index);
    push("rollout_index", s.rollout_index);
    this.size++;
  }

  /** The batch as Arrow IPC, and a fresh empty batch. */
  take(): Uint8Array {
    const ipc = columnsToIpc(ROW_COLUMNS, this.cols);
    this.cols = freshColumns(ROW_COLUMNS);
    this.size = 0;
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
