/**
 * Opens a `.json` document in the page: parsed in a worker, its records become a JSONL `File` of the same name
 * that the app loads, reads and exports like any JSONL file (lib/ingest/jsonDocument). Browser only.
 */
export type DocumentFile = { ok: true; file: File; records: number } | { ok: false; line: number; message: string };

export function documentAsJsonl(document: File): Promise<DocumentFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./jsonDocument.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (ev: MessageEvent<{ ok: true; text: Blob; records: number } | { ok: false; line: number; message: string }>) => {
      worker.terminate();
      const r = ev.data;
      resolve(r.ok ? { ok: true, file: new File([r.text], document.name, { type: "application/x-ndjson" }), records: r.records } : r);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`${document.name}: ${e.message || "could not be read"}`));
    };
    worker.postMessage(document);
  });
}
