/**
 * Where a bundle goes. The export writes each file through a `BundleSink`, so the page can stream into a zip
 * (fflate) or a folder the user picked, and Node into a directory, with the same bytes. `OutputFile` wraps a
 * file with what the manifest needs (SHA-256, bytes, lines) and batches small writes into ~1 MiB chunks.
 */
import { type Sha256, type Sha256Factory, wasmSha256 } from "./hashing";

export interface FileSink {
  /**
   * `chunk` may be reused once the returned promise settles (it can be a view of memory the export recycles):
   * a sink that keeps it keeps a copy.
   */
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
  /** Set when `bytes` is a view of memory that is reused once every line in it is written (or dropped). */
  loan?: Loan;
}

/**
 * Memory lent to the lines encoded into it. Whoever keeps such a line past the call that received it holds the
 * loan, and releases it once done with the bytes; the lender reuses the memory when no one holds it.
 */
export interface Loan {
  hold(): void;
  release(): void;
}

// A file is handed to its sink in chunks cut after the line that brings them to this many characters. The cut
// points decide a zip's deflate blocks, so they depend only on the text, never on how the lines arrived.
const CHUNK_CHARS = 1 << 20;
const NEWLINE = new Uint8Array([10]);
const encoder = new TextEncoder();

export class OutputFile {
  // Text, or bytes of lines rendered in worker threads; joined into one chunk per flush.
  private parts: (string | Uint8Array)[] = [];
  // The loans of the lines in `parts`, held until their chunk is written.
  private loans: Loan[] = [];
  private readonly joined = new JoinBuffer();
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
      if (line.loan) {
        line.loan.hold();
        this.loans.push(line.loan);
      }
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
    const chunk = joinParts(this.parts, this.joined);
    const loans = this.loans;
    this.parts = [];
    this.loans = [];
    this.pending = 0;
    this.bytes += chunk.length;
    this.hasher.update(chunk);
    await this.sink.write(chunk);
    for (const loan of loans) loan.release();
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
 * such buffer is written without a copy; otherwise the pieces are copied together, into `joined`.
 */
function joinParts(parts: readonly (string | Uint8Array)[], joined: JoinBuffer): Uint8Array {
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
  return pieces.length === 1 ? (pieces[0] as Uint8Array) : joined.concat(pieces);
}

/** Whether `part` is the bytes right after `view` in its buffer (or a "\n" that is already there). */
function isRightAfter(view: Uint8Array, part: Uint8Array): boolean {
  const end = view.byteOffset + view.length;
  if (part.buffer === view.buffer) return part.byteOffset === end;
  return part === NEWLINE && end < view.buffer.byteLength && new Uint8Array(view.buffer, end, 1)[0] === 10;
}

/**
 * Memory for chunks joined from several pieces, reused from one chunk to the next (a sink is done with a chunk
 * once its write settles): fresh memory for each would cost a page fault per 4 KiB.
 */
class JoinBuffer {
  private memory = new Uint8Array(0);

  concat(pieces: readonly Uint8Array[]): Uint8Array {
    const length = pieces.reduce((n, p) => n + p.length, 0);
    if (length > this.memory.length) this.memory = new Uint8Array(Math.max(length, 2 * this.memory.length));
    let at = 0;
    for (const p of pieces) {
      this.memory.set(p, at);
      at += p.length;
    }
    return this.memory.subarray(0, length);
  }
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
        write: (chunk) => void chunks.push(chunk.slice()),
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
