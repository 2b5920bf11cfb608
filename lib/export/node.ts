/**
 * Node-only helpers around the export core (CLI and tests; not part of the barrel, which the page imports):
 * source rows read from JSONL files, input descriptions, and a bundle written to a directory or a `.zip`.
 */
import { mkdir, open, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { scanLines } from "../jsonl/lineScanner";
import type { ByteSource } from "../jsonl/byteSource";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { openFileSource } from "../node/fileSource";
import { type ExportHooks, type ExportRequest, type ExportResult, exportBundle } from "./exportBundle";
import { describeInput } from "./inputDigest";
import type { ExportOptions, ExportOptionsInput } from "./options";
import type { BundleSink } from "./sink";
import type { InputFileInfo, SourceRow } from "./sourceRows";
import { type ByteWriter, createZipSink } from "./zipSink";

const BLOCK = 4 << 20;

/** Rows of JSONL files, in file then line order, each with its content hash (as the app computes it). */
export function jsonlSourceRows(paths: readonly string[]): () => AsyncIterable<SourceRow> {
  return async function* () {
    const hash = await createRowHasher();
    for (const p of paths) {
      const source = await openFileSource(p);
      try {
        yield* scanRows(source, path.basename(p), hash);
      } finally {
        await source.close();
      }
    }
  };
}

/**
 * `scanLines` pushes lines; this turns it into a pull with backpressure by holding each block read until the
 * consumer has taken the lines already scanned, so at most about two blocks of rows are in memory.
 */
async function* scanRows(source: ByteSource, file: string, hash: RowHasher): AsyncGenerator<SourceRow> {
  let queue: SourceRow[] = [];
  // wake: the consumer waits for rows; resume: the scanner waits for the consumer to take them.
  const waiting: { wake?: () => void; resume?: () => void } = {};
  let finished = false;
  let failure: unknown = null;
  const gated: ByteSource = {
    size: source.size,
    async read(start, end) {
      while (queue.length > 0) await new Promise<void>((r) => (waiting.resume = r));
      return source.read(start, end);
    },
  };
  const visitor = {
    line(l: { line: number; text: string | null; bytes: Uint8Array; at: number; length: number }) {
      queue.push({ file, line: l.line, text: l.text, hash: hash(l.bytes.subarray(l.at, l.at + l.length)) });
      waiting.wake?.();
    },
    tooLong(line: number, _offset: number, length: number) {
      throw new Error(`${file}:${line}: a line of ${length} bytes is too long to export`);
    },
  };
  const done = () => {
    finished = true;
    waiting.wake?.();
  };
  scanLines(gated, visitor, { blockSize: BLOCK }).then(done, (e: unknown) => {
    failure = e;
    done();
  });
  for (;;) {
    if (queue.length > 0) {
      const batch = queue;
      queue = [];
      waiting.resume?.();
      yield* batch;
      continue;
    }
    if (failure !== null) throw failure;
    if (finished) return;
    await new Promise<void>((r) => (waiting.wake = r));
    waiting.wake = undefined;
  }
}

/** Name (base name), size and SHA-256 of each input file. */
export async function describeInputFiles(paths: readonly string[]): Promise<InputFileInfo[]> {
  const out: InputFileInfo[] = [];
  for (const p of paths) {
    const source = await openFileSource(p);
    try {
      out.push(await describeInput(path.basename(p), source));
    } finally {
      await source.close();
    }
  }
  return out;
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let at = 0; at < chunk.length; ) {
    const { bytesWritten } = await handle.write(chunk, at, chunk.length - at);
    at += bytesWritten;
  }
}

/** Writes bundle files into `dir` (created if needed); on failure the files written so far are removed. */
export function directorySink(dir: string): BundleSink {
  const created: string[] = [];
  const openHandles = new Set<FileHandle>();
  return {
    concurrentFiles: true,
    async openFile(name) {
      await mkdir(dir, { recursive: true });
      const target = path.join(dir, name);
      const handle = await open(target, "w");
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
    close: () => undefined,
    async abort() {
      for (const handle of openHandles) await handle.close();
      openHandles.clear();
      for (const file of created) await rm(file, { force: true });
    },
  };
}

/** A file written chunk by chunk, created on the first write; removed again on abort. */
export function fileByteWriter(target: string): ByteWriter {
  let handle: FileHandle | null = null;
  return {
    async write(chunk) {
      handle ??= await open(target, "w");
      await writeAll(handle, chunk);
    },
    async close() {
      handle ??= await open(target, "w");
      await handle.close();
    },
    async abort() {
      if (handle === null) return;
      await handle.close();
      await rm(target, { force: true });
    },
  };
}

export function exportBundleToDirectory(
  dir: string,
  request: ExportRequest,
  options: ExportOptionsInput | ExportOptions,
  hooks?: ExportHooks,
): Promise<ExportResult> {
  return exportBundle(request, options, directorySink(dir), hooks);
}

export function exportBundleToZip(
  zipPath: string,
  request: ExportRequest,
  options: ExportOptionsInput | ExportOptions,
  hooks?: ExportHooks,
): Promise<ExportResult> {
  return exportBundle(request, options, createZipSink(fileByteWriter(zipPath)), hooks);
}
