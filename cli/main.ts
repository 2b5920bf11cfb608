import { parseArgs } from "node:util";
import { UsageError } from "./usageError";

// Each command's module (and the libraries it needs) is loaded only when that command runs: start-up time is
// part of every CLI benchmark, and `validate` needs neither zod nor yaml nor zip.
async function usage(): Promise<string> {
  const [validate, verify, convert, exported] = await Promise.all([import("./validate"), import("./verify"), import("./convert"), import("./export")]);
  return `usage: pivot-studio <command> [options]

commands:
  inspect FILE…   detect each file's kind, count rows, list bad lines (file:line: what is wrong)
      --json      machine-readable output
      --strict    exit 1 when any line is bad
${validate.VALIDATE_USAGE}${verify.VERIFY_USAGE}${convert.CONVERT_USAGE}${exported.EXPORT_USAGE}`;
}

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
      process.stderr.write(`pivot-studio: ${(e as Error).message}\n${await usage()}`);
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
