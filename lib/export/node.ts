/**
 * Node-only helpers around the export core (CLI and tests; not part of the barrel, which the page imports):
 * source rows read from JSONL files, input descriptions and output hashes with Node's native SHA-256, a bundle
 * written to a directory or a `.zip`, and the worker-thread row processor.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { openFileSource } from "../node/fileSource";
import { type ExportHooks, type ExportRequest, type ExportResult, exportBundle } from "./exportBundle";
import { jsonlSourceRowsOf } from "./jsonlRows";
import { nodeSha256 } from "./nodeHashing";
import type { ExportOptions, ExportOptionsInput } from "./options";
import type { BundleSink } from "./sink";
import type { InputFileInfo, SourceRow } from "./sourceRows";
import { type ByteWriter, createZipSink } from "./zipSink";

export { nodeSha256 } from "./nodeHashing";
export { threadedJsonlProcessor, type ThreadedProcessor, type ThreadOptions } from "./nodeThreads";


/** Rows of JSONL files, in file then line order, each with its content hash (as the app computes it). */
export function jsonlSourceRows(paths: readonly string[]): () => AsyncIterable<SourceRow> {
  return jsonlSourceRowsOf(paths.map((p) => ({ name: path.basename(p), open: () => openFileSource(p) })));
}

/** Name (base name), size and SHA-256 of each input file. */
export async function describeInputFiles(paths: readonly string[]): Promise<InputFileInfo[]> {
  const out: InputFileInfo[] = [];
  for (const p of paths) {
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of createReadStream(p, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
    out.push({ name: path.basename(p), size, sha256: hash.digest("hex") });
  }
  return out;
}

/**
 * `target` opened for writing as a new file. One already there is replaced, not truncated: closing a file that
 * was truncated and rewritten makes ext4 flush it to disk first (its auto_da_alloc), a wait for a big file.
 */
async function openFresh(target: string): Promise<FileHandle> {
  await rm(target, { force: true });
  return open(target, "w");
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let at = 0; at < chunk.length; ) {
    const { bytesWritten } = await handle.write(chunk, at, chunk.length - at);
    at += bytesWritten;
  }
}

/** Where a file is written until the bundle is complete: a hidden name beside it, renamed at the end. */
const partialName = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.partial`);

/**
 * Writes bundle files into `dir` (created if needed), each under a hidden partial name until the whole bundle
 * is written, then renamed: an earlier bundle in the folder (`--force`) is replaced only by a complete one. On
 * abort (a failure, or a refused export, which stops after writing part of pivots.jsonl) the partial files are
 * removed, and the folder if this created it, and nothing that was there before is touched.
 */
export function directorySink(dir: string): BundleSink {
  const created: string[] = [];
  const openHandles = new Set<FileHandle>();
  let createdDir: string | undefined;
  let madeDir = false;
  return {
    concurrentFiles: true,
    async openFile(name) {
      if (!madeDir) {
        createdDir = await mkdir(dir, { recursive: true });
        madeDir = true;
      }
      const target = path.join(dir, name);
      const handle = await openFresh(partialName(target));
      created.push(target);
      openHandles.add(handle);
      return {
        write: (chunk) => writeAll(handle, chunk),
        async close() {
          openHandles.delete(handle);
          await handle.close();
        },
      };
    },
    async close() {
      for (const file of created) await rename(partialName(file), file);
    },
    async abort() {
      for (const handle of openHandles) await handle.close();
      openHandles.clear();
      for (const file of created) await rm(partialName(file), { force: true });
      // Everything under a folder this export created is its own.
      if (createdDir !== undefined) await rm(createdDir, { recursive: true, force: true });
    },
  };
}

/** A file written chunk by chunk under a partial name, created on the first write; renamed on close, removed on abort. */
export function fileByteWriter(target: string): ByteWriter {
  let handle: FileHandle | null = null;
  return {
    async write(chunk) {
      handle ??= await openFresh(partialName(target));
      await writeAll(handle, chunk);
    },
    async close() {
      handle ??= await openFresh(partialName(target));
      await handle.close();
      await rename(partialName(target), target);
    },
    async abort() {
      if (handle === null) return;
      await handle.close();
      await rm(partialName(target), { force: true });
    },
  };
}

const withNodeHashing = (request: ExportRequest): ExportRequest => ({ sha256: nodeSha256, ...request });

export function exportBundleToDirectory(
  dir: string,
  request: ExportRequest,
  options: ExportOptionsInput | ExportOptions,
  hooks?: ExportHooks,
): Promise<ExportResult> {
  return exportBundle(withNodeHashing(request), options, directorySink(dir), hooks);
}

export function exportBundleToZip(
  zipPath: string,
  request: ExportRequest,
  options: ExportOptionsInput | ExportOptions,
  hooks?: ExportHooks,
): Promise<ExportResult> {
  return exportBundle(withNodeHashing(request), options, createZipSink(fileByteWriter(zipPath)), hooks);
}
