/**
 * The conversion options as command-line flags, shared by `convert` and `export` (which converts trajectory
 * inputs as the app does): the app's conversion panel, flag for flag, with the same defaults.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { SOURCE_FORMATS, isSourceFormat, parseToolsFile, type ConvertOptions, type PivotTool } from "../lib/convert";

export const CONVERSION_FLAGS = {
  tools: { type: "string" },
  "min-reward": { type: "string" },
  "no-reward-filter": { type: "boolean", default: false },
  "skip-messages": { type: "boolean", default: false },
  "doom-loop": { type: "string" },
  "drop-tool-errors": { type: "boolean", default: false },
  "drop-reasoning": { type: "boolean", default: false },
  "keep-duplicates": { type: "boolean", default: false },
  format: { type: "string" },
} as const;

/** Usage lines of CONVERSION_FLAGS, in the commands' help layout. */
export const CONVERSION_USAGE = `      --tools FILE                tool schemas (a JSON list, chat or flat shape) for rows that carry none
      --min-reward X              skip trajectories whose reward is below X (default 1.0; rows without a reward pass)
      --no-reward-filter          keep trajectories whatever their reward
      --skip-messages             no message pivots (text-only turns are skipped as message_pivot)
      --doom-loop N               keep only the last of N identical consecutive calls (default 0 = off)
      --drop-tool-errors          skip calls whose tool response is an error
      --drop-reasoning            leave earlier reasoning out of prefixes
      --keep-duplicates           keep candidates whose prefix, tools and action were already converted
      --format NAME               read every row as ${SOURCE_FORMATS.join(" | ")} (default: detect per row;
                                  a file of pivot rows or single-step rollouts is not converted, as in the app)
`;

/** A flag's value is unusable: the command exits 2 with its usage. */
export class ConversionFlagError extends Error {}

type ConversionFlagValues = {
  tools?: string;
  "min-reward"?: string;
  "no-reward-filter"?: boolean;
  "skip-messages"?: boolean;
  "doom-loop"?: string;
  "drop-tool-errors"?: boolean;
  "drop-reasoning"?: boolean;
  "keep-duplicates"?: boolean;
  format?: string;
};

function parseNumber(flag: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 0))) {
    throw new ConversionFlagError(`--${flag} needs ${integer ? "a whole number ≥ 0" : "a number"}, got ${JSON.stringify(text)}`);
  }
  return n;
}

/** The options the flags ask for; `batch` and `agentName` come from each command's own flags. */
export function conversionOptionsFrom(v: ConversionFlagValues, batch: boolean, agentName: string | undefined): Partial<ConvertOptions> {
  if (v["no-reward-filter"] && v["min-reward"] !== undefined) throw new ConversionFlagError("--min-reward and --no-reward-filter contradict each other");
  const format = v.format ?? "auto";
  if (format !== "auto" && !isSourceFormat(format)) {
    throw new ConversionFlagError(`unknown --format ${JSON.stringify(format)}; one of: ${SOURCE_FORMATS.join(", ")}`);
  }
  return {
    format,
    minReward: v["no-reward-filter"] ? null : v["min-reward"] !== undefined ? parseNumber("min-reward", v["min-reward"], false) : undefined,
    messagePivots: !v["skip-messages"],
    batch,
    doomLoop: v["doom-loop"] !== undefined ? parseNumber("doom-loop", v["doom-loop"], true) : undefined,
    dropToolErrors: v["drop-tool-errors"],
    keepReasoning: !v["drop-reasoning"],
    dropDuplicates: !v["keep-duplicates"],
    agentName,
  };
}

/** The `--tools` file: its tools, and its name, size and SHA-256 as a manifest records it. */
export function loadToolsFlag(file: string): { tools: PivotTool[]; bytes: Buffer; name: string } {
  const bytes = readFileSync(file);
  try {
    return { tools: parseToolsFile(bytes.toString("utf8")), bytes, name: path.basename(file) };
  } catch (e) {
    throw new ConversionFlagError(`--tools ${file}: ${(e as Error).message}`);
  }
}
