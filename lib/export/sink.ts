/**
 * Where a bundle goes. The export writes each file through a `BundleSink`, so the page can stream into a zip
 * (fflate) or a folder the user picked, and Node into a directory, with the same bytes. `OutputFile` wraps a
 * file with what the manifest needs (SHA-256, bytes, lines) and batches small writes into ~1 MiB chunks.
 */
import { type Sha256, type Sha256Factory, wasmSha256 } from "./hashing";

export interface FileSink {
  /** The export never touches `chunk` again, so a sink may keep it. */
  write(chunk: Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
}

export interface BundleSink {
  /**
   * Whether several files may be open at once. A zip can hold only one entry open without buffering the
   * others in memory, so for it the export reads the rows once per large file instead.
   */
  readonly concurrentFiles: boolean;
  openFile(name: string): Promise<FileSink> | FileSink;
  /** Every file is written and closed. */
  close(): Promise<void> | void;
  /** The export failed, was cancelled or refused: drop what was written. */
  abort?(reason: unknown): Promise<void> | void;
}

export interface WrittenFile {
  name: string;
  bytes: number;
  /** Lines for JSONL files (every written line ends in "\n"); null for other files. */
  rows: number | null;
  sha256: string;
}

/**
 * A line already encoded (rendered in a worker thread): its UTF-8 bytes, and its length as text (UTF-16 units),
 * which decides where the file is cut into chunks just as for a line given as text.
 */
export interface EncodedLine {
  bytes: Uint8Array;
  chars: number;
}

// A file is handed to its sink in chunks cut after the line that brings them to this many characters. The cut
// points decide a zip's deflate blocks, so they depend only on the text, never on how the lines arrived.
const CHUNK_CHARS = 1 << 20;
const NEWLINE = new Uint8Array([10]);
const encoder = new TextEncoder();

export class OutputFile {
  // Text, or bytes of lines rendered in worker threads; joined into one chunk per flush.
  private parts: (string | Uint8Array)[] = [];
  private pending = 0;
  private bytes = 0;
  private lines = 0;

  private constructor(
    readonly name: string,
    private readonly sink: FileSink,
    private readonly hasher: Sha256,
    private readonly jsonl: boolean,
  ) {}

  static async open(bundle: BundleSink, name: string, sha256: Sha256Factory = wasmSha256): Promise<OutputFile> {
    const hasher = await sha256();
    return new OutputFile(name, await bundle.openFile(name), hasher, name.endsWith(".jsonl"));
  }

  /** Appends `line` and a "\n". */
  async writeLine(line: string | EncodedLine): Promise<void> {
    this.lines++;
    if (typeof line === "string") {
      this.parts.push(line, "\n");
      this.pending += line.length + 1;
    } else {
      this.parts.push(line.bytes, NEWLINE);
      this.pending += line.chars + 1;
    }
    if (this.pending >= CHUNK_CHARS) await this.flush();
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = joinParts(this.parts);
    this.parts = [];
    this.pending = 0;
    this.bytes += chunk.length;
    this.hasher.update(chunk);
    await this.sink.write(chunk);
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    await this.sink.close();
    return { name: this.name, bytes: this.bytes, rows: this.jsonl ? this.lines : null, sha256: this.hasher.digest() };
  }
}

/**
 * The parts as one chunk. Text is joined and encoded once. Byte parts that sit next to each other in one buffer
 * (lines rendered by a worker thread, each followed by its "\n") are one view of it, so a chunk within one
 * such buffer is written without a copy; otherwise the pieces are copied together.
 */
function joinParts(parts: readonly (string | Uint8Array)[]): Uint8Array {
  if (parts.every((p) => typeof p === "string")) return encoder.encode(parts.join(""));
  const pieces: Uint8Array[] = [];
  let text: string[] = [];
  const endText = () => {
    if (text.length > 0) pieces.push(encoder.encode(text.join("")));
    text = [];
  };
  for (const part of parts) {
    if (typeof part === "string") {
      text.push(part);
      continue;
    }
    endText();
    const last = pieces[pieces.length - 1];
    if (last && isRightAfter(last, part)) pieces[pieces.length - 1] = new Uint8Array(last.buffer, last.byteOffset, last.length + part.length);
    else pieces.push(part);
  }
  endText();
  return pieces.length === 1 ? (pieces[0] as Uint8Array) : concat(pieces);
}

/** Whether `part` is the bytes right after `view` in its buffer (or a "\n" that is already there). */
function isRightAfter(view: Uint8Array, part: Uint8Array): boolean {
  const end = view.byteOffset + view.length;
  if (part.buffer === view.buffer) return part.byteOffset === end;
  return part === NEWLINE && end < view.buffer.byteLength && new Uint8Array(view.buffer, end, 1)[0] === 10;
}

function concat(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Writes a whole small file (YAML, JSON, README). */
export async function writeTextFile(bundle: BundleSink, name: string, text: string, sha256?: Sha256Factory): Promise<WrittenFile> {
  const file = await OutputFile.open(bundle, name, sha256);
  await file.write(text);
  return file.close();
}

/** A sink that keeps every file in memory: for tests and small exports. */
export function memorySink(): BundleSink & { files: Map<string, Uint8Array>; text(name: string): string } {
  const files = new Map<string, Uint8Array>();
  return {
    concurrentFiles: true,
    files,
    text: (name) => new TextDecoder().decode(files.get(name)),
    openFile(name) {
      const chunks: Uint8Array[] = [];
      return {
        write: (chunk) => void chunks.push(chunk),
        close: () => {
          const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
          let at = 0;
          for (const c of chunks) {
            out.set(c, at);
            at += c.length;
          }
          files.set(name, out);
        },
      };
    },
    close: () => undefined,
  };
}
