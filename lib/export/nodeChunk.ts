/**
 * One range of a threaded export (Node only), in a worker thread or in the main thread when it has none: a
 * line-aligned byte range of a JSONL file (read by the main thread into shared memory, which also hashes its
 * rows and looks up their decisions: `rowKeys`) through `processRow`, the kept rows' lines encoded into
 * buffers that a worker hands over without a copy.
 *
 * Line numbers (of rows and of their findings) are counted from 1 within the range: the range's first line
 * number in the file is known only once the ranges before it are scanned, so the main thread adds it
 * (`nodeThreads.ts`).
 */
import { isAscii } from "node:buffer";
import type { MessagePort } from "node:worker_threads";
import { DEFAULT_MAX_LINE } from "../jsonl/lineScanner";
import type { RowHasher } from "../jsonl/rowHash";
import { joinPieces, type LinePiece } from "./linePieces";
import { type ProcessedRow, processRow, type RowWork } from "./processRow";
import type { EncodedLine } from "./sink";
import { RequestMemo } from "./requestMemo";
import type { ExportDecisions, Verdict } from "./sourceRows";

export interface ChunkJob {
  id: number;
  /** The name rows report (the file's base name). */
  file: string;
  /** Where the range starts in the file (a UTF-8 BOM counts only at 0). */
  start: number;
  /** The range's bytes, read by the main thread into memory shared with this thread. */
  bytes: Uint8Array;
  /** The content hash and verdict of each of the range's lines that are not empty (`rowKeys`). */
  keys: RowKeys;
  /**
   * Memory for the kept rows' lines (`lineBufferBytes` of the range), when the main thread has it ready: its own
   * ArrayBuffer, transferred with the job and back with the lines.
   */
  out?: Uint8Array<ArrayBuffer>;
  work: RowWork;
}

export type ChunkResult =
  | { id: number; rows: ProcessedRow[]; lines: number }
  /** A line over the scanner's limit (`line` within the range), or another failure. */
  | { id: number; tooLong: { line: number; length: number } }
  | { id: number; error: string };

export interface RowKeys {
  hashes: string[];
  verdicts: Verdict[];
}

class LineTooLong extends Error {
  constructor(
    readonly line: number,
    readonly length: number,
  ) {
    super(`line ${line} is too long`);
  }
}

export function processChunk(job: ChunkJob): { result: ChunkResult; transfer: ArrayBuffer[] } {
  const { bytes } = job;
  const { hashes, verdicts } = job.keys;
  const rows: ProcessedRow[] = [];
  const ascii = isAscii(bytes);
  // Lines are copied as Latin-1 (a plain copy) when every character is ASCII: the row's and the options'.
  const asciiOut = ascii && ASCII_ONLY.test(job.work.options.agentName + job.work.options.provenanceKey);
  const lines = new LineBuffer(bytes.length, job.out ?? null);
  const memo = new RequestMemo();
  let scanned: number;
  try {
    scanned = forEachLine(bytes, job.start, ascii, (line, text, at, length, index) => {
      const source = bytes.subarray(at, at + length);
      // Written straight into the buffer handed to the main thread: copied from the row's bytes when ASCII.
      const encodeLine = (rowText: string, pieces: readonly LinePiece[]) => lines.append(rowText, pieces, asciiOut ? source : null);
      const verdict = verdicts[index] as Verdict;
      const decisions: ExportDecisions = { verdictOf: () => verdict }; // asked for this row's hash only
      rows.push(processRow({ file: job.file, line, text, hash: hashes[index] as string }, job.work, decisions, { encodeLine, memo }));
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
 * before the "\n" dropped, empty lines counted but not visited. Visits each other line's place in the range and
 * its index among them; returns the lines seen.
 */
function forEachSpan(bytes: Uint8Array, rangeStart: number, visit: (line: number, at: number, length: number, index: number) => void): number {
  // As a Buffer: its indexOf is memchr (a Uint8Array's goes byte by byte).
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let line = 0;
  let index = 0;
  let from = rangeStart === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (from < bytes.length) {
    let end = buffer.indexOf(NEWLINE, from);
    if (end < 0) end = bytes.length;
    line++;
    const stop = end > from && bytes[end - 1] === CR ? end - 1 : end;
    if (stop - from > DEFAULT_MAX_LINE) throw new LineTooLong(line, stop - from);
    if (stop > from) visit(line, from, stop - from, index++);
    from = end + 1;
  }
  return line;
}

/**
 * `forEachSpan` with each line's text — null for a line that is not valid UTF-8 — and blank lines not visited.
 * Each line is decoded on its own — one Latin-1 copy when the range is ASCII — so no string the size of the
 * range is made.
 */
function forEachLine(
  bytes: Uint8Array,
  rangeStart: number,
  ascii: boolean,
  visit: (line: number, text: string | null, at: number, length: number, index: number) => void,
): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length); // decodes Latin-1 directly
  return forEachSpan(bytes, rangeStart, (line, at, length, index) => {
    const text = ascii ? buffer.toString("latin1", at, at + length) : decodeOrNull(bytes.subarray(at, at + length));
    if (text === null || !isBlank(text)) visit(line, text, at, length, index);
  });
}

/**
 * The content hash and verdict of each line of a range `forEachSpan` visits, in order: found by the thread that
 * reads the range, as it reads it, which spares the threads that process the rows that work (and the
 * decisions). Up to a line that is too long (the processing reports it).
 */
export function rowKeys(bytes: Uint8Array, rangeStart: number, hash: RowHasher, decisions: ExportDecisions): RowKeys {
  const keys: RowKeys = { hashes: [], verdicts: [] };
  try {
    forEachSpan(bytes, rangeStart, (_line, at, length) => {
      const rowHash = hash(bytes.subarray(at, at + length));
      keys.hashes.push(rowHash);
      keys.verdicts.push(decisions.verdictOf(rowHash));
    });
  } catch (e) {
    if (!(e instanceof LineTooLong)) throw e;
  }
  return keys;
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

  /**
   * `rangeBytes`: the size of the rows' range, which the lines rarely outgrow much. `given`: memory to use
   * first, on its own ArrayBuffer.
   */
  constructor(
    private readonly rangeBytes: number,
    private given: Uint8Array | null,
  ) {}

  private start(size: number): Buffer {
    const given = this.given;
    this.given = null;
    // Each on its own ArrayBuffer (not Node's shared pool), so it can be transferred.
    const bytes = given !== null && given.length >= size ? Buffer.from(given.buffer, given.byteOffset, given.length) : Buffer.allocUnsafeSlow(size);
    this.buffers.push(bytes.buffer as ArrayBuffer);
    this.at = 0;
    return bytes;
  }

  /** The line's bytes, from `source` (the row's bytes) for spans when the row and new text are all ASCII. */
  append(text: string, pieces: readonly LinePiece[], asciiSource: Uint8Array | null): EncodedLine {
    const line = asciiSource ? null : joinPieces(text, pieces);
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a write that does not fit would be cut short.
    const room = line === null ? piecesLength(pieces) + 1 : 3 * line.length + 1;
    if (this.bytes === null || this.at + room > this.bytes.length) this.bytes = this.start(Math.max(room, lineBufferBytes(this.rangeBytes)));
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

/** The size of a buffer for the kept lines of a range of `rangeBytes`. */
export function lineBufferBytes(rangeBytes: number): number {
  return Math.ceil(rangeBytes * 1.1) + (64 << 10);
}

function piecesLength(pieces: readonly LinePiece[]): number {
  let n = 0;
  for (const p of pieces) n += typeof p === "string" ? p.length : p[1] - p[0];
  return n;
}

/** The worker's message loop: jobs in, results out (used by the worker entry, cli/exportWorker.ts). */
export function serveChunks(port: MessagePort): void {
  port.on("message", (job: ChunkJob) => {
    try {
      const { result, transfer } = processChunk(job);
      port.postMessage(result, transfer);
    } catch (e) {
      port.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies ChunkResult);
    }
  });
}
