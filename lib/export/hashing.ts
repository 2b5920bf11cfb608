/**
 * SHA-256 for the manifest (every input and output file), behind a small interface: the page uses hash-wasm
 * (WebAssembly, streaming, works in workers), Node passes its native `node:crypto` hash (`lib/export/node.ts`),
 * several times faster on a multi-GB bundle. Both give the same hex digests.
 */
import { createSHA256 } from "hash-wasm";

export interface Sha256 {
  update(bytes: Uint8Array): void;
  /** Lowercase hex; the hash is not used after this. */
  digest(): string;
}

export type Sha256Factory = () => Sha256 | Promise<Sha256>;

export const wasmSha256: Sha256Factory = async () => {
  const hasher = await createSHA256();
  hasher.init();
  return {
    update: (bytes) => void hasher.update(bytes),
    digest: () => hasher.digest("hex"),
  };
};
