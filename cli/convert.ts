import { closeSync, openSync, readFileSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_AGENT_NAME,
  SOURCE_FORMATS,
  SourceTaskGroups,
  convertSource,
  createConversionRun,
  emptyStats,
  formatStats,
  isSourceFormat,
  parseToolsFile,
  type ConvertOptions,
  type PivotTool,
  type RowError,
} from "../lib/convert";
import { openFileSource } from "../lib/node/fileSource";

/** The command's entry in `pivot-studio help` (the same layout as VALIDATE_USAGE / VERIFY_USAGE). */
export const CONVERT_USAGE = `  convert FILE… --out FILE   every assistant action of every trajectory (JSONL, or .json holding a list) as a candidate pivot row
      --audit FILE                skipped candidates with their reason, and unreadable rows (JSONL)
      --tools FILE                tool schemas (a JSON list, chat or flat shape) for rows that carry none
      --min-reward X              skip trajectories whose reward is below X (default 1.0; rows without a reward pass)
      --no-reward-filter          keep trajectories whatever their reward
      --skip-messages             no message pivots (text-only turns are skipped as message_pivot)
      --batch                     multi-call turns become function_call_batch (default: skipped as multi_tool_call)
      --doom-loop N               keep only the last of N identical consecutive calls (default 0 = off)
      --drop-tool-errors          skip calls whose tool response is an error
      --drop-reasoning            leave earlier reasoning out of prefixes
      --keep-duplicates           keep candidates whose prefix, tools and action were already converted
      --format NAME               read every row as ${SOURCE_FORMATS.join(" | ")} (default: detect per row)
      --agent-ref NAME            agent_ref.name of every row (default ${DEFAULT_AGENT_NAME})
`;

class ConvertUsageError extends Error {}

const FLAGS = {
  out: { type: "string" },
  audit: { type: "string" },
  tools: { type: "string" },
  "min-reward": { type: "string" },
  "no-reward-filter": { type: "boolean", default: false },
  "skip-messages": { type: "boolean", default: false },
  batch: { type: "boolean", default: false },
  "doom-loop": { type: "string" },
  "drop-tool-errors": { type: "boolean", default: false },
  "drop-reasoning": { type: "boolean", default: false },
  "keep-duplicates": { type: "boolean", default: false },
  format: { type: "string" },
  "agent-ref": { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof FLAGS }>>["values"];

function parseNumber(flag: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 0))) {
    throw new ConvertUsageError(`--${flag} needs ${integer ? "a whole number ≥ 0" : "a number"}, got ${JSON.stringify(text)}`);
  }
  return n;
}

function optionsFrom(v: Flags): Partial<ConvertOptions> {
  if (v["no-reward-filter"] && v["min-reward"] !== undefined) throw new ConvertUsageError("--min-reward and --no-reward-filter contradict each other");
  const format = v.format ?? "auto";
  if (format !== "auto" && !isSourceFormat(format)) {
    throw new ConvertUsageError(`unknown --format ${JSON.stringify(format)}; one of: ${SOURCE_FORMATS.join(", ")}`);
  }
  if (v["agent-ref"] === "") throw new ConvertUsageError("--agent-ref needs a non-empty name");
  return {
    format,
    minReward: v["no-reward-filter"] ? null : v["min-reward"] !== undefined ? parseNumber("min-reward", v["min-reward"], false) : undefined,
    messagePivots: !v["skip-messages"],
    batch: v.batch,
    doomLoop: v["doom-loop"] !== undefined ? parseNumber("doom-loop", v["doom-loop"], true) : undefined,
    dropToolErrors: v["drop-tool-errors"],
    keepReasoning: !v["drop-reasoning"],
    dropDuplicates: !v["keep-duplicates"],
    agentName: v["agent-ref"],
  };
}

function loadTools(file: string): PivotTool[] {
  try {
    return parseToolsFile(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ConvertUsageError(`--tools ${file}: ${(e as Error).message}`);
  }
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
    if (e instanceof ConvertUsageError || code?.startsWith("ERR_PARSE_ARGS")) {
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
  const inputs = new Set(files.map((f) => path.resolve(f)));
  for (const target of [values.out, values.audit]) {
    if (target !== undefined && inputs.has(path.resolve(target))) throw new ConvertUsageError(`${target} is an input; refusing to overwrite it`);
  }
  const options = optionsFrom(values);
  const run = await createConversionRun(options, values.tools !== undefined ? loadTools(values.tools) : undefined);
  // Every input must be readable before --out is truncated.
  for (const f of files) if (!statSync(f).isFile()) throw new ConvertUsageError(`${f} is not a file`);
  const out = new JsonlWriter(values.out);
  const audit = values.audit !== undefined ? new JsonlWriter(values.audit) : null;
  const stats = emptyStats(new SourceTaskGroups());
  try {
    for (const file of files) {
      const source = await openFileSource(file);
      try {
        await convertSource(source, path.basename(file), run, {
          pivot: (row) => out.write(row),
          skipped: (candidate) => audit?.write(candidate),
          rowError(e) {
            process.stderr.write(`${location({ ...e, file })}: ${e.message}\n`);
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
  process.stdout.write(formatStats(stats));
  process.stdout.write(`wrote ${out.lines} pivot rows to ${values.out}\n`);
  if (audit) process.stdout.write(`wrote ${audit.lines} skipped candidates and unreadable rows to ${values.audit}\n`);
  return 0;
}
