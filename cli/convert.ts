import { closeSync, openSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_AGENT_NAME,
  SourceTaskGroups,
  convertSource,
  passRewardOf,
  createConversionRun,
  emptyStats,
  formatStats,
  layoutOf,
  type ConvertOptions,
  type RowError,
} from "../lib/convert";
import { firstRows, opensAsRows } from "../lib/ingest/conversionMode";
import { fileIdentity } from "../lib/node/fileIdentity";
import { openFileSource } from "../lib/node/fileSource";
import { MAX_LISTED_ROWS, plural } from "./listing";
import { CONVERSION_FLAGS, CONVERSION_USAGE, ConversionFlagError, conversionOptionsFrom, loadToolsFlag } from "./conversionFlags";

/** The command's entry in `pivot-studio help` (the same layout as VALIDATE_USAGE / VERIFY_USAGE). */
export const CONVERT_USAGE = `  convert FILE… --out FILE   every assistant action of every trajectory (JSONL, or .json holding a list) as a candidate pivot row
      --audit FILE                skipped candidates with their reason, and unreadable rows (JSONL)
${CONVERSION_USAGE}      --batch                     multi-call turns become function_call_batch (default: skipped as multi_tool_call)
      --agent-ref NAME            agent_ref.name of every row (default ${DEFAULT_AGENT_NAME})
      exit 0 when pivot rows were written, 1 when none was, 2 on a usage or input error
`;

class ConvertUsageError extends Error {}

const FLAGS = {
  out: { type: "string" },
  audit: { type: "string" },
  ...CONVERSION_FLAGS,
  batch: { type: "boolean", default: false },
  "agent-ref": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof FLAGS }>>["values"];

function optionsFrom(v: Flags): Partial<ConvertOptions> {
  if (v["agent-ref"] === "") throw new ConvertUsageError("--agent-ref needs a non-empty name");
  return conversionOptionsFrom(v, v.batch, v["agent-ref"]);
}

/** JSONL output through a buffer flushed synchronously, so the converter's callbacks stay synchronous. */
class JsonlWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  lines = 0;

  constructor(file: string) {
    this.fd = openSync(file, "w");
  }

  write(value: unknown): void {
    const line = JSON.stringify(value) + "\n";
    this.buffer.push(line);
    this.size += line.length;
    this.lines++;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

function location(e: RowError): string {
  return e.line !== undefined ? `${e.file}:${e.line}` : e.record !== undefined ? `${e.file}[${e.record}]` : e.file;
}

/**
 * `pivot-studio convert FILE… --out pivots.jsonl [--audit skipped.jsonl] …`: the app's conversion, headless
 * and streaming. Exit 0 when done (unreadable rows are reported, not fatal), 2 on a usage error.
 */
export async function runConvert(args: string[]): Promise<number> {
  try {
    return await convert(args);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof ConvertUsageError || e instanceof ConversionFlagError || code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`pivot-studio convert: ${(e as Error).message}\n${CONVERT_USAGE}`);
      return 2;
    }
    if (code === "ENOENT" || code === "EISDIR" || code === "EACCES") {
      process.stderr.write(`pivot-studio convert: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

async function convert(args: string[]): Promise<number> {
  const { values, positionals: files } = parseArgs({ args, allowPositionals: true, options: FLAGS });
  if (values.help) {
    process.stdout.write(CONVERT_USAGE);
    return 0;
  }
  if (files.length === 0) throw new ConvertUsageError("convert needs at least one FILE");
  if (!values.out) throw new ConvertUsageError("convert needs --out FILE");
  // The tools file is read too: writing over it would lose the schemas.
  const inputs = new Set([...files, ...(values.tools !== undefined ? [values.tools] : [])].map((f) => fileIdentity(f)));
  for (const target of [values.out, values.audit]) {
    if (target !== undefined && inputs.has(fileIdentity(target))) throw new ConvertUsageError(`${target} is an input; refusing to overwrite it`);
  }
  if (values.audit !== undefined && fileIdentity(values.audit) === fileIdentity(values.out)) {
    throw new ConvertUsageError(`--out and --audit name the same file (${values.out}); give each its own`);
  }
  const options = optionsFrom(values);
  const run = await createConversionRun(options, values.tools !== undefined ? loadToolsFlag(values.tools).tools : undefined);
  // Every input must be readable before --out is truncated.
  for (const f of files) if (!statSync(f).isFile()) throw new ConvertUsageError(`${f} is not a file`);
  const out = new JsonlWriter(values.out);
  const audit = values.audit !== undefined ? new JsonlWriter(values.audit) : null;
  const stats = emptyStats(new SourceTaskGroups({ passReward: passRewardOf(run.options) }));
  let unreadable = 0;
  try {
    for (const file of files) {
      const source = await openFileSource(file);
      try {
        // As the app: a file of pivot rows or of single-step rollouts is opened as it is, not converted.
        if (options.format === "auto" && layoutOf(file) === "jsonl" && opensAsRows(await firstRows(source))) {
          process.stderr.write(`${file}: not trajectories (the app opens it as pivot rows or single-step rollouts): nothing to convert; for rollouts, --format gym_rollout converts their input and output anyway\n`);
          continue;
        }
        await convertSource(source, path.basename(file), run, {
          pivot: (row) => out.write(row),
          skipped: (candidate) => audit?.write(candidate),
          rowError(e) {
            // A file that is not trajectories at all (binary, CSV, …) would print a line per row: the first ones show.
            if (++unreadable <= MAX_LISTED_ROWS) process.stderr.write(`${location({ ...e, file })}: ${e.message}\n`);
            audit?.write({ row_error: e.message, source_file: e.file, source_line: e.line, source_record: e.record });
          },
        }, stats);
      } finally {
        await source.close();
      }
    }
  } finally {
    out.close();
    audit?.close();
  }
  if (unreadable > MAX_LISTED_ROWS) {
    const more = unreadable - MAX_LISTED_ROWS;
    const where = audit ? `all are in ${values.audit}` : "--audit FILE lists them all";
    process.stderr.write(`… and ${plural(more, "more unreadable row")} (${where})\n`);
  }
  process.stdout.write(formatStats(stats));
  process.stdout.write(`wrote ${out.lines} pivot rows to ${values.out}\n`);
  if (audit) process.stdout.write(`wrote ${audit.lines} skipped candidates and unreadable rows to ${values.audit}\n`);
  if (out.lines > 0) return 0;
  // No pivot row: a CI step must not pass on it. Say which of the reasons it was.
  const why = stats.candidates > 0 ? "every candidate was skipped (see the counts above)" : unreadable > 0 ? "no row could be read as a trajectory" : "no trajectory had an assistant action";
  process.stderr.write(`pivot-studio convert: no pivot row written: ${why}\n`);
  return 1;
}
