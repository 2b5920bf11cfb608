// Preloaded into a benchmarked CLI process (`node --import`): at exit, the process's peak resident memory (every
// thread of it: getrusage's maxrss) on a last line of stderr, which bench/cli.mjs reads and takes off. Worker
// threads run preloads too; only the main thread reports.
import { isMainThread } from "node:worker_threads";

if (isMainThread) {
  process.on("exit", () => {
    process.stderr.write(`\npeak_rss_kb ${process.resourceUsage().maxRSS}\n`);
  });
}
