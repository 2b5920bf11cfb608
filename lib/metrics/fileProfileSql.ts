import type { ActionType } from "../formats/expectedAction";
import { addToProfile, emptyProfile, type FileProfile } from "../formats/fileKind";
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
  const p = emptyProfile(errors);
  for (const g of groups) {
    addToProfile(p, {
      rowKind: g.row_kind as RowKind,
      provenance: g.provenance as Provenance,
      actionType: g.action_type as ActionType | null,
      n: g.n as number,
      indexed: g.indexed as number,
    });
  }
  return p;
}
