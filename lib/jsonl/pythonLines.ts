/**
 * A byte range of a file read as Python's text mode reads it (what Gym's scripts see): a lone "\r" also ends a
 * line, every line but an unterminated last one ends in "\n", and a UTF-8 BOM stays in the first line (so
 * `json.loads` rejects it, as in the script). Ranges must start at line starts; line numbers are 1-based
 * within the range.
 */
import { describeBadByte, formatBytes } from "./byteText";
import type { ByteSource } from "./byteSource";
import { scanLines, type ScanOptions } from "./lineScanner";

export interface PythonLineVisitor {
  /** One line without its terminator; `newline` is "\n", or "" for an unterminated last line. False stops. */
  line(text: string, line: number, newline: string): boolean;
  /** A line that cannot be read as text (bad UTF-8 or too long); return false to stop. */
  unreadable(line: number, problem: string): boolean;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Returns the number of lines Python counts in the range (up to where the visitor stopped). */
export async function scanPythonLines(
  source: ByteSource,
  visitor: PythonLineVisitor,
  range: { start: number; end: number } & Pick<ScanOptions, "blockSize" | "decode">,
): Promise<number> {
  const head = range.start === 0 ? await source.read(0, 3) : new Uint8Array();
  const bom = BOM.every((b, i) => head[i] === b) ? "\ufeff" : "";
  // Extra lines from lone "\r" seen so far: scanner line n is Python line n + shift.
  let shift = 0;
  let stopped = false;
  const scan = await scanLines(
    source,
    {
      line(l) {
        if (stopped) return;
        if (l.text === null) {
          stopped = !visitor.unreadable(l.line + shift, `not valid UTF-8 (${describeBadByte(l.bytes.subarray(l.at, l.at + l.length))})`);
          return;
        }
        const terminated = l.offset + l.length < source.size;
        const first = l.line === 1 && bom ? bom + l.text : l.text;
        // Lone "\r" is rare: split (an array per line) only when there is one.
        const pieces = first.includes("\r") ? first.split("\r") : [first];
        for (let i = 0; i < pieces.length; i++) {
          const newline = i === pieces.length - 1 && !terminated ? "" : "\n";
          if (!visitor.line(pieces[i]!, l.line + shift + i, newline)) {
            stopped = true;
            return;
          }
        }
        shift += pieces.length - 1;
      },
      tooLong(line, _offset, length) {
        if (!stopped) stopped = !visitor.unreadable(line + shift, `line is ${formatBytes(length)}, too long to read`);
      },
    },
    { start: range.start, end: range.end, blockSize: range.blockSize, decode: range.decode, onProgress: () => !stopped },
  );
  return scan.lines + shift;
}
