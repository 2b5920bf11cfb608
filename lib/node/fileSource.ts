import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";
import type { ByteSource } from "../jsonl/byteSource";

/** Thrown for a path that is a directory or a device, not a regular file (`code` tells callers apart). */
export function notAFileError(path: string): Error & { code: string } {
  return Object.assign(new Error(`${path} is not a file`), { code: "ENOTFILE" });
}

/** A ByteSource over a file on disk (Node: CLI and tests). Close it when done. */
export async function openFileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, "r");
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw notAFileError(path);
  }
  const { size } = stat;
  return {
    size,
    async read(start, end) {
      const len = Math.max(0, Math.min(end, size) - start);
      const buf = new Uint8Array(len);
      let got = 0;
      while (got < len) {
        const { bytesRead } = await handle.read(buf, got, len - got, start + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return got === len ? buf : buf.subarray(0, got);
    },
    close: () => handle.close(),
  };
}

/**
 * A ByteSource over a file read with blocking reads into fresh `Buffer`s, for a thread with nothing else to do
 * meanwhile, or reads so small that a trip through the thread pool costs more than the read. A Buffer's
 * `indexOf` (the scanner's newline search) is memchr where a plain Uint8Array's is a loop. Close it when done.
 */
export function openSyncFileSource(path: string): ByteSource & { close(): void } {
  const fd = openSync(path, "r");
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw notAFileError(path);
  }
  const { size } = stat;
  return {
    size,
    read(start, end) {
      const buf = Buffer.allocUnsafe(Math.max(0, Math.min(end, size) - start));
      let got = 0;
      while (got < buf.length) {
        const n = readSync(fd, buf, got, buf.length - got, start + got);
        if (n === 0) break;
        got += n;
      }
      return Promise.resolve(buf.subarray(0, got));
    },
    close: () => closeSync(fd),
  };
}
