/**
 * One range of a threaded export (Node only), in a worker thread or as the main thread's own share: a
 * line-aligned byte range of a JSONL file (read by the main thread into shared memory) through `processRow`,
 * the kept rows' lines encoded into buffers that a worker hands over without a copy.
 *
 * Line numbers (of rows and of their findings) are counted from 1 within the range: the range's first line
 * number in the file is known only once the ranges before it are scanned, so the main thread adds it
 * (`nodeThreads.ts`).
 */
import { isAscii } from "node:buffer";
import type { MessagePort } from "node:worker_threads";
import { DEFAULT_MAX_LINE } from "../jsonl/lineScanner";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { decisionsFromData, type DecisionsData } from "./decisions";
import { joinPieces, type LinePiece } from "./linePieces";
import { type ProcessedRow, processRow, type RowWork } from "./processRow";
import type { EncodedLine } from "./sink";
import { RequestMemo } from "./requestMemo";
import type { ExportDecisions } from "./sourceRows";

export interface ChunkJob {
  id: number;
  /** The name rows report (the file's base name). */
  file: string;
  /** Where the range starts in the file (a UTF-8 BOM counts only at 0). */
  start: number;
  /** The range's bytes, read by the main thread into memory shared with this thread. */
  bytes: Uint8Array;
  work: RowWork;
}

export type ChunkResult =
  | { id: number; rows: ProcessedRow[]; lines: number }
  /** A line over the scanner's limit (`line` within the range), or another failure. */
  | { id: number; tooLong: { line: number; length: number } }
  | { id: number; error: string };

export interface ExportWorkerData {
  decisions: DecisionsData;
}

class LineTooLong extends Error {
  constructor(
    readonly line: number,
    readonly length: number,
  ) {
    super(`line ${line} is too long`);
  }
}

export function processChunk(job: ChunkJob, decisions: ExportDecisions, hash: RowHasher): { result: ChunkResult; transfer: ArrayBuffer[] } {
  const { bytes } = job;
  const rows: ProcessedRow[] = [];
  const ascii = isAscii(bytes);
  // Lines are copied as Latin-1 (a plain copy) when every character is ASCII: the row's and the options'.
  const asciiOut = ascii && ASCII_ONLY.test(job.work.options.agentName + job.work.options.provenanceKey);
  const lines = new LineBuffer(bytes.length);
  const memo = new RequestMemo();
  let scanned: number;
  try {
    scanned = forEachLine(bytes, job.start, ascii, (line, text, at, length) => {
      const source = bytes.subarray(at, at + length);
      // Written straight into the buffer handed to the main thread: copied from the row's bytes when ASCII.
      const encodeLine = (rowText: string, pieces: readonly LinePiece[]) => lines.append(rowText, pieces, asciiOut ? source : null);
      rows.push(processRow({ file: job.file, line, text, hash: hash(source) }, job.work, decisions, { encodeLine, memo }));
    });
  } catch (e) {
    if (e instanceof LineTooLong) return { result: { id: job.id, tooLong: { line: e.line, length: e.length } }, transfer: [] };
    throw e;
  }
  return { result: { id: job.id, rows, lines: scanned }, transfer: lines.finish() };
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const NEWLINE = 10;
const CR = 13;
const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The lines of a range as `scanLines` (lib/jsonl) reports them: a UTF-8 BOM at the file's start skipped, a "\r"
 * before the "\n" dropped, blank lines counted but not visited, text null for a line that is not valid UTF-8.
 * Each line is decoded on its own — one Latin-1 copy when the range is ASCII — so no string the size of the
 * range is made. Returns the lines seen.
 */
function forEachLine(bytes: Uint8Array, rangeStart: number, ascii: boolean, visit: (line: number, text: string | null, at: number, length: number) => void): number {
  // As a Buffer: its indexOf is memchr (a Uint8Array's goes byte by byte), and it decodes Latin-1 directly.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let line = 0;
  let from = rangeStart === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (from < bytes.length) {
    let end = buffer.indexOf(NEWLINE, from);
    if (end < 0) end = bytes.length;
    line++;
    const stop = end > from && bytes[end - 1] === CR ? end - 1 : end;
    if (stop - from > DEFAULT_MAX_LINE) throw new LineTooLong(line, stop - from);
    if (stop > from) {
      const text = ascii ? buffer.toString("latin1", from, stop) : decodeOrNull(bytes.subarray(from, stop));
      if (text === null || !isBlank(text)) visit(line, text, from, stop - from);
    }
    from = end + 1;
  }
  return line;
}

function decodeOrNull(bytes: Uint8Array): string | null {
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    return null;
  }
}

function isBlank(text: string): boolean {
  if (text.charCodeAt(0) > 32) return false; // rows start with "{"
  return text.trim() === "";
}

/**
 * Kept rows' lines as UTF-8, in buffers handed to the main thread without a copy. Each line is followed by "\n"
 * in its buffer, so the main thread writes a run of kept rows as one view (sink.ts). A full buffer is left
 * as it is and a new one started, so the views already handed out stay valid.
 */
class LineBuffer {
  private readonly buffers: ArrayBuffer[] = [];
  private bytes: Buffer | null = null;
  private at = 0;

  /** `rangeBytes`: the size of the rows' range, which the lines rarely outgrow much. */
  constructor(private readonly rangeBytes: number) {}

  private start(size: number): Buffer {
    // Its own ArrayBuffer (not Node's shared pool), so it can be transferred.
    const bytes = Buffer.allocUnsafeSlow(size);
    this.buffers.push(bytes.buffer as ArrayBuffer);
    this.at = 0;
    return bytes;
  }

  /** The line's bytes, from `source` (the row's bytes) for spans when the row and new text are all ASCII. */
  append(text: string, pieces: readonly LinePiece[], asciiSource: Uint8Array | null): EncodedLine {
    const line = asciiSource ? null : joinPieces(text, pieces);
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a write that does not fit would be cut short.
    const room = line === null ? piecesLength(pieces) + 1 : 3 * line.length + 1;
    if (this.bytes === null || this.at + room > this.bytes.length) this.bytes = this.start(Math.max(room, Math.ceil(this.rangeBytes * 1.1) + (64 << 10)));
    const bytes = this.bytes;
    const from = this.at;
    let at = from;
    if (line !== null) at += bytes.write(line, at, "utf8");
    else {
      for (const p of pieces) {
        if (typeof p === "string") at += bytes.write(p, at, "latin1");
        else {
          bytes.set((asciiSource as Uint8Array).subarray(p[0], p[1]), at);
          at += p[1] - p[0];
        }
      }
    }
    bytes[at] = 10;
    this.at = at + 1;
    // An ASCII line has as many characters as bytes.
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset + from, at - from), chars: line === null ? at - from : line.length };
  }

  /** The buffers to transfer. */
  finish(): ArrayBuffer[] {
    return this.buffers;
  }
}

function piecesLength(pieces: readonly LinePiece[]): number {
  let n = 0;
  for (const p of pieces) n += typeof p === "string" ? p.length : p[1] - p[0];
  return n;
}

/** The worker's message loop: jobs in, results out (used by the worker entry, cli/exportWorker.ts). */
export async function serveChunks(port: MessagePort, data: ExportWorkerData): Promise<void> {
  const decisions = decisionsFromData(data.decisions);
  const hash = await createRowHasher();
  port.on("message", (job: ChunkJob) => {
    try {
      const { result, transfer } = processChunk(job, decisions, hash);
      port.postMessage(result, transfer);
    } catch (e) {
      port.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ChunkResult);
    }
  });
}
