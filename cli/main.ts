import { parseArgs } from "node:util";
import { inspect, UsageError } from "./inspect";
import { CONVERT_USAGE, runConvert } from "./convert";
import { EXPORT_USAGE, runExport } from "./export";
import { runValidate, VALIDATE_USAGE } from "./validate";
import { runVerify, VERIFY_USAGE } from "./verify";

const USAGE = `usage: pivot-studio <command> [options]

commands:
  inspect FILE…   detect each file's kind, count rows, list bad lines (file:line: what is wrong)
      --json      machine-readable output
      --strict    exit 1 when any line is bad
${VALIDATE_USAGE}${VERIFY_USAGE}${CONVERT_USAGE}${EXPORT_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "inspect": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { json: { type: "boolean", default: false }, strict: { type: "boolean", default: false } },
        });
        return await inspect(positionals, { json: !!values.json, strict: !!values.strict });
      }
      case "validate":
        return await runValidate(rest);
      case "verify":
        return await runVerify(rest);
      case "convert":
        return await runConvert(rest);
      case "export":
        return await runExport(rest);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`pivot-studio: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    if ((e as { code?: string }).code === "ENOENT") {
      process.stderr.write(`pivot-studio: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
