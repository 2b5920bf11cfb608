import type { ActionType } from "../formats/expectedAction";
import type { FileProfile } from "../formats/fileKind";
import type { Provenance, RowKind } from "../formats/rowSummary";
import type { Row } from "../db/plain";

/** Per-file counts that file-kind detection reads, as one GROUP BY (the page's twin of `scanFile`). */
export function fileProfileSql(fileId: number): string {
  return (
    `SELECT row_kind, provenance, action_type, count(*)::INTEGER AS n, count(task_index)::INTEGER AS indexed ` +
    `FROM rows WHERE file_id = ${fileId | 0} GROUP BY ALL`
  );
}

export function foldFileProfile(groups: Row[], errors: number): FileProfile {
  const p: FileProfile = { rows: 0, errors, rowKinds: {}, provenance: {}, actionTypes: {}, taskIndexed: 0 };
  for (const g of groups) {
    const n = g.n as number;
    const kind = g.row_kind as RowKind;
    p.rows += n;
    p.rowKinds[kind] = (p.rowKinds[kind] ?? 0) + n;
    if (kind === "pivot") {
      const prov = g.provenance as Provenance;
      p.provenance[prov] = (p.provenance[prov] ?? 0) + n;
    }
    const action = g.action_type as ActionType | null;
    if (action) p.actionTypes[action] = (p.actionTypes[action] ?? 0) + n;
    p.taskIndexed += g.indexed as number;
  }
  return p;
}
