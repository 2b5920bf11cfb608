import { createXXHash64 } from "hash-wasm";

/**
 * A row's stable content hash: xxHash64 (seed 0) of the line's bytes without its terminator (`\n` / `\r\n`) or a
 * leading BOM, as 16 hex digits. Reviewer decisions are keyed by it, so the same row keeps its identity when the
 * file is renamed, reordered or re-saved with other line ends.
 */
export type RowHasher = (bytes: Uint8Array) => string;

export async function createRowHasher(): Promise<RowHasher> {
  const h = await createXXHash64(0, 0);
  return (bytes) => {
    h.init();
    h.update(bytes);
    return h.digest("hex");
  };
}
