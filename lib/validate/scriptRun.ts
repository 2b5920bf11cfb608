/**
 * `validate_pivot_dataset.py`'s per-line loop as an incremental fold, so a file can be fed line by line (the
 * CLI streams it, in parallel ranges) and still give the script's verdict: the first error stops the run, and
 * the summary of the rows before it is what a clean run prints.
 */
import { type PythonJsonResult, pythonJsonLoads } from "../formats/pythonJson";
import { withExactValue } from "./exactValueMessage";
import { type Finding, makeFinding } from "./finding";
import { addPivotRow, createPivotSummary, type PivotSummary } from "./gymSummary";
import { pyStrip } from "./pythonText";
import { type FirstErrorOptions, validateFirstError } from "./rowValidation";

export type ScriptRunOptions = Omit<FirstErrorOptions, "line">;

/**
 * `json.loads(text + newline)` for a line given without its line end. Trailing whitespace changes neither whether
 * it decodes nor its value, only an error's text (positions, and e.g. "\u1234 at the very end), so the line end
 * is put back only on the way to an error.
 */
export function parseScriptLine(text: string, newline = ""): PythonJsonResult {
  const result = pythonJsonLoads(text);
  return result.ok || newline === "" ? result : pythonJsonLoads(text + newline);
}

export class PivotScriptRun {
  readonly summary: PivotSummary = createPivotSummary();
  /** The error that stopped the run (with its line), or null while every line so far passed. */
  error: Finding | null = null;

  constructor(private readonly options: ScriptRunOptions = {}) {}

  /**
   * One line as Python's text mode yields it, at 1-based `line`: `text` without its "\n", and `newline` = "\n"
   * unless it is the file's unterminated last line. Returns false once the run has stopped.
   */
  line(text: string, line: number, newline = "\n"): boolean {
    if (this.error !== null) return false;
    if (pyStrip(text) === "") return true;
    const parsed = parseScriptLine(text, newline);
    if (!parsed.ok) {
      this.error = { ...makeFinding("jsonl_invalid_json", `invalid JSON: ${parsed.error}`, ""), line };
      return false;
    }
    const error = validateFirstError(parsed.value, this.options);
    if (error !== null) {
      this.error = { ...withExactValue(error, text), line };
      return false;
    }
    addPivotRow(this.summary, parsed.value);
    return true;
  }
}

/** Adds `part` (the summary of a later stretch of the file) into `total`; the printed summary is order-free. */
export function mergePivotSummary(total: PivotSummary, part: PivotSummary): void {
  total.rows += part.rows;
  total.inputItemsTotal += part.inputItemsTotal;
  total.toolsTotal += part.toolsTotal;
  for (const key of ["agentRefs", "expectedTools", "actionTypes"] as const) {
    for (const [name, n] of part[key]) total[key].set(name, (total[key].get(name) ?? 0) + n);
  }
}
