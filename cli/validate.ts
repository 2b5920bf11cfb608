import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { isJsonDocument } from "../lib/ingest/jsonDocument";
import { planRanges } from "../lib/ingest/planRanges";
import { openFileSource } from "../lib/node/fileSource";
import { validateScriptRange, type ScriptRangeJob, type ScriptRangeResult } from "../lib/node/validateRange";
import { formatFirstError, formatPivotSummary, type Finding, type PivotSummary } from "../lib/validate";
import { createPivotSummary } from "../lib/validate/gymSummary";
import { mergePivotSummary, type ScriptRunOptions } from "../lib/validate/scriptRun";
import { UsageError } from "./usageError";

/**
 * `pivot-studio validate --path FILE …`: Gym's `validate_pivot_dataset.py` — same checks, same output, same exit
 * codes — over line-aligned ranges of the file in parallel worker threads. `--all` lists every finding instead.
 */
export const VALIDATE_USAGE = `  validate --path FILE   check pivot rows as Gym's validate_pivot_dataset.py does (exit 1 at the first error)
      --agent-ref NAME            every agent_ref.name must equal NAME
      --no-check-tool-names       do not require expected tools to be in responses_create_params.tools
      --require-field PATH        dotted path that must be present and non-null (repeatable)
      --require-any-field A,B     at least one of the paths must be present (repeatable)
      --allow-batch               accept function_call_batch (Gym's verifier does; the script does not)
      --allow-missing-tools       accept rows without tools (swe_pivot / image rows)
      --gym-models                also apply Gym's request model (extra keys, item and tool shapes)
      --threads N                 threads for big files, this one included (default: the machine's cores, at most 4)
      --all                       list every finding of every row (all layers) instead of stopping at the first
      --json                      machine-readable output
`;

/** Gym's script reads JSONL only; a `.json` list fails on its first line, so say what does read it. */
const DOCUMENT_NOTE = (file: string) =>
  `note: ${file} is read line by line, as Gym's validate_pivot_dataset.py reads JSONL; a .json list of rows opens record by record in the app, \`pivot-studio inspect\` and \`pivot-studio export\` (which checks every kept row).\n`;

const WORKER = new URL("./validate-worker.mjs", import.meta.url);

export async function runValidate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      path: { type: "string" },
      "agent-ref": { type: "string" },
      "no-check-tool-names": { type: "boolean", default: false },
      "require-field": { type: "string", multiple: true, default: [] },
      "require-any-field": { type: "string", multiple: true, default: [] },
      "allow-batch": { type: "boolean", default: false },
      "allow-missing-tools": { type: "boolean", default: false },
      "gym-models": { type: "boolean", default: false },
      all: { type: "boolean", default: false },
      threads: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!values.path) throw new UsageError("validate needs --path FILE");
  // parseArgs keeps the last of a repeated flag; a second file would go unchecked without a word.
  if (args.filter((a) => a === "--path" || a.startsWith("--path=")).length > 1) throw new UsageError("--path is given twice: validate checks one file (run it once per file)");
  const options: ScriptRunOptions = {
    expectedAgentName: values["agent-ref"],
    checkToolNames: !values["no-check-tool-names"],
    requireFields: values["require-field"],
    requireAnyFields: values["require-any-field"],
    allowBatch: values["allow-batch"],
    allowMissingTools: values["allow-missing-tools"],
    gymModels: values["gym-models"],
  };
  const threads = values.threads === undefined ? Math.min(4, availableParallelism()) : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads needs a whole number ≥ 1, got ${JSON.stringify(values.threads)}`);
  // Loaded only for --all: it needs the row hasher (hash-wasm), whose import alone costs more than a small file's run.
  if (values.all) return (await import("./validateAll")).validateAllFindings(values.path, options, values.json);
  const { error, summary, threadsUsed } = await runScript(values.path, options, threads);
  if (values.json) {
    const verdict = error ? { ok: false, error } : { ok: true, ...summaryJson(summary) };
    process.stdout.write(JSON.stringify({ ...verdict, threads: threadsUsed }) + "\n");
  } else if (error) {
    process.stderr.write(formatFirstError(error) + "\n");
    if (isJsonDocument(values.path)) process.stderr.write(DOCUMENT_NOTE(values.path));
  } else {
    process.stdout.write(formatPivotSummary(summary));
  }
  return error ? 1 : 0;
}

interface ScriptVerdict {
  error: Finding | null;
  summary: PivotSummary;
  /** Threads that validated ranges in parallel, this one included (0: small file or no worker bundle, one go here). */
  threadsUsed: number;
}

/** The script's verdict for a whole file: ranges validated in parallel threads, then read in file order. */
export async function runScript(path: string, options: ScriptRunOptions, threads: number): Promise<ScriptVerdict> {
  const source = await openFileSource(path);
  const ranges = await planRanges(source, threads).finally(() => source.close());
  const jobs = ranges.map((r) => ({ path, start: r.start, end: r.end, options }));
  const threadsUsed = jobs.length > 1 && existsSync(WORKER) ? jobs.length : 0;
  const workers = new Set<Worker>();
  const runs = threadsUsed ? inParallel(jobs, workers) : inSequence(jobs);
  const summary = createPivotSummary();
  let base = 0;
  try {
    for (const run of runs) {
      const r = await run;
      if (r.error) return { error: { ...r.error, line: (r.error.line ?? 0) + base }, summary, threadsUsed };
      mergePivotSummary(summary, r.summary);
      base += r.pythonLines;
    }
  } finally {
    stopWorkers(workers); // once the verdict is known, later ranges cannot change it
  }
  if (summary.rows === 0) {
    const error: Finding = { code: "jsonl_no_rows", severity: "error", message: `${path} contains no JSONL rows`, path: "" };
    return { error, summary, threadsUsed };
  }
  return { error: null, summary, threadsUsed };
}

/** Each range's run, started only when the one before it is read (the caller stops at the first error). */
function* inSequence(jobs: ScriptRangeJob[]): Generator<Promise<ScriptRangeResult>> {
  for (const job of jobs) yield validateScriptRange(job);
}

/**
 * Every range's run, all started at once: the first range on this thread (its code is loaded and warm, so no
 * worker start-up to wait for or to pay for), each other range in a worker thread, added to `workers`.
 */
function inParallel(jobs: ScriptRangeJob[], workers: Set<Worker>): Promise<ScriptRangeResult>[] {
  const [first, ...rest] = jobs;
  const inWorkers = rest.map((job) => inWorker(job, workers)); // started first, so they boot while this thread works
  // A worker that fails before its turn is reported at its turn (or not at all, after an earlier error).
  for (const run of inWorkers) run.catch(() => {});
  return [validateScriptRange(first!), ...inWorkers];
}

function inWorker(job: ScriptRangeJob, workers: Set<Worker>): Promise<ScriptRangeResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { workerData: job });
    workers.add(w);
    w.once("message", resolve);
    w.once("error", reject);
    w.once("exit", (code) => {
      workers.delete(w);
      if (code !== 0) reject(new Error(`validate worker exited with code ${code}`));
    });
  });
}

function stopWorkers(workers: Set<Worker>): void {
  for (const w of workers) {
    w.removeAllListeners("exit"); // stopped on purpose: its result is no longer awaited
    void w.terminate();
  }
  workers.clear();
}

function summaryJson(s: PivotSummary) {
  const split = Object.fromEntries([...s.actionTypes].map(([type, n]) => [type, { count: n, percent: (100 * n) / s.rows }]));
  return {
    rows: s.rows,
    agent_ref: Object.fromEntries(s.agentRefs),
    expected_tool: Object.fromEntries(s.expectedTools),
    expected_action_split: split,
    avg_input_items: s.inputItemsTotal / s.rows,
    avg_tools: s.toolsTotal / s.rows,
  };
}
