// CLI benchmarks: each command run as a user runs it (a fresh `node bin/pivot-studio.mjs …` process, timed from
// spawn to exit), interleaved with the baseline so both see the same machine state.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { nodeReadParse } from "./baseline.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Bash's `time` reports the command's CPU (user + system, every thread of it) on a last line of stderr. Starting
// bash adds a few ms to each run.
const TIMED = `TIMEFORMAT=$'\\ncpu %U %S'; time "$0" "$@"`;

// And the process's peak resident memory, from a preload that reports it at exit (bench/peakRss.mjs).
const PEAK_RSS = ["--import", pathToFileURL(path.join(import.meta.dirname, "peakRss.mjs")).href];
const PEAK_RSS_LINE = "\npeak_rss_kb ";

export function timeCli(args) {
  const t0 = performance.now();
  const r = spawnSync("bash", ["-c", TIMED, process.execPath, ...PEAK_RSS, path.join(ROOT, "bin/pivot-studio.mjs"), ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t0) / 1000;
  const cut = r.stderr.lastIndexOf("\ncpu ");
  const rss = r.stderr.lastIndexOf(PEAK_RSS_LINE, cut);
  if (cut < 0 || rss < 0) throw new Error(`no CPU time or peak memory for pivot-studio ${args.join(" ")}: ${r.error ?? r.stderr}`);
  const [user, system] = r.stderr.slice(cut + 5).trim().split(" ").map(Number);
  const peakRssMb = Number(r.stderr.slice(rss + PEAK_RSS_LINE.length, cut).trim()) / 1024;
  return { seconds, cpuSeconds: user + system, peakRssMb, status: r.status, stdout: r.stdout, stderr: r.stderr.slice(0, rss) };
}

/**
 * Median seconds of `args` and of the baseline over `file`, and their ratio. Each pair of runs starts with nothing
 * waiting to be written to disk (`sync`): an export writes ~235 MB, and the kernel writing back the previous run's
 * bundle would otherwise be charged to the next run.
 */
export function benchCli(name, args, file, runs) {
  const cli = [];
  const cpu = [];
  const rss = [];
  const base = [];
  let last;
  for (let i = 0; i < runs; i++) {
    spawnSync("sync");
    base.push(nodeReadParse(file).seconds);
    last = timeCli(args);
    cli.push(last.seconds);
    cpu.push(last.cpuSeconds);
    rss.push(last.peakRssMb);
    console.log(`${name} run ${i + 1}: ${last.seconds.toFixed(2)} s (CPU ${last.cpuSeconds.toFixed(2)} s), baseline ${base.at(-1).toFixed(2)} s, exit ${last.status}`);
  }
  const s = median(cli);
  const b = median(base);
  return {
    seconds: +s.toFixed(3),
    // CPU of the whole process (every thread), against the wall time of the one-thread baseline: on 2 cores a ratio
    // of 1.0 needs this under twice the baseline, however well the threads share the work.
    cpu_s: +median(cpu).toFixed(3),
    peak_rss_mb: Math.round(median(rss)),
    baseline_s: +b.toFixed(3),
    ratio_to_baseline: +(s / b).toFixed(2),
    exit_code: last.status,
    stderr: last.stderr.trim(),
    runs: cli.map((x) => +x.toFixed(3)),
  };
}
