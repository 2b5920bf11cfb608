/**
 * Random access to a file's bytes. The browser wraps a `File` (read with `slice().arrayBuffer()`), Node wraps a
 * file handle, tests wrap a `Uint8Array`. Ingestion only ever sees this interface.
 */
export interface ByteSource {
  readonly size: number;
  /** Bytes [start, end). May return fewer bytes only at the end of the source. */
  read(start: number, end: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: async (start, end) => bytes.subarray(start, Math.min(end, bytes.length)),
  };
}

export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
  };
}
