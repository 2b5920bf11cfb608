/**
 * Where a bundle goes. The export writes each file through a `BundleSink`, so the page can stream into a zip
 * (fflate) or a folder the user picked, and Node into a directory, with the same bytes. `OutputFile` wraps a
 * file with what the manifest needs (SHA-256, bytes, lines) and batches small writes into ~1 MiB chunks.
 */
import { createSHA256, type IHasher } from "hash-wasm";

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
  /** The export failed or was cancelled: drop what was written. */
  abort?(reason: unknown): Promise<void> | void;
}

export interface WrittenFile {
  name: string;
  bytes: number;
  /** Lines for JSONL files (every written line ends in "\n"); null for other files. */
  rows: number | null;
  sha256: string;
}

const CHUNK_CHARS = 1 << 20;
const encoder = new TextEncoder();

export class OutputFile {
  private parts: string[] = [];
  private pending = 0;
  private bytes = 0;
  private lines = 0;

  private constructor(
    readonly name: string,
    private readonly sink: FileSink,
    private readonly hasher: IHasher,
    private readonly jsonl: boolean,
  ) {}

  static async open(bundle: BundleSink, name: string): Promise<OutputFile> {
    const hasher = await createSHA256();
    hasher.init();
    return new OutputFile(name, await bundle.openFile(name), hasher, name.endsWith(".jsonl"));
  }

  /** Appends `line` and a "\n". */
  async writeLine(line: string): Promise<void> {
    this.lines++;
    await this.write(line + "\n");
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = encoder.encode(this.parts.join(""));
    this.parts = [];
    this.pending = 0;
    this.bytes += chunk.length;
    this.hasher.update(chunk);
    await this.sink.write(chunk);
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    await this.sink.close();
    return { name: this.name, bytes: this.bytes, rows: this.jsonl ? this.lines : null, sha256: this.hasher.digest("hex") };
  }
}

/** Writes a whole small file (YAML, JSON, README). */
export async function writeTextFile(bundle: BundleSink, name: string, text: string): Promise<WrittenFile> {
  const file = await OutputFile.open(bundle, name);
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
