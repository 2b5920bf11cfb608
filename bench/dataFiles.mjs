// The benchmarks' input files: written by the shared deterministic generator (../shared/bench/make-data.mjs)
// into bench/data on first use, then kept (the same arguments give the same bytes).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const DATA = path.join(ROOT, "bench/data");
const MAKE_DATA = path.resolve(ROOT, "../shared/bench/make-data.mjs");

/** The path of bench/data/`name`, generated with make-data.mjs `args` unless its truth file is there. */
export function generatedFile(name, args) {
  const file = path.join(DATA, name);
  if (!existsSync(`${file}.truth.json`)) {
    mkdirSync(DATA, { recursive: true });
    console.log(`generating ${path.relative(ROOT, file)}…`);
    execFileSync(process.execPath, [MAKE_DATA, ...args, "--out", file], { stdio: "inherit" });
  }
  return file;
}
