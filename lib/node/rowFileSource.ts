import { readFile } from "node:fs/promises";
import { documentLines, isJsonDocument } from "../ingest/jsonDocument";
import { bytesSource, type ByteSource } from "../jsonl/byteSource";
import { openFileSource } from "./fileSource";

/** A `.json` file that is not a readable document (not JSON, or not a list): its path and the line at fault. */
export class DocumentError extends Error {
  override name = "DocumentError";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

export interface RowFile {
  /** A `.json` document: its rows are its records (row N is record N − 1), not the file's lines. */
  document: boolean;
  open(): Promise<ByteSource & { close?(): Promise<void> }>;
}

/**
 * A file's rows as the app opens them: JSONL as it is (read in place), a `.json` document as its records, one
 * JSONL line each (parsed whole, as a document must be, and held in memory). Throws `DocumentError`.
 */
export async function rowFile(file: string): Promise<RowFile> {
  if (!isJsonDocument(file)) return { document: false, open: () => openFileSource(file) };
  const doc = documentLines(await readFile(file, "utf8"));
  if (!doc.ok) throw new DocumentError(file, doc.line, doc.message);
  const bytes = new TextEncoder().encode(doc.text);
  return { document: true, open: async () => bytesSource(bytes) };
}
