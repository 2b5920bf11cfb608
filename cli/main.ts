import { parseArgs } from "node:util";
import { UsageError } from "./usageError";

// Each command's module (and the libraries it needs) is loaded only when that command runs: start-up time is
// part of every CLI benchmark, and `validate` needs neither zod nor yaml nor zip.
const INSPECT_USAGE = `  inspect FILE…   detect each file's kind, count rows, list bad lines (file:line: what is wrong; a .json list
                  is read record by record, its bad records listed as file[i], counted from 0)
      --json      machine-readable output
      --strict    exit 1 when any line is bad
`;

/** One command's usage (its module loaded only then), or the whole list for no command or an unknown one. */
async function usage(command?: string): Promise<string> {
  switch (command) {
    case "inspect":
      return INSPECT_USAGE;
    case "validate":
      return (await import("./validate")).VALIDATE_USAGE;
    case "verify":
      return (await import("./verify")).VERIFY_USAGE;
  }
  const [validate, verify, convert, exported] = await Promise.all([import("./validate"), import("./verify"), import("./convert"), import("./export")]);
  return `usage: pivot-studio <command> [options]

commands:
${INSPECT_USAGE}${validate.VALIDATE_USAGE}${verify.VERIFY_USAGE}${convert.CONVERT_USAGE}${exported.EXPORT_USAGE}`;
}

/** Node's parse error without its advice about a literal `--`, which reads as if `--help` were data. */
function parseErrorText(e: Error): string {
  return e.message.split(". To specify a positional argument")[0]!;
}

/** `convert` and `export` answer `--help` themselves; the other commands are answered here. */
const HELPED_HERE = new Set(["inspect", "validate", "verify"]);

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== undefined && HELPED_HERE.has(command) && (rest.includes("--help") || rest.includes("-h"))) {
    process.stdout.write(await usage(command));
    return 0;
  }
  try {
    switch (command) {
      case "inspect": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { json: { type: "boolean", default: false }, strict: { type: "boolean", default: false } },
        });
        return await (await import("./inspect")).inspect(positionals, { json: !!values.json, strict: !!values.strict });
      }
      case "validate":
        return await (await import("./validate")).runValidate(rest);
      case "verify":
        return await (await import("./verify")).runVerify(rest);
      case "convert":
        return await (await import("./convert")).runConvert(rest);
      case "export":
        return await (await import("./export")).runExport(rest);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(await usage());
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      const known = command !== undefined && HELPED_HERE.has(command);
      process.stderr.write(`pivot-studio: ${parseErrorText(e as Error)}\n${await usage(known ? command : undefined)}`);
      return 2;
    }
    // A missing path, or one that is not a regular file (lib/node/fileSource.ts): said in one line, exit 2.
    if ((e as { code?: string }).code === "ENOENT" || (e as { code?: string }).code === "ENOTFILE") {
      process.stderr.write(`pivot-studio: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
