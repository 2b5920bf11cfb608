import type { ActionType } from "./expectedAction";
import type { Provenance, RowKind } from "./rowSummary";

export type FileKind = "pivots" | "rollouts" | "trajectories" | "empty" | "unrecognized";

/** Per-file counts that detection reads (one GROUP BY over the loaded rows). */
export interface FileProfile {
  rows: number;
  errors: number;
  rowKinds: Partial<Record<RowKind, number>>;
  provenance: Partial<Record<Provenance, number>>;
  actionTypes: Partial<Record<ActionType, number>>;
  /** Rows carrying `_ng_task_index` (rollouts from `gym eval run`). */
  taskIndexed: number;
}

export function emptyProfile(errors = 0): FileProfile {
  return { rows: 0, errors, rowKinds: {}, provenance: {}, actionTypes: {}, taskIndexed: 0 };
}

/** Counts `n` rows of one (kind, provenance, action) group, `indexed` of them with `_ng_task_index`. */
export function addToProfile(
  p: FileProfile,
  g: { rowKind: RowKind; provenance: Provenance; actionType: ActionType | null; n: number; indexed: number },
): void {
  p.rows += g.n;
  p.rowKinds[g.rowKind] = (p.rowKinds[g.rowKind] ?? 0) + g.n;
  if (g.rowKind === "pivot") p.provenance[g.provenance] = (p.provenance[g.provenance] ?? 0) + g.n;
  if (g.actionType) p.actionTypes[g.actionType] = (p.actionTypes[g.actionType] ?? 0) + g.n;
  p.taskIndexed += g.indexed;
}

export interface FileDetection {
  kind: FileKind;
  /** One line a user reads: what the file is. */
  label: string;
  /** Further facts: provenance flavour, batch actions, rollout indices. */
  details: string[];
}

const PROVENANCE_LABEL: Record<Provenance, string> = {
  fc_pivot: "FC-pivot provenance (trajectory_id, info.turn/step/depth)",
  conversational: "Conversational provenance (meta_info / conversation_info / pass_rate)",
  tool_messages: "tool_messages provenance (meta_info, tool_use_info)",
  generic: "generic provenance (meta_info, source_model_info)",
  swe_pivot: "swe_pivot rows (uuid, metadata)",
  terminal_harness: "terminal_multi_harness rows (harness, declared_tools)",
  converted: "converted from trajectories (one provenance object with source, turn/step/depth)",
  none: "no provenance fields",
};

/** A file's kind is the kind of most of its rows; ties go to pivots, then rollouts. */
export function detectFileKind(p: FileProfile): FileDetection {
  if (p.rows === 0) {
    return p.errors > 0
      ? { kind: "unrecognized", label: "no loadable rows", details: [] }
      : { kind: "empty", label: "empty file", details: [] };
  }
  const pivots = p.rowKinds.pivot ?? 0;
  const rollouts = p.rowKinds.rollout ?? 0;
  const trajectories = p.rowKinds.trajectory ?? 0;
  const details: string[] = [];
  const batches = p.actionTypes.function_call_batch ?? 0;
  if (pivots >= rollouts && pivots >= trajectories) {
    for (const [prov, n] of Object.entries(p.provenance) as [Provenance, number][]) {
      if (n > 0) details.push(`${PROVENANCE_LABEL[prov]}: ${n}`);
    }
    if (batches > 0) details.push(`function_call_batch actions: ${batches}`);
    return { kind: "pivots", label: "Gym pivot rows", details };
  }
  if (rollouts >= trajectories) {
    details.push(
      p.taskIndexed > 0 ? `with _ng_task_index / _ng_rollout_index: ${p.taskIndexed}` : "no _ng_task_index (legacy rollouts)",
    );
    if (batches > 0) details.push(`function_call_batch actions: ${batches}`);
    return { kind: "rollouts", label: "Gym rollouts", details };
  }
  return { kind: "trajectories", label: "trajectory rows, loaded as they are (the first rows of the file are not trajectories, so it was not converted)", details };
}

/** A trajectory file converted on load: its candidates, kept or skipped per reason (rows of a GROUP BY skip_reason). */
export function detectConvertedFile(counts: readonly { reason: string | null; n: number }[]): FileDetection {
  const total = counts.reduce((s, c) => s + c.n, 0);
  const kept = counts.find((c) => c.reason === null)?.n ?? 0;
  const skipped = [...counts].filter((c) => c.reason !== null).sort((a, b) => b.n - a.n || a.reason!.localeCompare(b.reason!));
  return {
    kind: "trajectories",
    label: `trajectories → ${total.toLocaleString("en-US")} decision ${total === 1 ? "point" : "points"}: ${kept.toLocaleString("en-US")} kept, ${(total - kept).toLocaleString("en-US")} skipped`,
    details: skipped.map((c) => `skipped as ${c.reason}: ${c.n.toLocaleString("en-US")}`),
  };
}
