import { create } from "zustand";
import type { ExportProgress, ExportResult } from "@/lib/export/exportBundle";
import { exportBundleFromFiles } from "@/lib/export/fromFiles";
import type { ExportOptionsInput } from "@/lib/export/options";
import { createZipSink } from "@/lib/export/zipSink";
import { whereSql } from "@/lib/view/viewState";
import { useReview } from "./review";
import { useStudio } from "./studioStore";

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

/** The bundle as one `.zip`, built in memory part by part (a Blob), then offered as a download. */
export async function runExport(options: ExportOptionsInput, bundleName: string): Promise<void> {
  controller?.abort();
  const ctl = new AbortController();
  controller = ctl;
  const previous = useExport.getState().download;
  if (previous) URL.revokeObjectURL(previous.url);
  useExport.setState({ status: "running", progress: null, result: null, message: "", download: null });
  const { files, view } = useStudio.getState();
  const { state, events } = useReview.getState();
  const out = blobWriter();
  try {
    const result = await exportBundleFromFiles(
      {
        // A File with its conversion: converted trajectory files export their candidates.
        files: files.map((f) => Object.assign(f.file.slice(0, f.file.size, f.file.type), { name: f.name, conversion: f.conversion })),
        review: state,
        events,
        appVersion: packageJson.version,
        filterSql: view.filters.length ? whereSql(view) : null,
      },
      options,
      createZipSink(out),
      { signal: ctl.signal, onProgress: (progress) => useExport.setState({ progress }) },
    );
    if (result.status === "refused") {
      useExport.setState({ status: "refused", result, message: `Export refused: ${result.offendingTotal} kept rows have errors normalization cannot repair.` });
      return;
    }
    const url = URL.createObjectURL(out.blob());
    const name = `${bundleName}.zip`;
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
