/**
 * One range of a threaded export (Node only), in a worker thread or in the main thread when it has none: a
 * line-aligned byte range of a JSONL file (read by the main thread, which also finds its lines, hashes its rows
 * and looks up their decisions: `rowKeys`) through `processRow`, the kept rows' lines encoded into
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
import { packRows, type PackedRows } from "./rowWire";
import type { ExportDecisions, Verdict } from "./sourceRows";

export interface ChunkJob {
  id: number;
  /** The name rows report (the file's base name). */
  file: string;
  /** The range's bytes, read by the main thread (memory transferred with the job, and back with the result). */
  bytes: Uint8Array<ArrayBuffer>;
  /** The range's lines that are not empty, with the content hash and verdict of each (`rowKeys`). */
  keys: RowKeys;
  /**
   * Memory for the kept rows' lines (`lineBufferBytes` of the range, or more), reused from range to range: its
   * own ArrayBuffer, transferred with the job and back with the lines.
   */
  out?: Uint8Array<ArrayBuffer>;
  work: RowWork;
}

/** `input`: the memory of the job's `bytes`, given back. */
export type ChunkResult = { id: number; input: ArrayBuffer } & ChunkOutcome;

export type ChunkOutcome =
  /** The rows, packed (`rowWire.ts`); `buffers`: the memory holding the kept lines (`out` first, if given). */
  | { packed: PackedRows; lines: number; buffers: ArrayBuffer[] }
  /** A line over the scanner's limit (`line` within the range), or another failure. */
  | { tooLong: { line: number; length: number } }
  | { error: string };

export interface RowKeys {
  /** Each line `forEachSpan` visits, as three numbers: its line number in the range, its start and length. */
  spans: Int32Array;
  hashes: string[];
  verdicts: Verdict[];
  /** The verdicts are one blanket verdict (`--accept-all`), not a reviewer's per row (`ExportDecisions.blanket`). */
  blanket: boolean;
  /** The lines scanned: the range's, or up to one that is too long. */
  lines: number;
  tooLong?: { line: number; length: number };
  /** Every byte of the range is ASCII. */
  ascii: boolean;
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
  const { spans, hashes, verdicts, blanket, tooLong, ascii } = job.keys;
  const input = bytes.buffer;
  if (tooLong) return { result: { id: job.id, input, tooLong }, transfer: [input] };
  const rows: ProcessedRow[] = [];
  const indexes: number[] = []; // each row's line among the keys'
  // Lines are copied as Latin-1 (a plain copy) when every character is ASCII: the row's and the options'.
  const asciiOut = ascii && ASCII_ONLY.test(job.work.options.agentName + job.work.options.provenanceKey);
  const lines = new LineBuffer(bytes.length, job.out ?? null);
  const memo = new RequestMemo();
  // Written straight into the buffer handed to the main thread, piece by piece when all ASCII.
  const encodeLine = (rowText: string, pieces: readonly LinePiece[]) => lines.append(rowText, pieces, asciiOut);
  // Each line is decoded on its own (one Latin-1 copy when the range is ASCII): no string the size of the range.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let index = 0; index < hashes.length; index++) {
    const line = spans[3 * index] as number;
    const at = spans[3 * index + 1] as number;
    const length = spans[3 * index + 2] as number;
    const text = ascii ? buffer.toString("latin1", at, at + length) : decodeOrNull(bytes.subarray(at, at + length));
    if (text !== null && isBlank(text)) continue;
    const verdict = verdicts[index] as Verdict;
    const decisions: ExportDecisions = { verdictOf: () => verdict, ...(blanket && { blanket }) }; // asked for this row's hash only
    rows.push(processRow({ file: job.file, line, text, hash: hashes[index] as string }, job.work, decisions, { encodeLine, memo }));
    indexes.push(index);
  }
  const buffers = lines.finish();
  const packed = packRows(rows, indexes, job.file, hashes, buffers);
  return { result: { id: job.id, input, packed, lines: job.keys.lines, buffers }, transfer: [input, ...buffers] };
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const NEWLINE = 10;
const CR = 13;
const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The lines of a range as `scanLines` (lib/jsonl) reports them: a UTF-8 BOM at the file's start skipped, a "\r"
 * before the "\n" dropped, empty lines counted but not visited. Visits each other line's number and place in
 * the range; returns the lines seen.
 */
function forEachSpan(bytes: Uint8Array, rangeStart: number, visit: (line: number, at: number, length: number) => void): number {
  // As a Buffer: its indexOf is memchr (a Uint8Array's goes byte by byte).
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  let line = 0;
  let from = rangeStart === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (from < bytes.length) {
    let end = buffer.indexOf(NEWLINE, from);
    if (end < 0) end = bytes.length;
    line++;
    const stop = end > from && bytes[end - 1] === CR ? end - 1 : end;
    if (stop - from > DEFAULT_MAX_LINE) throw new LineTooLong(line, stop - from);
    if (stop > from) visit(line, from, stop - from);
    from = end + 1;
  }
  return line;
}

/**
 * The lines of a range (`forEachSpan`) with the content hash and verdict of each, and whether it is all ASCII:
 * found by the thread that reads the range, as it reads it, which spares the threads that process the rows
 * that work (and the decisions, and a second look at every byte). Up to a line that is too long, which the
 * processing reports.
 */
export function rowKeys(bytes: Uint8Array, rangeStart: number, hash: RowHasher, decisions: ExportDecisions): RowKeys {
  const spans: number[] = [];
  const hashes: string[] = [];
  const verdicts: Verdict[] = [];
  let lines: number;
  let tooLong: RowKeys["tooLong"];
  try {
    lines = forEachSpan(bytes, rangeStart, (line, at, length) => {
      const rowHash = hash(bytes.subarray(at, at + length));
      spans.push(line, at, length);
      hashes.push(rowHash);
      verdicts.push(decisions.verdictOf(rowHash));
    });
  } catch (e) {
    if (!(e instanceof LineTooLong)) throw e;
    lines = e.line;
    tooLong = { line: e.line, length: e.length };
  }
  return { spans: new Int32Array(spans), hashes, verdicts, blanket: decisions.blanket === true, lines, ...(tooLong && { tooLong }), ascii: isAscii(bytes) };
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

  /** The line's bytes; `ascii`: the row and the new text are all ASCII, so each piece is copied as Latin-1. */
  append(text: string, pieces: readonly LinePiece[], ascii: boolean): EncodedLine {
    const line = ascii ? null : joinPieces(text, pieces);
    // UTF-8 takes at most 3 bytes per UTF-16 unit; a write that does not fit would be cut short.
    const room = line === null ? piecesLength(pieces) + 1 : 3 * line.length + 1;
    if (this.bytes === null || this.at + room > this.bytes.length) this.bytes = this.start(Math.max(room, lineBufferBytes(this.rangeBytes)));
    const bytes = this.bytes;
    const from = this.at;
    let at = from;
    if (line !== null) at += bytes.write(line, at, "utf8");
    else {
      // Most pieces are short (punctuation, keys, small values): copied here faster than by a call into the
      // runtime each.
      for (const p of pieces) {
        if (typeof p === "string") {
          if (p.length <= SHORT_TEXT) for (let i = 0; i < p.length; i++) bytes[at++] = p.charCodeAt(i);
          else at += bytes.write(p, at, "latin1");
        } else if (p[1] - p[0] <= SHORT_TEXT) {
          for (let i = p[0]; i < p[1]; i++) bytes[at++] = text.charCodeAt(i);
        } else at += bytes.write(text.slice(p[0], p[1]), at, "latin1");
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

const SHORT_TEXT = 32;

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
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      port.postMessage({ id: job.id, input: job.bytes.buffer, error } satisfies ChunkResult, [job.bytes.buffer]);
    }
  });
}
