import { create } from "zustand";
import type { ExportProgress, ExportResult } from "@/lib/export/exportBundle";
import { exportBundleFromFiles } from "@/lib/export/fromFiles";
import type { ExportOptionsInput } from "@/lib/export/options";
import { createZipSink } from "@/lib/export/zipSink";
import { createDirectorySink, type DirectoryHandle } from "@/lib/export/directorySink";
import { whereSql } from "@/lib/view/viewState";
import { useReview } from "./review";
import { useStudio } from "./studioStore";
import { countText } from "../countText";

import packageJson from "../../package.json";

export interface ExportRunState {
  status: "idle" | "running" | "written" | "refused" | "failed";
  progress: ExportProgress | null;
  result: ExportResult | null;
  message: string;
  /** The last bundle, kept so the user can download it again. */
  download: { url: string; name: string } | null;
}

export const useExport = create<ExportRunState>(() => ({ status: "idle", progress: null, result: null, message: "", download: null }));

let controller: AbortController | null = null;

/** Where the bundle goes: one `.zip` download, or a folder the user picked (where the browser allows it). */
export type ExportTarget = { kind: "zip"; name: string } | { kind: "folder"; dir: DirectoryHandle & { name?: string } };

/** Whether this browser can write into a folder the user picks (File System Access API). */
export function canPickFolder(): boolean {
  return typeof window !== "undefined" && "showDirectoryPicker" in window;
}

/** Asks for a folder; must run in the click's own task (a user gesture), before any await. */
export function pickFolder(): Promise<DirectoryHandle & { name?: string }> {
  const w = window as unknown as { showDirectoryPicker(o: { mode: "readwrite"; id?: string }): Promise<DirectoryHandle & { name?: string }> };
  return w.showDirectoryPicker({ mode: "readwrite", id: "pivot-studio-export" });
}

/** Which rows the export reads: all of them, or only the rows of the current view (when a filter is set). */
export type ExportScope = "all" | "view";

/** Exports the bundle: a zip built part by part into a Blob and offered as a download, or files in a folder. */
export async function runExport(options: ExportOptionsInput, target: ExportTarget, scope: ExportScope = "all"): Promise<void> {
  controller?.abort();
  const ctl = new AbortController();
  controller = ctl;
  const previous = useExport.getState().download;
  if (previous) URL.revokeObjectURL(previous.url);
  useExport.setState({ status: "running", progress: null, result: null, message: "", download: null });
  const { files, view, keys } = useStudio.getState();
  const { state, events } = useReview.getState();
  const out = blobWriter();
  const sink = target.kind === "zip" ? createZipSink(out) : createDirectorySink(target.dir);
  try {
    const result = await exportBundleFromFiles(
      {
        // A File with its conversion: converted trajectory files export their candidates.
        files: files.map((f) => Object.assign(f.file.slice(0, f.file.size, f.file.type), { name: f.name, conversion: f.conversion, document: f.document })),
        review: state,
        events,
        appVersion: packageJson.version,
        // The view's rows are its keys' content hashes, the same rows the table lists.
        view: scope === "view" && view.filters.length ? { filterSql: whereSql(view), hashes: new Set(keys.hashes) } : null,
      },
      options,
      sink,
      { signal: ctl.signal, onProgress: (progress) => useExport.setState({ progress }) },
    );
    if (result.status === "refused") {
      useExport.setState({ status: "refused", result, message: `Export refused: ${countText(result.offendingTotal, "kept row has", "kept rows have")} errors normalization cannot repair.` });
      return;
    }
    if (target.kind === "folder") {
      useExport.setState({ status: "written", result, message: `Written to the folder ${target.dir.name ?? "you picked"}.` });
      return;
    }
    const url = URL.createObjectURL(out.blob());
    const name = `${target.name}.zip`;
    useExport.setState({ status: "written", result, download: { url, name }, message: "" });
    saveAs(url, name);
  } catch (e) {
    if (ctl.signal.aborted) useExport.setState({ status: "idle", message: "Export cancelled." });
    else useExport.setState({ status: "failed", message: `Export failed: ${(e as Error).message}` });
  } finally {
    if (controller === ctl) controller = null;
  }
}

export function cancelExport(): void {
  controller?.abort();
}

/**
 * Collects the zip's bytes as a Blob, folding the chunks into it every 32 MB: the browser keeps large Blobs in
 * its blob storage (on disk when big), so the page does not hold a multi-GB bundle in its own memory.
 */
function blobWriter() {
  let blob = new Blob([], { type: "application/zip" });
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const fold = () => {
    blob = new Blob([blob, ...(pending as BlobPart[])], { type: "application/zip" });
    pending = [];
    pendingBytes = 0;
  };
  return {
    write(chunk: Uint8Array) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= 32 << 20) fold();
    },
    close: fold,
    blob: () => blob,
  };
}

function saveAs(url: string, name: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
}
