import type { ByteSource } from "./byteSource";

/** One physical JSONL line. Offsets are bytes in the file; the line terminator (`\n` or `\r\n`) is excluded. */
export interface ScannedLine {
  /** 1-based line number in the file (counted within the scanned range from `firstLine`). */
  line: number;
  offset: number;
  length: number;
  /** The decoded text; `null` when the bytes are not valid UTF-8. */
  text: string | null;
  /** Backing bytes; the line is `bytes.subarray(at, at + length)`. Valid only during the callback. */
  bytes: Uint8Array;
  at: number;
}

export interface ScanOptions {
  start?: number;
  end?: number;
  /** Line number of the first line in the range (1 for a whole file). */
  firstLine?: number;
  blockSize?: number;
  /** Longer lines are reported as too long and skipped without being buffered whole. */
  maxLineBytes?: number;
  /** Called after each block with the number of bytes consumed so far; return `false` to stop. */
  onProgress?: (bytesDone: number) => boolean | void;
  /** Decodes a block of bytes: its text, or null when the bytes are not valid UTF-8. Default `decodeUtf8`. */
  decode?: (bytes: Uint8Array) => string | null;
}

export interface LineVisitor {
  line(l: ScannedLine): void;
  tooLong(line: number, offset: number, length: number): void;
}

export const DEFAULT_BLOCK = 32 << 20;
export const DEFAULT_MAX_LINE = 256 << 20;
const NL = 10;
const CR = 13;

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Strict UTF-8 (a BOM stays as U+FEFF): the text, or null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Streams a byte range line by line with exact byte offsets. Each block is decoded once (up to its last newline)
 * and walked in lockstep as bytes and as a string: 0x0A never occurs inside a multi-byte UTF-8 sequence, so the
 * n-th `\n` byte is the n-th `\n` character. A UTF-8 BOM at file offset 0 is skipped; blank lines are skipped
 * but counted. Returns the number of lines seen (blank included) and whether the scan ran to the end.
 */
export async function scanLines(
  source: ByteSource,
  visitor: LineVisitor,
  opts: ScanOptions = {},
): Promise<{ lines: number; completed: boolean }> {
  const start = opts.start ?? 0;
  const end = Math.min(opts.end ?? source.size, source.size);
  const blockSize = opts.blockSize ?? DEFAULT_BLOCK;
  const maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE;
  const decode = opts.decode ?? decodeUtf8;
  let lineNo = (opts.firstLine ?? 1) - 1;

  // The partial line carried between blocks, as pieces so a long line is concatenated once.
  let carry: Uint8Array[] = [];
  let carryLen = 0;
  let carryOffset = start;
  let skippingLong = false; // inside a line longer than maxLine

  const emitBlock = (bytes: Uint8Array, offset: number) => {
    let from = 0;
    if (offset === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) from = 3;
    const text = decode(bytes.subarray(from));
    if (text === null) {
      // Slow path, only for blocks with invalid UTF-8: decode line by line to locate the bad ones.
      let b = from;
      while (b < bytes.length) {
        let nl = bytes.indexOf(NL, b);
        if (nl < 0) nl = bytes.length;
        lineNo++;
        let e = nl;
        if (e > b && bytes[e - 1] === CR) e--;
        let t: string | null;
        try {
          t = fatalDecoder.decode(bytes.subarray(b, e));
        } catch {
          t = null;
        }
        if (t === null || !isBlank(t)) {
          visitor.line({ line: lineNo, offset: offset + b, length: e - b, text: t, bytes, at: b });
        }
        b = nl + 1;
      }
      return;
    }
    // Each multi-byte UTF-8 sequence decodes to fewer UTF-16 units than its bytes: equal lengths mean ASCII, where
    // a character's index is its byte's. The string search is then the only one (Uint8Array.indexOf is slower).
    const ascii = text.length === bytes.length - from;
    let b = from;
    let s = 0;
    while (b < bytes.length) {
      let sn = text.indexOf("\n", s);
      let bn: number;
      if (sn < 0) {
        sn = text.length;
        bn = bytes.length;
      } else {
        bn = ascii ? sn + from : bytes.indexOf(NL, b);
      }
      lineNo++;
      let be = bn;
      let se = sn;
      if (be > b && bytes[be - 1] === CR) {
        be--;
        se--;
      }
      if (be - b > maxLine) {
        visitor.tooLong(lineNo, offset + b, be - b);
      } else if (be > b) {
        const t = text.slice(s, se);
        if (!isBlank(t)) visitor.line({ line: lineNo, offset: offset + b, length: be - b, text: t, bytes, at: b });
      }
      b = bn + 1;
      s = sn + 1;
    }
  };

  const takeCarry = (tail: Uint8Array): Uint8Array => {
    if (carry.length === 0) return tail;
    const out = new Uint8Array(carryLen + tail.length);
    let o = 0;
    for (const c of carry) {
      out.set(c, o);
      o += c.length;
    }
    out.set(tail, o);
    carry = [];
    carryLen = 0;
    return out;
  };

  let pos = start;
  // The next block is requested before this one is processed, so reading overlaps parsing.
  let next: Promise<Uint8Array> | null = pos < end ? source.read(pos, Math.min(end, pos + blockSize)) : null;
  while (next) {
    const chunk = await next;
    if (chunk.length === 0) break;
    const chunkOffset = pos;
    pos += chunk.length;
    next = pos < end ? source.read(pos, Math.min(end, pos + blockSize)) : null;
    const first = chunk.indexOf(NL);
    if (first < 0) {
      // No line ends in this chunk: it all belongs to the carried line.
      if (skippingLong) {
        carryLen += chunk.length;
      } else if (carryLen + chunk.length > maxLine) {
        skippingLong = true;
        carry = [];
        carryLen += chunk.length;
      } else {
        carry.push(chunk.slice());
        carryLen += chunk.length;
      }
    } else {
      // Finish the carried line with the head of this chunk.
      if (skippingLong) {
        lineNo++;
        visitor.tooLong(lineNo, carryOffset, carryLen + first);
        skippingLong = false;
        carryLen = 0;
        carry = [];
      } else if (carryLen > 0) {
        if (carryLen + first > maxLine) {
          lineNo++;
          visitor.tooLong(lineNo, carryOffset, carryLen + first);
          carry = [];
          carryLen = 0;
        } else {
          emitBlock(takeCarry(chunk.subarray(0, first + 1)), carryOffset);
        }
      } else {
        emitBlock(chunk.subarray(0, first + 1), chunkOffset);
      }
      const last = chunk.lastIndexOf(NL);
      if (last > first) emitBlock(chunk.subarray(first + 1, last + 1), chunkOffset + first + 1);
      carryOffset = chunkOffset + last + 1;
      const rest = chunk.subarray(last + 1);
      carryLen = rest.length;
      carry = rest.length ? [rest.slice()] : [];
      if (carryLen > maxLine) {
        skippingLong = true;
        carry = [];
      }
    }
    if (opts.onProgress?.(pos - start) === false) return { lines: lineNo - (opts.firstLine ?? 1) + 1, completed: false };
  }
  // A last line without a newline.
  if (skippingLong) {
    lineNo++;
    visitor.tooLong(lineNo, carryOffset, carryLen);
  } else if (carryLen > 0) {
    emitBlock(takeCarry(new Uint8Array(0)), carryOffset);
  }
  return { lines: lineNo - (opts.firstLine ?? 1) + 1, completed: true };
}

function isBlank(t: string): boolean {
  // Fast reject: JSON rows start with "{" in practice.
  const c = t.charCodeAt(0);
  if (c > 32) return false;
  return t.trim().length === 0;
}
