#!/usr/bin/env node
import { existsSync } from "node:fs";

const cli = new URL("../dist/cli.mjs", import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("pivot-studio: dist/cli.mjs is missing; run `npm run build` first\n");
  process.exit(2);
}
// `pivot-studio … | head` closes the pipe early: stop quietly, as other Unix tools do.
process.stdout.on("error", (e) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
