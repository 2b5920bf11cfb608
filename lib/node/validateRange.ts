/** One byte range of a JSONL file through the script's loop (a worker's job in `pivot-studio validate`). */
import { scanPythonLines } from "../jsonl/pythonLines";
import type { Finding } from "../validate/finding";
import type { PivotSummary } from "../validate/gymSummary";
import { PivotScriptRun, type ScriptRunOptions } from "../validate/scriptRun";
import { openFileSource } from "./fileSource";

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

export async function validateScriptRange(job: ScriptRangeJob): Promise<ScriptRangeResult> {
  const source = await openFileSource(job.path);
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
      job,
    );
    return { pythonLines, error: run.error, summary: run.summary };
  } finally {
    await source.close();
  }
}
