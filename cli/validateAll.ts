import { createRowHasher } from "../lib/jsonl/rowHash";
import { scanPythonLines } from "../lib/jsonl/pythonLines";
import { openFileSource } from "../lib/node/fileSource";
import { FINDING_CATALOGUE, validatePivotRow, type Finding } from "../lib/validate";
import { makeFinding } from "../lib/validate/finding";
import { withExactValue } from "../lib/validate/exactValueMessage";
import { parseScriptLine, type ScriptRunOptions } from "../lib/validate/scriptRun";
import { pyStrip } from "../lib/validate/pythonText";

/**
 * `pivot-studio validate --all`: every finding of every row, all layers (script rules, request model, beyond
 * Gym, duplicate rows), in line order. Exit 1 when any finding is an error or the file has no rows.
 */
export async function validateAllFindings(path: string, options: ScriptRunOptions, json: boolean): Promise<number> {
  const hash = await createRowHasher();
  const encoder = new TextEncoder();
  const firstLineOf = new Map<string, number>();
  const codes = new Map<string, number>();
  let rows = 0;
  let errors = 0;
  let warnings = 0;
  const report = (f: Finding) => {
    if (f.severity === "error") errors++;
    else warnings++;
    codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
    process.stdout.write(
      json
        ? JSON.stringify({ line: f.line, code: f.code, severity: f.severity, message: f.message, path: f.path }) + "\n"
        : `${f.line === undefined ? "" : `line ${f.line}: `}${f.severity} ${f.code}: ${f.message}${f.path ? ` (at ${f.path})` : ""}\n`,
    );
  };
  const source = await openFileSource(path);
  try {
    await scanPythonLines(
      source,
      {
        line(text, line, newline) {
          if (pyStrip(text) === "") return true;
          const parsed = parseScriptLine(text, newline);
          if (!parsed.ok) {
            report({ ...makeFinding("jsonl_invalid_json", `invalid JSON: ${parsed.error}`, ""), line });
            return true;
          }
          rows++;
          for (const f of validatePivotRow(parsed.value, { ...options, line })) report(withExactValue(f, text));
          const key = hash(encoder.encode(text));
          const first = firstLineOf.get(key);
          if (first === undefined) firstLineOf.set(key, line);
          else report({ ...makeFinding("duplicate_row", `same bytes as line ${first} of this file`, ""), line });
          return true;
        },
        unreadable(line, problem) {
          report({ ...makeFinding("jsonl_invalid_json", problem, ""), line });
          return true;
        },
      },
      { start: 0, end: source.size },
    );
  } finally {
    await source.close();
  }
  if (rows === 0) report(makeFinding("jsonl_no_rows", `${path} contains no JSONL rows`, ""));
  const byCode = [...codes].sort((a, b) => order(a[0]) - order(b[0]));
  if (json) {
    process.stdout.write(JSON.stringify({ summary: { rows, errors, warnings, codes: Object.fromEntries(byCode) } }) + "\n");
  } else {
    process.stdout.write(`rows: ${rows}, findings: ${errors + warnings} (${errors} errors, ${warnings} warnings)\n`);
    for (const [code, n] of byCode) process.stdout.write(`  ${code}: ${n}\n`);
  }
  return errors > 0 ? 1 : 0;
}

const CODES = Object.keys(FINDING_CATALOGUE);
const order = (code: string) => CODES.indexOf(code);
