import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import packageJson from "../package.json";
import {
  ACCEPT_ALL_DIGEST,
  type ComparatorKnobs,
  decisionLogDigest,
  decisionsFromData,
  type DecisionsData,
  type ExportOptions,
  LineTooLongError,
  type ExportOptionsInput,
  ExportOptionsError,
  type ExportRequest,
  type ExportResult,
  GYM_DOMAINS,
  GYM_LICENSES,
  gymConfigFileName,
  type GymDomain,
  type GymLicense,
  type KeepPolicy,
  NO_DECISION_LOG,
  type ProvenanceMode,
  resolveExportOptions,
  type WrittenFile,
} from "../lib/export";
import { exportBundleToDirectory, exportBundleToZip, nodeSha256, type ThreadedProcessor, threadedJsonlProcessor } from "../lib/export/node";
import { resolveOptions } from "../lib/convert";
import { CONVERSION_FLAGS, CONVERSION_USAGE, ConversionFlagError, conversionOptionsFrom, loadToolsFlag } from "./conversionFlags";
import { fileIdentity } from "../lib/node/fileIdentity";
import { DocumentError } from "../lib/node/rowFileSource";
import { exportSourceRows } from "../lib/export/candidateSource";
import { describeExportInputs, type ExportInput, type InputConversion, prepareExportInputs, rowsAgentName } from "./exportInputs";
import { type ParallelToolCallRewardMode } from "../lib/verify";
import { type ReviewState, decisionEntries, formatLogErrors, parseEventLog, replay } from "../lib/review";
import { displayNames, progressLine, reportRefusal, reportWritten, type Target } from "./exportReport";

/** The command's entry in `pivot-studio help` (the same layout as VALIDATE_USAGE / VERIFY_USAGE). */
export const EXPORT_USAGE = `  export --input FILE… --out DIR|FILE.zip   the app's export bundle (pivots, split, Gym config, audit, metrics, manifest)
      --input FILE                pivot JSONL to export (repeatable; extra positional FILEs are inputs too); trajectory
                                  files (JSONL, or .json holding a list) are converted as the app converts them:
${CONVERSION_USAGE}      --convert-batch             conversion: multi-call turns become function_call_batch (else skipped)
      --convert-agent-ref NAME    conversion: agent_ref.name written into candidates (as the app's conversion panel)
      --out DIR|FILE.zip          a folder (created if needed) or, when the name ends in .zip, one zip file
      --decisions LOG.jsonl       the review decision log (as the app exports it); rows are matched by content hash
      --keep accepted|not-rejected  rows written to pivots.jsonl (default accepted: needs --decisions or --accept-all)
      --accept-all                every row counts as accepted (no decision log; candidates conversion skipped stay
                                  skipped; rows with errors refuse the export)
      --agent-name NAME           agent_ref.name of every row and the Gym agent instance (must end in _agent;
                                  default: the first one the rows name, as the app suggests, else pivot_studio_…_agent)
      --split TRAIN               train size: a fraction in (0, 1) or a number of rows; by trajectory, else task
      --validation-size N         or the validation size instead (fraction or rows)
      --seed N                    split seed (default 0)
      --license NAME              dataset license, from Gym's enum (default TBD)
      --domain NAME               resources-server domain, from Gym's enum (default agent)
      --description TEXT          resources-server description (one line)
      --value TEXT                resources-server value (one line)
      --verified                  mark the resources server verified
      --jsonl-path-prefix DIR     the folder every jsonl_fpath in the config is under (default: paths relative to the bundle)
      --example-rows N            rows copied to example.jsonl (default 5; 0 = no example dataset)
      --batch                     export function_call_batch actions (default: batch rows are errors)
      --allow-missing-tools       export rows without responses_create_params.tools (swe_pivot / image rows)
      --parallel-tool-calls true|false|keep   responses_create_params.parallel_tool_calls (default keep)
      --provenance group|keep|drop  non-contract top-level keys: under one object (default), as is, or dropped
      --provenance-key NAME       the object name for --provenance group (default provenance)
      --word-count-similarity-threshold X      default 0.1
      --floating-point-comparison-threshold X  written to the config only when given (Gym's default 1e-6)
      --no-parallel-tool-call-rewarding        (default on; the parallel keys reach the config only with batch rows)
      --allow-subset / --allow-superset        with parallel rewarding
      --parallel-tool-call-reward-mode M       binary_strict (default) | fractional | f1
      --force                     replace an existing .zip, or write into a folder that is not empty (the bundle's
                                  files are replaced; an earlier bundle's split or example files it does not write
                                  are removed)
      --threads N                 threads for a big input: this one and N-1 workers processing rows (default: the cores, at most 4)
      --json                      machine-readable result: the manifest, or the offending rows
      exit 0 written, 1 refused (kept rows with errors normalization does not repair), 2 usage or input error
`;

const FLAGS = {
  input: { type: "string", multiple: true, default: [] as string[] },
  out: { type: "string" },
  decisions: { type: "string" },
  keep: { type: "string" },
  "accept-all": { type: "boolean", default: false },
  "agent-name": { type: "string" },
  split: { type: "string" },
  "validation-size": { type: "string" },
  seed: { type: "string" },
  license: { type: "string" },
  domain: { type: "string" },
  description: { type: "string" },
  value: { type: "string" },
  verified: { type: "boolean", default: false },
  "jsonl-path-prefix": { type: "string" },
  "example-rows": { type: "string" },
  batch: { type: "boolean", default: false },
  "allow-missing-tools": { type: "boolean", default: false },
  "parallel-tool-calls": { type: "string" },
  provenance: { type: "string" },
  "provenance-key": { type: "string" },
  "word-count-similarity-threshold": { type: "string" },
  "floating-point-comparison-threshold": { type: "string" },
  "no-parallel-tool-call-rewarding": { type: "boolean", default: false },
  "allow-subset": { type: "boolean", default: false },
  "allow-superset": { type: "boolean", default: false },
  "parallel-tool-call-reward-mode": { type: "string" },
  force: { type: "boolean", default: false },
  threads: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  ...CONVERSION_FLAGS,
  "convert-batch": { type: "boolean", default: false },
  "convert-agent-ref": { type: "string" },
} as const;

type Flags = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof FLAGS }>>["values"];

/** A usage error of this command: exit 2, with the usage text. */
class ExportUsageError extends Error {}
/** A bad input (missing file, bad decision log, unusable --out): exit 2, without the usage text. */
class ExportInputError extends Error {}

function oneOf<T extends string>(flag: string, value: string | undefined, choices: readonly T[], caseless = false): T | undefined {
  if (value === undefined) return undefined;
  const found = choices.find((c) => (caseless ? c.toLowerCase() === value.toLowerCase() : c === value));
  if (found === undefined) throw new ExportUsageError(`--${flag} must be one of: ${choices.map((c) => JSON.stringify(c)).join(", ")}; got ${JSON.stringify(value)}`);
  return found;
}

function numberFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new ExportUsageError(`--${flag} needs a number, got ${JSON.stringify(value)}`);
  return n;
}

function parallelToolCallsFlag(value: string | undefined): boolean | "keep" | undefined {
  const v = oneOf("parallel-tool-calls", value, ["true", "false", "keep"]);
  return v === undefined ? undefined : v === "keep" ? "keep" : v === "true";
}

/** The options object the export runs with: only the flags given, so every default is lib/export's. */
export function exportOptionsFromFlags(v: Flags): ExportOptionsInput {
  const train = numberFlag("split", v.split);
  const validation = numberFlag("validation-size", v["validation-size"]);
  const seed = numberFlag("seed", v.seed);
  if (train !== undefined && validation !== undefined) throw new ExportUsageError("give --split or --validation-size, not both");
  if (seed !== undefined && train === undefined && validation === undefined) throw new ExportUsageError("--seed needs --split or --validation-size");
  const comparator: Partial<ComparatorKnobs> = {};
  const threshold = numberFlag("word-count-similarity-threshold", v["word-count-similarity-threshold"]);
  const tolerance = numberFlag("floating-point-comparison-threshold", v["floating-point-comparison-threshold"]);
  const mode = oneOf<ParallelToolCallRewardMode>("parallel-tool-call-reward-mode", v["parallel-tool-call-reward-mode"], ["binary_strict", "fractional", "f1"]);
  if (threshold !== undefined) comparator.word_count_similarity_threshold = threshold;
  if (tolerance !== undefined) comparator.floating_point_comparison_threshold = tolerance;
  if (v["no-parallel-tool-call-rewarding"]) comparator.parallel_tool_call_rewarding = false;
  if (v["allow-subset"]) comparator.allow_subset = true;
  if (v["allow-superset"]) comparator.allow_superset = true;
  if (mode !== undefined) comparator.parallel_tool_call_reward_mode = mode;
  const exampleRows = numberFlag("example-rows", v["example-rows"]);
  const input: ExportOptionsInput = {
    agentName: v["agent-name"],
    keep: oneOf<KeepPolicy>("keep", v.keep, ["accepted", "not-rejected"]),
    batch: v.batch,
    allowMissingTools: v["allow-missing-tools"],
    parallelToolCalls: parallelToolCallsFlag(v["parallel-tool-calls"]),
    provenance: oneOf<ProvenanceMode>("provenance", v.provenance, ["group", "keep", "drop"]),
    provenanceKey: v["provenance-key"],
    split: train === undefined && validation === undefined ? null : { ...(train !== undefined ? { train } : { validation }), seed: seed ?? 0 },
    exampleRows,
    gym: {
      domain: oneOf<GymDomain>("domain", v.domain, GYM_DOMAINS, true),
      license: oneOf<GymLicense>("license", v.license, GYM_LICENSES, true),
      description: v.description,
      value: v.value,
      verified: v.verified,
      jsonlPathPrefix: v["jsonl-path-prefix"],
      comparator,
    },
  };
  return dropUndefined(input) as ExportOptionsInput;
}

/** `{a: undefined}` and `{}` mean the same to resolveExportOptions; dropping them keeps the object readable. */
function dropUndefined(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, x]) => x !== undefined).map(([k, x]) => [k, dropUndefined(x)]));
}

/**
 * `pivot-studio export --input FILE… --out DIR|FILE.zip …`: the app's export, headless — the same
 * `exportBundle` with the same options, so the same inputs, decision log and options give the same bytes.
 * Exit 0 when written, 1 when refused (offending rows listed), 2 on a usage or input error.
 */
export async function runExport(args: string[]): Promise<number> {
  try {
    return await exportCommand(args);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof ExportUsageError || e instanceof ConversionFlagError || code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`pivot-studio export: ${(e as Error).message}\n${EXPORT_USAGE}`);
      return 2;
    }
    if (e instanceof ExportInputError || e instanceof DocumentError || e instanceof ExportOptionsError || e instanceof LineTooLongError || code === "ENOENT" || code === "EISDIR" || code === "EACCES" || code === "ENOTDIR") {
      process.stderr.write(`pivot-studio export: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: FLAGS });
  if (values.help) {
    process.stdout.write(EXPORT_USAGE);
    return 0;
  }
  const inputs = [...values.input, ...positionals];
  if (inputs.length === 0) throw new ExportUsageError("export needs at least one --input FILE");
  if (!values.out) throw new ExportUsageError("export needs --out DIR or --out FILE.zip");
  if (values["accept-all"] && values.decisions !== undefined) throw new ExportUsageError("--accept-all and --decisions contradict each other");
  const flagOptions = exportOptionsFromFlags(values);
  const checked = resolveExportOptions(flagOptions); // a bad option is a usage error before any input is read
  const threads = threadsFlag(values.threads);
  if (checked.keep === "accepted" && values.decisions === undefined && !values["accept-all"]) {
    throw new ExportUsageError("--keep accepted (the default) needs --decisions LOG.jsonl; or --accept-all to export every row, or --keep not-rejected");
  }
  checkInputs(inputs, values.decisions);
  const prepared = await prepareExportInputs(inputs, inputConversion(values));
  // Without --agent-name, the rows' own (as the app suggests it), so rows that already name one are not rewritten.
  const agentName = flagOptions.agentName ?? (await rowsAgentName(prepared)) ?? undefined;
  const options = resolveExportOptions({ ...flagOptions, ...(agentName !== undefined && { agentName }) });
  const target: Target = { out: values.out, zip: /\.zip$/i.test(values.out) };
  checkTarget(target, options, inputs, values.decisions, values.force);

  // The worker threads start (and load their code) while the decision log is read. They cut files into ranges
  // of lines: documents and converted inputs (candidates are made from whole trajectories) are read here.
  const reading = values.decisions !== undefined ? readDecisionLog(values.decisions) : Promise.resolve(null);
  const data = reading.then((log): DecisionsData => (log ? { state: log.state } : { uniform: values["accept-all"] ? "accepted" : "unreviewed" }));
  const threaded = prepared.some((i) => i.document || i.conversion) ? null : rangeProcessor(inputs, threads, data);
  try {
    const [log, decisions] = await Promise.all([reading, data]);
    return await writeBundle({ values, inputs, prepared, options, target, log, decisions, threaded });
  } finally {
    await threaded?.close();
  }
}

interface BundleJob {
  values: Flags;
  inputs: string[];
  prepared: ExportInput[];
  options: ExportOptions;
  target: Target;
  log: DecisionLog | null;
  decisions: DecisionsData;
  threaded: ThreadedProcessor | null;
}

async function writeBundle({ values, inputs, prepared, options, target, log, decisions: data, threaded }: BundleJob): Promise<number> {
  const matched = new Set<string>();
  const request: ExportRequest = {
    ...(threaded ? { processor: threaded } : exportSourceRows(prepared)),
    decisions: decisionsFromData(data, matched),
    decisionLogDigest: log ? log.digest : values["accept-all"] ? ACCEPT_ALL_DIGEST : NO_DECISION_LOG,
    // Hashed from the bytes read for the rows, or else read again while the rows are processed.
    inputs: threaded ? threaded.inputs() : describeExportInputs(prepared),
    appVersion: packageJson.version,
  };
  const earlier = target.zip ? [] : earlierBundleFiles(target.out);
  const progress = progressLine(!values.json && process.stderr.isTTY === true);
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error("interrupted"));
  process.once("SIGINT", interrupt);
  let result: ExportResult;
  try {
    const hooks = { onProgress: progress.update, signal: controller.signal };
    result = target.zip ? await exportBundleToZip(target.out, request, options, hooks) : await exportBundleToDirectory(target.out, request, options, hooks);
  } catch (e) {
    if (!controller.signal.aborted) throw e;
    progress.clear();
    process.stderr.write(`pivot-studio export: interrupted; the partly written bundle was removed\n`);
    return 130;
  } finally {
    process.removeListener("SIGINT", interrupt);
    progress.clear();
  }
  const where = displayNames(inputs);
  const unmatched = log ? unmatchedDecisions(log.state, matched) : 0;
  if (result.status === "refused") return reportRefusal(result, where, values.json);
  if (!target.zip) removeStaleBundleFiles(target.out, earlier, options, result.files);
  if (values.json) {
    // threads: the threads that processed the rows (inputs under RANGES_MIN_BYTES take one)
    const used = threaded?.threads ?? 1;
    process.stdout.write(JSON.stringify({ ok: true, out: target.out, unmatched_decisions: unmatched, threads: used, manifest: result.manifest }) + "\n");
    return 0;
  }
  reportWritten(result, target, where, values.decisions, unmatched);
  return 0;
}

/** How trajectory inputs are converted: the conversion flags, resolved as the app's panel resolves them. */
function inputConversion(v: Flags): InputConversion {
  if (v["convert-agent-ref"] === "") throw new ExportUsageError("--convert-agent-ref needs a non-empty name");
  const options = resolveOptions(conversionOptionsFrom(v, v["convert-batch"], v["convert-agent-ref"]));
  return { options, ...(v.tools !== undefined && { tools: loadToolsFlag(v.tools) }) };
}

const WORKER = new URL("./export-worker.mjs", import.meta.url);
// Inputs smaller than this are read row by row in this thread: cutting them into ranges and starting worker
// threads would cost more than it saves.
const RANGES_MIN_BYTES = 8 << 20;

/**
 * Big inputs are read in line-aligned ranges by this thread and processed by `threads - 1` workers (lib/export/
 * nodeThreads.ts); with one thread, or without the worker bundle beside this file (running from source), this
 * thread does it all.
 */
function rangeProcessor(inputs: readonly string[], threads: number, decisions: Promise<DecisionsData>): ThreadedProcessor | null {
  const bytes = inputs.reduce((n, file) => n + statSync(file).size, 0);
  if (bytes < RANGES_MIN_BYTES) return null;
  return threadedJsonlProcessor(inputs, { threads: existsSync(WORKER) ? threads : 1, workerUrl: WORKER, decisions });
}

function threadsFlag(value: string | undefined): number {
  if (value === undefined) return Math.min(4, availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ExportUsageError(`--threads needs a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return n;
}

function checkInputs(inputs: readonly string[], decisions: string | undefined): void {
  const seen = new Set<string>();
  for (const file of [...inputs, ...(decisions !== undefined ? [decisions] : [])]) {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      throw new ExportInputError(`${file}: no such file`);
    }
    if (!stat.isFile()) throw new ExportInputError(`${file} is not a file`);
  }
  for (const file of inputs) {
    const identity = fileIdentity(file);
    if (seen.has(identity)) throw new ExportUsageError(`${file} is given twice as --input`);
    seen.add(identity);
  }
}

/**
 * After a bundle is written into a folder (with --force, over an earlier one): the bundle files it did not write
 * this time (an earlier split's train/validation, its example, a config under another agent name, as the earlier
 * manifest lists them), so the folder holds one bundle, not two mixed.
 */
function removeStaleBundleFiles(dir: string, earlier: readonly string[], options: ExportOptions, written: readonly WrittenFile[]): void {
  const keep = new Set([...written.map((f) => f.name), "manifest.json"]);
  for (const name of new Set([...bundleNames(options), ...earlier])) if (!keep.has(name)) rmSync(path.join(dir, name), { force: true });
}

/** The files an earlier bundle's manifest in `dir` lists (plain names only), or none. */
function earlierBundleFiles(dir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { files?: { name?: unknown }[] };
    return (manifest.files ?? []).map((f) => f.name).filter((n): n is string => typeof n === "string" && n === path.basename(n) && !n.startsWith("."));
  } catch {
    return [];
  }
}

/** Every name the bundle may write, for the overwrite checks. */
function bundleNames(options: ExportOptions): string[] {
  return ["pivots.jsonl", "train.jsonl", "validation.jsonl", "example.jsonl", "skipped.jsonl", gymConfigFileName(options.agentName), "metrics.json", "README.md", "manifest.json"];
}

function checkTarget(target: Target, options: ExportOptions, inputs: readonly string[], decisions: string | undefined, force: boolean): void {
  // By inode where the file exists: a link or another path to an input is that input.
  const protectedFiles = new Set([...inputs, ...(decisions !== undefined ? [decisions] : [])].map(fileIdentity));
  const out = path.resolve(target.out);
  if (target.zip) {
    if (protectedFiles.has(fileIdentity(out))) throw new ExportInputError(`${target.out} is an input; refusing to overwrite it`);
    const parent = path.dirname(out);
    if (!existsDir(parent)) throw new ExportInputError(`${path.dirname(target.out)}: no such folder for --out`);
    if (existsDir(out)) throw new ExportInputError(`${target.out} is a folder; a zip --out must be a file`);
    if (!force && pathExists(out)) throw new ExportInputError(`${target.out} exists; use --force to replace it, or pick a new name`);
    return;
  }
  if (!existsDir(out)) {
    if (pathExists(out)) throw new ExportInputError(`${target.out} exists and is not a folder (a zip --out must end in .zip)`);
    return;
  }
  for (const name of bundleNames(options)) {
    if (protectedFiles.has(fileIdentity(path.join(out, name)))) throw new ExportInputError(`${path.join(target.out, name)} is an input; refusing to overwrite it`);
  }
  if (!force && readdirSync(out).length > 0) {
    throw new ExportInputError(`${target.out} is not empty; use --force to write the bundle into it anyway, or pick a new folder`);
  }
}

function existsDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function pathExists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

interface DecisionLog {
  state: ReviewState;
  digest: string;
  events: number;
}

async function readDecisionLog(file: string): Promise<DecisionLog> {
  const parsed = parseEventLog(await readFile(file, "utf8"));
  if (!parsed.ok) {
    const lines = formatLogErrors(parsed.errors, parsed.errorCount).split("\n").map((l) => `  ${file}: ${l}`);
    throw new ExportInputError(`${file} is not a valid decision log (${parsed.errorCount} ${parsed.errorCount === 1 ? "error" : "errors"}):\n${lines.join("\n")}`);
  }
  return { state: replay(parsed.events), digest: await decisionLogDigest(parsed.events, nodeSha256), events: parsed.events.length };
}

/** Accept/reject decisions whose content hash matched no input row (a log recorded for another file?). */
function unmatchedDecisions(state: ReviewState, matched: ReadonlySet<string>): number {
  let n = 0;
  for (const [key, d] of decisionEntries(state.decisions)) if (d.verdict !== "unreviewed" && !matched.has(key)) n++;
  return n;
}
