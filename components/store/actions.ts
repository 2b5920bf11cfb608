import { getDb } from "@/lib/db/browserDb";
import { detectConvertedFile, detectFileKind, type FileDetection } from "@/lib/formats/fileKind";
import { ingestFiles, warmIngest } from "@/lib/ingest/ingestFiles";
import { firstRows, isTrajectoryFile } from "@/lib/ingest/conversionMode";
import { rehearsal } from "@/lib/ingest/rehearsal";
import { conversionCountsSql } from "@/lib/ingest/conversionSql";
import { blobSource } from "@/lib/jsonl/byteSource";
import { documentAsJsonl } from "@/lib/ingest/documentFile";
import { isJsonDocument } from "@/lib/ingest/jsonDocument";
import { errorsToIpc, type LoadError } from "@/lib/ingest/summaryBatch";
import type { ConvertOptions } from "@/lib/convert/options";
import { loadConvertOptions, saveConvertOptions } from "./convertOptions";
import { loadAttachedTools, readToolsFile, saveAttachedTools } from "./toolsFile";
import { fileProfileSql, foldFileProfile } from "@/lib/metrics/fileProfileSql";
import { allBreakdownsSql, LOAD_HEALTH_SQL } from "@/lib/metrics/basicMetrics";
import { prefetchQueries } from "../useQuery";
import { NO_KEYS, applyNav, clampIndex, indexAtOrAfterLine, type NavKey, type ViewKeys } from "@/lib/view/navigation";
import { sqlString } from "@/lib/view/sqlLiteral";
import { viewKeysSql, viewUsesDecisions, type ViewState } from "@/lib/view/viewState";
import { attachReview, warmReview, weighRows } from "./review";
import { useStudio, type LoadedFile, type StudioState } from "./studioStore";

/** Everything the UI does to the data goes through here; components stay thin. */
let controller: AbortController | null = null;
let nextFileId = 1;

function workerCount(): number {
  const override = Number(new URLSearchParams(location.search).get("workers"));
  if (override > 0) return Math.min(override, 8);
  // Leave a core for the page and DuckDB's own worker, but use two where there are only two cores: reading
  // the File and parsing overlap (measured: 2 workers ~10–15% faster than 1 on 2 cores).
  return Math.max(2, Math.min((navigator.hardwareConcurrency || 2) - 1, 4));
}

/** Opens files: replaces what is loaded, or adds to it with `append`. */
export async function openFiles(list: File[], { append = false } = {}): Promise<void> {
  if (list.length === 0) return;
  performance.clearMarks();
  performance.clearMeasures();
  performance.mark("open:called");
  controller?.abort();
  const ctl = new AbortController();
  controller = ctl;
  // Loading from the moment the files are chosen: until this load is done, nothing reads the status as the
  // previous files being ready.
  useStudio.setState({ loadState: "loading", message: "", progress: null });
  const db = await getDb();
  if (!append) {
    await db.exec("DELETE FROM rows; DELETE FROM load_errors; DELETE FROM findings; DELETE FROM files;");
    useStudio.setState((s) => ({ files: [], keys: NO_KEYS, cursor: -1, dataVersion: s.dataVersion + 1 }));
  }
  const { conversion: options, toolsFile } = useStudio.getState();
  // `.json` documents load as their records, one per line; one that cannot be read loads empty, with its error.
  const opened = await Promise.all(list.map(readableAsJsonl));
  // Trajectory files are converted into decision points as they load (judged from their first rows).
  const trajectories = await Promise.all(opened.map(async ({ file }) => isTrajectoryFile(await firstRows(blobSource(file)))));
  const added: LoadedFile[] = opened.map(({ file, document }, i) => ({
    fileId: nextFileId++,
    name: file.name,
    size: (document ?? file).size,
    file,
    document,
    detection: null,
    rows: 0,
    errorTotal: 0,
    errors: [],
    conversion: trajectories[i] ? { options, fileName: file.name, document: document !== null, toolsFile: toolsFile?.tools, toolsFileDigest: toolsFile?.digest } : null,
    fingerprint: null,
  }));
  await db.exec(`INSERT INTO files VALUES ${added.map((f) => `(${f.fileId}, ${sqlString(f.name)}, ${f.size})`).join(", ")}`);
  useStudio.setState((s) => ({ files: [...s.files, ...added], loadState: "loading", message: "", progress: null }));
  performance.mark("ingest:start");
  performance.measure("ingest:setup", "open:called");
  try {
    await ingestFiles(
      added.map((f) => ({ fileId: f.fileId, file: f.file, conversion: f.conversion })),
      db,
      {
        workers: workerCount(),
        validation: useStudio.getState().validation,
        signal: ctl.signal,
        onProgress: (progress) => useStudio.setState({ progress }),
        onFileDone: (load) => {
          useStudio.setState((s) => ({
            files: s.files.map((f) =>
              f.fileId === load.fileId ? { ...f, rows: load.rows, errorTotal: load.errorTotal, errors: load.errors, fingerprint: load.fingerprint } : f,
            ),
          }));
        },
      },
    );
    performance.measure("ingest:parse+insert", "ingest:start");
    await reportUnreadableDocuments(added, opened);
    // Earlier decisions re-attach (by content hash) while files are profiled. Keys and metrics are fetched
    // before anything renders, so "ready" is one render with rows and metrics; the database reads them while
    // the page re-attaches decisions, unless the view filters or sorts on decisions (then after).
    const review = attachReview();
    const view = useStudio.getState().view;
    const version = useStudio.getState().dataVersion + 1;
    const readView = () => Promise.all([fetchKeys(view), prefetchQueries(version, [LOAD_HEALTH_SQL, allBreakdownsSql(view)])]);
    const early = viewUsesDecisions(view) ? null : readView();
    // Detected per file from one GROUP BY each; the list re-renders once.
    const addedIds = new Set(added.map((f) => f.fileId));
    const detections = new Map<number, FileDetection>();
    for (const f of useStudio.getState().files.filter((x) => addedIds.has(x.fileId))) {
      detections.set(
        f.fileId,
        f.conversion
          ? detectConvertedFile((await db.query(conversionCountsSql(f.fileId))) as { reason: string | null; n: number }[])
          : detectFileKind(foldFileProfile(await db.query(fileProfileSql(f.fileId)), f.errorTotal)),
      );
    }
    useStudio.setState((s) => ({ files: s.files.map((x) => ({ ...x, detection: detections.get(x.fileId) ?? x.detection })) }));
    performance.measure("ingest:detect", "ingest:start");
    await review;
    performance.measure("ingest:review", "ingest:start");
    const [keys] = await (early ?? readView());
    performance.measure("ingest:keys+metrics", "ingest:start");
    const link = linkedIndex(keys);
    useStudio.setState({ keys, cursor: link ?? cursorIn(keys), loadState: "ready", dataVersion: version });
    performance.measure("ingest:ready", "open:called");
    void weighRows().catch(() => undefined);
  } catch (e) {
    if (ctl.signal.aborted) {
      // Superseded by a newer open: that load owns the state now.
      if (controller !== ctl) return;
      const ids = new Set(added.map((f) => f.fileId));
      useStudio.setState((s) => {
        const files = s.files.filter((f) => !ids.has(f.fileId) || f.detection);
        return { files, loadState: files.length ? "ready" : "idle", message: "Loading cancelled.", dataVersion: s.dataVersion + 1 };
      });
      await refreshKeys();
      return;
    }
    useStudio.setState({ loadState: "error", message: `Loading failed: ${(e as Error).message}` });
  } finally {
    if (controller === ctl) controller = null;
  }
}

/** New contract-check options: the open files are loaded again so every finding reflects them. */
export async function setValidation(validation: StudioState["validation"]): Promise<void> {
  useStudio.setState({ validation });
  await reopenFiles();
}

/** Loads the open files again, as the user chose them (a `.json` document, not its records), e.g. with new options. */
async function reopenFiles(): Promise<void> {
  const files = useStudio.getState().files.map((f) => f.document ?? f.file);
  if (files.length) await openFiles(files);
}

/** New conversion options: kept for next time, and trajectory files are converted again with them. */
export async function setConversion(conversion: ConvertOptions): Promise<void> {
  keepConversion(conversion);
  await reopenFiles();
}

/** The conversion options the next conversion uses, kept in this browser too. */
function keepConversion(conversion: ConvertOptions): void {
  useStudio.setState({ conversion });
  saveConvertOptions(conversion);
}

/** What a chosen file loads as: itself, or a `.json` document's records as JSONL (empty when unreadable). */
interface OpenedFile {
  file: File;
  document: File | null;
  unreadable: { line: number; message: string } | null;
}

async function readableAsJsonl(file: File): Promise<OpenedFile> {
  if (!isJsonDocument(file.name)) return { file, document: null, unreadable: null };
  const r = await documentAsJsonl(file);
  return r.ok
    ? { file: r.file, document: file, unreadable: null }
    : { file: new File([], file.name), document: file, unreadable: { line: r.line, message: r.message } };
}

/** A document that could not be read is a load error of its file, listed and counted like a bad line. */
async function reportUnreadableDocuments(added: LoadedFile[], opened: readonly OpenedFile[]): Promise<void> {
  const errors: LoadError[] = added.flatMap((f, i) => {
    const u = opened[i]!.unreadable;
    return u ? [{ fileId: f.fileId, line: u.line, offset: 0, length: 0, message: u.message }] : [];
  });
  if (!errors.length) return;
  await (await getDb()).insertIpc("load_errors", errorsToIpc(errors));
  useStudio.setState((s) => ({
    files: s.files.map((f) => {
      const own = errors.filter((e) => e.fileId === f.fileId);
      return own.length ? { ...f, errorTotal: f.errorTotal + own.length, errors: [...own, ...f.errors] } : f;
    }),
  }));
}

/**
 * Attaches (or with `null`, removes) a tools file: kept for next time, and trajectory files are converted again,
 * with `conversion` when given (the panel's options not applied yet: one conversion, and nothing lost).
 */
export async function setToolsFile(file: File | null, conversion?: ConvertOptions): Promise<void> {
  const toolsFile = file ? await readToolsFile(file) : null;
  useStudio.setState({ toolsFile });
  saveAttachedTools(toolsFile);
  if (conversion) keepConversion(conversion);
  // Only converted files use the tools: pivot files need no reload.
  if (useStudio.getState().files.some((f) => f.conversion)) await reopenFiles();
}

/**
 * Starts the parse workers and rehearses a load's database work (lib/ingest/rehearsal) before a file is chosen,
 * so opening one waits for neither. A failed rehearsal only makes the first load slower.
 */
export function warmUp(): void {
  useStudio.setState({ conversion: loadConvertOptions(), toolsFile: loadAttachedTools() });
  warmIngest(workerCount());
  warmReview();
  void getDb()
    .then((db) => {
      const { inserts, statements } = rehearsal();
      return db.rehearse(inserts, statements);
    })
    .catch(() => undefined);
}

export function cancelLoad(): void {
  controller?.abort();
}

/** The view's row order (file id, line, byte range), read as typed arrays. */
async function fetchKeys(view: ViewState): Promise<ViewKeys> {
  const db = await getDb();
  const cols = await db.queryColumns(viewKeysSql(view));
  return {
    fileIds: Int32Array.from(cols.file_id!),
    lines: Int32Array.from(cols.line!),
    offsets: Float64Array.from(cols.byte_offset!),
    lengths: Int32Array.from(cols.byte_len!),
    hashes: Array.from(cols.content_hash as unknown as ArrayLike<string>),
    candidates: Int32Array.from(cols.candidate_index!),
    sourceLines: Int32Array.from(cols.source_line!),
  };
}

/** Where the cursor goes in new keys: the same decision point if it is still in view, else the first. */
function cursorIn(keys: ViewKeys): number {
  const before = currentRow();
  const at = before ? indexAtOrAfterLine(keys, before.fileId, before.line) : -1;
  return at >= 0 && keys.lines[at] === before?.line ? at : clampIndex(0, keys.lines.length);
}

/** Re-reads the view's row order after a filter/sort change or a cancelled load. */
export async function refreshKeys(): Promise<void> {
  const keys = await fetchKeys(useStudio.getState().view);
  useStudio.setState({ keys, cursor: cursorIn(keys) });
}

export async function setView(view: ViewState): Promise<void> {
  useStudio.setState((s) => ({ view, dataVersion: s.dataVersion + 1 }));
  await refreshKeys();
}

export function currentRow(): { fileId: number; line: number } | null {
  const { keys, cursor } = useStudio.getState();
  if (cursor < 0 || cursor >= keys.lines.length) return null;
  return { fileId: keys.fileIds[cursor]!, line: keys.lines[cursor]! };
}

export function goTo(index: number): void {
  const { keys } = useStudio.getState();
  useStudio.setState({ cursor: clampIndex(index, keys.lines.length) });
}

export function navigate(nav: NavKey): void {
  const { cursor, keys } = useStudio.getState();
  useStudio.setState({ cursor: applyNav(nav, cursor, keys.lines.length) });
}

/** Jump to a line of the current row's file (or the first file); lands on the next row if that line has none. */
export function jumpToLine(line: number): boolean {
  const s = useStudio.getState();
  const fileId = currentRow()?.fileId ?? s.files[0]?.fileId;
  if (fileId === undefined) return false;
  const at = indexAtOrAfterLine(s.keys, fileId, line);
  if (at < 0) return false;
  goTo(at);
  return true;
}

/**
 * The row a pending deep link (`?file=…&line=…`) points at. The first load consumes the link: if it opened
 * other files, the URL then follows them instead.
 */
function linkedIndex(keys: ViewKeys): number | null {
  const s = useStudio.getState();
  const link = s.pendingLink;
  if (!link) return null;
  const sameName = s.files.filter((f) => f.name === link.file);
  // A link to the second of two files of one name waits while only the first is open (opened one at a time).
  if (sameName.length > 0 && sameName.length < link.copy) return null;
  useStudio.setState({ pendingLink: null });
  const file = sameName[link.copy - 1];
  if (!file) return null;
  const at = indexAtOrAfterLine(keys, file.fileId, link.line);
  return at >= 0 ? at : null;
}
