// Bundles the CLI (cli/ + lib/) into dist/cli.mjs, run by bin/pivot-studio.mjs. Part of `npm run build`.
import { build } from "esbuild";

await build({
  entryPoints: ["cli/main.ts"],
  outfile: "dist/cli.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
