/**
 * A whole run of `validate_pivot_dataset.py --path FILE [flags]` over a file's text: what it prints and its
 * exit code. Lines are read the way Python's text mode reads them (universal newlines: "\r\n", "\r" and "\n"
 * all end a line), blank means blank to `str.strip()`, and JSON errors carry `json.loads`'s own text.
 */
import { type Finding, makeFinding } from "./finding";
import { addPivotRow, createPivotSummary, formatPivotSummary } from "./gymSummary";
import { parsePythonJson } from "./pythonJson";
import { pyStrip } from "./pythonText";
import { type FirstErrorOptions, formatFirstError, validateFirstError } from "./rowValidation";

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

function parseLine(line: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch {
    // Slow path only on failure: Python also accepts NaN/Infinity, and its error text is what gets printed.
    return parsePythonJson(line);
  }
}

function failed(error: Finding): PivotScriptResult {
  return { exitCode: 1, stdout: "", stderr: formatFirstError(error) + "\n", error };
}

export function runPivotValidatorScript(text: string, options: PivotScriptOptions = {}): PivotScriptResult {
  const summary = createPivotSummary();
  let lineNumber = 0;
  for (const line of pythonTextLines(text)) {
    lineNumber++;
    if (pyStrip(line) === "") continue;
    const parsed = parseLine(line);
    if (!parsed.ok) {
      const error = { ...makeFinding("jsonl_invalid_json", `invalid JSON: ${parsed.error}`, ""), line: lineNumber };
      return failed(error);
    }
    const error = validateFirstError(parsed.value, { ...options, line: lineNumber });
    if (error !== null) return failed(error);
    addPivotRow(summary, parsed.value);
  }
  if (summary.rows === 0) {
    return failed(makeFinding("jsonl_no_rows", `${options.path ?? "<input>"} contains no JSONL rows`, ""));
  }
  return { exitCode: 0, stdout: formatPivotSummary(summary), stderr: "", error: null };
}
