import type { ByteSource } from "../jsonl/byteSource";
import { createRowHasher } from "../jsonl/rowHash";
import type { ActionType } from "../formats/expectedAction";
import { detectFileKind, type FileDetection, type FileProfile } from "../formats/fileKind";
import type { RowSummary } from "../formats/rowSummary";
import { parseRange } from "./parseRange";
import type { LoadError, RowLocation } from "./summaryBatch";

export interface LoadedRow {
  at: RowLocation;
  hash: string;
  summary: RowSummary;
}

export interface FileScan {
  profile: FileProfile;
  detection: FileDetection;
  errors: LoadError[];
  /** Present when `keepRows` was asked for. */
  rows?: LoadedRow[];
}

const inc = <K extends string>(m: Partial<Record<K, number>>, k: K) => (m[k] = (m[k] ?? 0) + 1);

/**
 * Reads a whole file on one thread and profiles it: what the page's workers + SQL compute, for the CLI and
 * tests. Same parser, same summaries.
 */
export async function scanFile(source: ByteSource, opts: { fileId?: number; keepRows?: boolean } = {}): Promise<FileScan> {
  const hasher = await createRowHasher();
  const profile: FileProfile = { rows: 0, errors: 0, rowKinds: {}, provenance: {}, actionTypes: {}, taskIndexed: 0 };
  const errors: LoadError[] = [];
  const rows: LoadedRow[] | undefined = opts.keepRows ? [] : undefined;
  await parseRange(
    source,
    {
      row(at, hash, s) {
        profile.rows++;
        inc(profile.rowKinds, s.row_kind);
        if (s.row_kind === "pivot") inc(profile.provenance, s.provenance);
        if (s.action_type) inc(profile.actionTypes, s.action_type as ActionType);
        if (s.task_index !== null) profile.taskIndexed++;
        rows?.push({ at, hash, summary: s });
      },
      error(e) {
        profile.errors++;
        errors.push(e);
      },
    },
    hasher,
    { fileId: opts.fileId ?? 0 },
  );
  return { profile, detection: detectFileKind(profile), errors, rows };
}
