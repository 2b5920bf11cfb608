import type { ByteSource } from "../jsonl/byteSource";
import { createRowHasher } from "../jsonl/rowHash";
import { addToProfile, detectFileKind, emptyProfile, type FileDetection, type FileProfile } from "../formats/fileKind";
import type { RowSummary } from "../formats/rowSummary";
import type { Finding } from "../validate/finding";
import { parseRange } from "./parseRange";
import type { LoadError, RowLocation } from "./summaryBatch";

export interface LoadedRow {
  at: RowLocation;
  hash: string;
  summary: RowSummary;
  findings: Finding[];
}

export interface FileScan {
  profile: FileProfile;
  detection: FileDetection;
  errors: LoadError[];
  /** Present when `keepRows` was asked for. */
  rows?: LoadedRow[];
}

/**
 * Reads a whole file on one thread and profiles it: what the page's workers + SQL compute, for the CLI and
 * tests. Same parser, same summaries.
 */
export async function scanFile(source: ByteSource, opts: { fileId?: number; keepRows?: boolean } = {}): Promise<FileScan> {
  const hasher = await createRowHasher();
  const profile = emptyProfile();
  const errors: LoadError[] = [];
  const rows: LoadedRow[] | undefined = opts.keepRows ? [] : undefined;
  await parseRange(
    source,
    {
      row(at, hash, s, findings) {
        addToProfile(profile, {
          rowKind: s.row_kind,
          provenance: s.provenance,
          actionType: s.action_type,
          n: 1,
          indexed: s.task_index === null ? 0 : 1,
        });
        rows?.push({ at, hash, summary: s, findings });
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
