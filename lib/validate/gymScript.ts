/**
 * A whole run of `validate_pivot_dataset.py --path FILE [flags]` over a file's text: what it prints and its
 * exit code. Lines are read the way Python's text mode reads them (universal newlines: "\r\n", "\r" and "\n"
 * all end a line), blank means blank to `str.strip()`, and JSON errors carry `json.loads`'s own text.
 */
import { type Finding, makeFinding } from "./finding";
import { formatPivotSummary } from "./gymSummary";
import { type FirstErrorOptions, formatFirstError } from "./rowValidation";
import { PivotScriptRun } from "./scriptRun";

export interface PivotScriptOptions extends Omit<FirstErrorOptions, "line"> {
  /** What the script prints for `{args.path}` (only in the "contains no JSONL rows" error). */
  path?: string;
}

export interface PivotScriptResult {
  exitCode: 0 | 1;
  stdout: string;
  stderr: string;
  /** The error that stopped the run, as a finding with its line. */
  error: Finding | null;
}

/** Physical lines as Python's `for line in open(path)` yields them: each ending in "\n" except maybe the last. */
export function* pythonTextLines(text: string): Generator<string> {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    yield text.slice(start, i) + "\n";
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    start = i + 1;
  }
  if (start < text.length) yield text.slice(start);
}

function failed(error: Finding): PivotScriptResult {
  return { exitCode: 1, stdout: "", stderr: formatFirstError(error) + "\n", error };
}

export function runPivotValidatorScript(text: string, options: PivotScriptOptions = {}): PivotScriptResult {
  const run = new PivotScriptRun(options);
  let lineNumber = 0;
  for (const line of pythonTextLines(text)) {
    const terminated = line.endsWith("\n");
    if (!run.line(terminated ? line.slice(0, -1) : line, ++lineNumber, terminated ? "\n" : "")) break;
  }
  if (run.error) return failed(run.error);
  if (run.summary.rows === 0) {
    return failed(makeFinding("jsonl_no_rows", `${options.path ?? "<input>"} contains no JSONL rows`, ""));
  }
  return { exitCode: 0, stdout: formatPivotSummary(run.summary), stderr: "", error: null };
}
