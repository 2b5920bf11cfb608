// Preloaded into a benchmarked CLI process (`node --import`): at exit, the process's peak resident memory (every
// thread of it: getrusage's maxrss) on a last line of stderr, which bench/cli.mjs reads and takes off.
process.on("exit", () => {
  process.stderr.write(`\npeak_rss_kb ${process.resourceUsage().maxRSS}\n`);
});
