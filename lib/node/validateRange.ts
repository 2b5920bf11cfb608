/** One byte range of a JSONL file through the script's loop (a worker's job in `pivot-studio validate`). */
import { isAscii } from "node:buffer";
import { decodeUtf8 } from "../jsonl/lineScanner";
import { scanPythonLines } from "../jsonl/pythonLines";
import { openSyncFileSource } from "./fileSource";
import type { Finding } from "../validate/finding";
import type { PivotSummary } from "../validate/gymSummary";
import { PivotScriptRun, type ScriptRunOptions } from "../validate/scriptRun";

export interface ScriptRangeJob {
  path: string;
  start: number;
  end: number;
  options: ScriptRunOptions;
}

export interface ScriptRangeResult {
  /** Lines Python counts in this range; line numbers in `error` are local to the range. */
  pythonLines: number;
  error: Finding | null;
  summary: PivotSummary;
}

/**
 * Blocks of a few MB rather than the scanner's default 32 MB: a block's text is parsed while it is still in the
 * CPU cache, and its buffer comes back from malloc's free list instead of as fresh zeroed pages.
 */
const BLOCK_SIZE = 2 << 20;

/** UTF-8 decoding with a fast path for all-ASCII blocks (most JSONL): for ASCII bytes Latin-1 is the same text. */
function decodeBlock(bytes: Uint8Array): string | null {
  if (!isAscii(bytes)) return decodeUtf8(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

export async function validateScriptRange(job: ScriptRangeJob): Promise<ScriptRangeResult> {
  const source = openSyncFileSource(job.path);
  try {
    const run = new PivotScriptRun(job.options);
    const pythonLines = await scanPythonLines(
      source,
      {
        line: (text, line, newline) => run.line(text, line, newline),
        unreadable(line, problem) {
          // Python would stop here too (with a traceback for bad UTF-8); we say which line and why.
          run.error = { code: "jsonl_invalid_json", severity: "error", message: problem, path: "", line };
          return false;
        },
      },
      { start: job.start, end: job.end, blockSize: BLOCK_SIZE, decode: decodeBlock },
    );
    return { pythonLines, error: run.error, summary: run.summary };
  } finally {
    source.close();
  }
}
