/**
 * The page's export entry: the user's files, read in place (`File.slice`, never whole), and the review state,
 * into a bundle sink — `createZipSink` for a download. The same pipeline as the CLI's, so the same files,
 * decision log and options give the same bytes. Rows are read and processed in the calling thread (run it in
 * a worker to keep the page responsive); `hooks.onProgress` drives a progress bar, `hooks.signal` cancels.
 */
import { blobSource } from "../jsonl/byteSource";
import type { ReviewEvent } from "../review/events";
import type { ReviewState } from "../review/reviewState";
import { decisionLogDigest, decisionsFromState } from "./decisions";
import { type ExportHooks, type ExportResult, exportBundle } from "./exportBundle";
import { conversionRecord } from "./conversionRecord";
import { describeInput } from "./inputDigest";
import { type CandidateInput, exportSourceRows } from "./candidateSource";
import type { ExportOptions, ExportOptionsInput } from "./options";
import type { BundleSink } from "./sink";

/** An open file: a `File` (or any Blob with a name), and how its trajectories were converted, if they were. */
export type ExportFile = Blob & {
  readonly name: string;
  readonly conversion?: CandidateInput["conversion"] | null;
  /** The `.json` document the user opened, when this Blob holds its records as JSONL: the manifest describes it. */
  readonly document?: Blob | null;
};

export interface FilesExportInput {
  /** The open JSONL files, in the app's order; converted trajectory files export their candidates. */
  files: readonly ExportFile[];
  /** The replayed decision log: accepted rows are kept, rejected ones audited, by content hash. */
  review: ReviewState;
  /** The log's events (what `review` was replayed from): the manifest records their digest. */
  events: readonly ReviewEvent[];
  appVersion: string;
  /**
   * Export only the rows of the reviewer's view: `hashes` are its rows' content hashes, `filterSql` its filter,
   * recorded in the manifest. Rows outside it are in no output file (not even the audit). Absent: every row.
   */
  view?: ExportView | null;
  /** Recorded in the manifest only when given (a bundle otherwise carries no time). */
  createdAt?: string | null;
}

export interface ExportView {
  filterSql: string;
  hashes: ReadonlySet<string>;
}

export async function exportBundleFromFiles(
  input: FilesExportInput,
  options: ExportOptionsInput | ExportOptions,
  sink: BundleSink,
  hooks: ExportHooks = {},
): Promise<ExportResult> {
  const sources = exportSourceRows(input.files.map((file) => ({ name: file.name, open: async () => blobSource(file), conversion: file.conversion })));
  // Hashing the inputs for the manifest overlaps the row passes.
  const inputs = Promise.all(
    input.files.map(async (file) => {
      const info = await describeInput(file.name, blobSource(file.document ?? file), hooks.signal);
      return file.conversion ? { ...info, conversion: conversionRecord(file.conversion) } : info;
    }),
  );
  const view = input.view ?? null;
  return exportBundle(
    {
      rows: async function* () {
        for await (const row of sources.rows()) if (!view || view.hashes.has(row.hash)) yield row;
      },
      decisions: decisionsFromState(input.review),
      decisionLogDigest: await decisionLogDigest(input.events),
      inputs,
      appVersion: input.appVersion,
      filterSql: view?.filterSql ?? null,
      taskGroups: sources.taskGroups,
      createdAt: input.createdAt ?? null,
    },
    options,
    sink,
    hooks,
  );
}
