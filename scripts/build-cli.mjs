// Bundles the CLI (cli/ + lib/, with the packages they use) into dist/cli.mjs, run by bin/pivot-studio.mjs, and
// its worker-thread entries into dist/validate-worker.mjs and dist/export-worker.mjs. Part of `npm run build`.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const outdir = process.argv[2] ?? "dist";

// Chunk names change with their content: drop the previous build's, so dist/ holds one build only.
if (existsSync(outdir)) for (const f of readdirSync(outdir)) if (/^chunk-.*\.mjs(\.map)?$/.test(f)) rmSync(path.join(outdir, f));

await build({
  entryPoints: { cli: "cli/main.ts", "validate-worker": "cli/validateWorker.ts", "export-worker": "cli/exportWorker.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  // Commands are imported on demand (cli/main.ts); shared code goes to chunks beside cli.mjs (cli/validate.ts
  // finds its worker file next to itself).
  splitting: true,
  chunkNames: "chunk-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Dependencies are bundled too: loading a package of many small modules (zod, yaml) costs more start-up time
  // than the command's own work on a small input, and every worker thread pays it again. Bundled CommonJS
  // (yaml) still requires Node's built-ins, hence a `require` for the ES module chunks.
  banner: { js: `import { createRequire as bannerRequire } from "node:module"; const require = bannerRequire(import.meta.url);` },
  sourcemap: true,
  logLevel: "warning",
});
