import { open } from "node:fs/promises";
import type { ByteSource } from "../jsonl/byteSource";

/** A ByteSource over a file on disk (Node: CLI and tests). Close it when done. */
export async function openFileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, "r");
  const { size } = await handle.stat();
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
