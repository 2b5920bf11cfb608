/**
 * A bundle sink writing into a folder the user picked in the browser (File System Access API:
 * `showDirectoryPicker`, Chromium). Files stream to disk through `createWritable`, so a multi-GB bundle never
 * sits in memory, and several files may be open at once. On abort the files written so far are removed.
 */
import type { BundleSink, FileSink } from "./sink";

/** The part of `FileSystemDirectoryHandle` the sink uses. */
export interface DirectoryHandle {
  getFileHandle(name: string, options: { create: boolean }): Promise<{ createWritable(): Promise<WritableFile> }>;
  removeEntry(name: string): Promise<void>;
}

interface WritableFile {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

export function createDirectorySink(dir: DirectoryHandle): BundleSink {
  const written: string[] = [];
  const open = new Set<WritableFile>();
  return {
    concurrentFiles: true,
    async openFile(name): Promise<FileSink> {
      const file = await (await dir.getFileHandle(name, { create: true })).createWritable();
      written.push(name);
      open.add(file);
      return {
        write: (chunk) => file.write(chunk),
        async close() {
          open.delete(file);
          await file.close();
        },
      };
    },
    close() {},
    async abort(reason) {
      await Promise.all([...open].map((f) => f.abort(reason).catch(() => undefined)));
      open.clear();
      await Promise.all(written.map((name) => dir.removeEntry(name).catch(() => undefined)));
    },
  };
}
