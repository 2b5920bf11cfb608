/**
 * An input file's SHA-256 for the manifest, streamed block by block so a multi-GB file is never in memory.
 * Works on any `ByteSource` (a browser `File` via `blobSource`, a Node file via `openFileSource`).
 */
import type { ByteSource } from "../jsonl/byteSource";
import { type Sha256Factory, wasmSha256 } from "./hashing";
import type { InputFileInfo } from "./sourceRows";

const BLOCK = 8 << 20;

export async function describeInput(name: string, source: ByteSource, signal?: AbortSignal, sha256: Sha256Factory = wasmSha256): Promise<InputFileInfo> {
  const hasher = await sha256();
  for (let at = 0; at < source.size; at += BLOCK) {
    signal?.throwIfAborted();
    hasher.update(await source.read(at, Math.min(source.size, at + BLOCK)));
  }
  return { name, size: source.size, sha256: hasher.digest() };
}
