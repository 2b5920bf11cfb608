import type { RowSummary } from "../formats/rowSummary";
import { buildersToIpc, columnBuilders, columnsToIpc, type ColumnValues } from "./arrowColumns";
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

const NO_CODES: string[] = [];

/** Distinct finding codes, in check order. */
function findingCodes(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return NO_CODES;
  return [...new Set(findings.map((f) => f.code))];
}

/**
 * Accumulates row summaries column-wise and emits them as Arrow IPC batches for the `rows` table, with the
 * rows' validation findings for the `findings` table.
 */
export class SummaryBatch {
  private readonly cols = columnBuilders(ROW_COLUMNS);
  private findingCols = freshColumns(FINDING_COLUMNS);
  size = 0;
  findingCount = 0;

  add(at: RowLocation, hash: string, s: RowSummary, findings: readonly Finding[] = [], candidate: CandidateFacts | null = null): void {
    const c = this.cols;
    c.file_id.push(at.fileId);
    c.line.push(at.line);
    c.byte_offset.push(at.offset);
    c.byte_len.push(at.length);
    c.content_hash.push(hash);
    c.row_kind.push(s.row_kind);
    c.provenance.push(s.provenance);
    c.action_type.push(s.action_type);
    c.tool_name.push(s.tool_name);
    c.tool_names.push(s.tool_names);
    c.call_count.push(s.call_count);
    c.trajectory_id.push(s.trajectory_id);
    c.turn.push(s.turn);
    c.step.push(s.step);
    c.depth.push(s.depth);
    c.input_items.push(s.input_items);
    // Bucket by bucket, not a loop over ITEM_BUCKETS: reading `items` by a varying key is slow in V8 (a tenth
    // of `add`). A bucket missing here leaves its column short, which `buildersToIpc` refuses.
    const it = s.items;
    c.n_system.push(it.system);
    c.n_developer.push(it.developer);
    c.n_user.push(it.user);
    c.n_assistant.push(it.assistant);
    c.n_reasoning.push(it.reasoning);
    c.n_function_call.push(it.function_call);
    c.n_function_call_output.push(it.function_call_output);
    c.n_other.push(it.other);
    c.last_item.push(s.last_item);
    c.tool_count.push(s.tool_count);
    c.agent_ref.push(s.agent_ref);
    c.reward.push(s.reward);
    c.task_index.push(s.task_index);
    c.rollout_index.push(s.rollout_index);
    let errors = 0;
    for (const f of findings) if (f.severity === "error") errors++;
    c.finding_codes.push(findingCodes(findings));
    c.error_count.push(errors);
    c.warning_count.push(findings.length - errors);
    c.source_line.push(candidate?.sourceLine ?? null);
    c.candidate_index.push(candidate?.candidateIndex ?? null);
    c.skip_reason.push(candidate?.skipReason ?? null);
    c.skip_detail.push(candidate?.skipDetail ?? null);
    c.task_id.push(candidate?.taskId ?? null);
    c.dup_key.push(candidate?.duplicateKey ?? null);
    c.reward_group.push(null);
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
    const ipc = buildersToIpc(ROW_COLUMNS, this.cols);
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
