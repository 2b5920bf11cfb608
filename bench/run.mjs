#!/usr/bin/env node
// `npm run bench`: ingestion speed, step latency and memory of the real app in headless Debian Chromium, each
// against a baseline measured in the same run. Writes bench/results.json.
//
//   node bench/run.mjs [--rows 9620] [--bad 16] [--workers N] [--runs 3] [--steps 200] [--large 10]
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { nodeReadParse } from "./baseline.mjs";
import { CHROMIUM } from "../scripts/chromium.mjs";
import { benchCli } from "./cli.mjs";
import { benchConvert } from "./convert.mjs";
import { generatedFile } from "./dataFiles.mjs";
import { benchExport, benchLargeExport } from "./export.mjs";
import { timedOpen } from "./pageLoad.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const ROWS = Number(arg("rows", 9620));
const BAD = Number(arg("bad", 16));
const RUNS = Number(arg("runs", 3));
const STEPS = Number(arg("steps", 200));
const WORKERS = arg("workers", "");
// The export is also run on a file this many times the size (0: not), to show it streams: ~2.3 GB by default.
const LARGE = Number(arg("large", 10));
const PORT = Number(arg("port", 3199));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// 1. Data: the shared deterministic generator (cached: same arguments, same bytes).
const pivotsFile = (rows) => generatedFile(`pivots-${rows}-bad${BAD}.jsonl`, ["pivots", "--rows", String(rows), "--bad", String(BAD)]);
const file = pivotsFile(ROWS);
const truth = JSON.parse(readFileSync(`${file}.truth.json`, "utf8"));
const size = statSync(file).size;

// 2. Baseline: Node, one thread, read + JSON.parse (bench/baseline.mjs).
const baseline = () => nodeReadParse(file);

// 3. Chromium memory: PSS of the browser process and all its descendants.
function pssMB(rootPid) {
  const children = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {}
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    try {
      const m = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {}
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

async function main() {
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  const browser = await chromium.launch(CHROMIUM);
  const browserPid = Number(execFileSync("pgrep", ["-o", "-f", "chromium.*--remote-debugging-pipe"]).toString().trim());
  const results = { file: path.relative(ROOT, file), mb: size / 1e6, rows_in_file: truth.rows, runs: [] };
  let conversion = null;
  try {
    const baselines = [];
    for (let r = 0; r < RUNS; r++) {
      baselines.push(baseline().seconds);
      const page = await browser.newPage();
      await page.goto(`${base}/${WORKERS ? `?workers=${WORKERS}` : ""}`);
      await page.getByTestId("load-status").and(page.locator('[data-db="ready"]')).waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
      const idle = pssMB(browserPid);
      const t = await timedOpen(page, file, 300_000);
      const ingest = (t.done - t.chosen) / 1000;
      const readyAt = (t.ready - t.chosen) / 1000;
      console.log(`  ready ${readyAt.toFixed(2)} s | ` + t.marks.join(" | "));
      const loaded = pssMB(browserPid);
      const rows = Number(await page.getByTestId("row-count").getAttribute("data-value"));
      const errors = Number(await page.getByTestId("error-count").getAttribute("data-value"));
      // Step latency, measured in the page: key press → the new row's view is committed and painted.
      await page.locator("body").click({ position: { x: 2, y: 2 } });
      const steps = await page.evaluate(async (n) => {
        const times = [];
        const dp = () => document.querySelector('[data-testid="decision-point"]');
        for (let i = 0; i < n; i++) {
          const before = dp()?.getAttribute("data-line");
          const t = performance.now();
          window.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));
          await new Promise((resolve) => {
            const check = () => (dp()?.getAttribute("data-line") !== before ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check));
            check();
          });
          times.push(performance.now() - t);
        }
        return times;
      }, STEPS);
      // Decision latency: `a` → the decision is written to IndexedDB, counted, and the next row is shown.
      await page.keyboard.press("g");
      const decisions = await page.evaluate(async (n) => {
        const times = [];
        const dp = () => document.querySelector('[data-testid="decision-point"]');
        const reviewed = () => Number(document.querySelector('[data-testid="review-progress"]')?.getAttribute("data-reviewed"));
        for (let i = 0; i < n; i++) {
          const before = dp()?.getAttribute("data-line");
          const count = reviewed();
          const t = performance.now();
          window.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
          await new Promise((resolve) => {
            const done = () => dp()?.getAttribute("data-line") !== before && reviewed() === count + 1;
            const check = () => (done() ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check));
            check();
          });
          times.push(performance.now() - t);
        }
        return times;
      }, STEPS);
      // Bulk: reject every row in view (all of them) in one decision, from the confirm click to the count shown.
      await page.getByTestId("bulk-reject").click();
      const bulkMs = await page.evaluate(async () => {
        const total = Number(document.querySelector('[data-testid="review-progress"]').getAttribute("data-total"));
        const t = performance.now();
        document.querySelector('[data-testid="bulk-confirm"]').click();
        await new Promise((resolve) => {
          const check = () => {
            const p = document.querySelector('[data-testid="review-progress"]');
            if (Number(p.getAttribute("data-rejected")) === total) requestAnimationFrame(() => resolve());
            else requestAnimationFrame(check);
          };
          check();
        });
        return performance.now() - t;
      });
      const bulkRows = Number(await page.getByTestId("review-progress").getAttribute("data-rejected"));
      results.runs.push({
        baseline_s: baselines.at(-1),
        ingest_s: ingest,
        rows,
        errors,
        idle_mb: idle,
        loaded_mb: loaded,
        step_p50_ms: pct(steps, 50),
        step_p95_ms: pct(steps, 95),
        decision_p50_ms: pct(decisions, 50),
        decision_p95_ms: pct(decisions, 95),
        bulk_rows: bulkRows,
        bulk_ms: bulkMs,
      });
      console.log(
        `run ${r + 1}: ingest ${ingest.toFixed(2)} s, baseline ${baselines.at(-1).toFixed(2)} s, rows ${rows}, errors ${errors}, ` +
          `step p95 ${pct(steps, 95).toFixed(1)} ms, decision p95 ${pct(decisions, 95).toFixed(1)} ms, bulk ${bulkRows} rows ${bulkMs.toFixed(0)} ms, ` +
          `memory +${(loaded - idle).toFixed(0)} MB`,
      );
      await page.close();
    }
    conversion = await benchConvert(browser, base, RUNS);
  } finally {
    await browser.close();
    process.kill(-server.pid);
  }
  // `pivot-studio validate`: Gym's script over the whole file (its valid rows come first, so the run checks all
  // 9,620 of them and stops at the first bad line, as the script does).
  if (!existsSync(path.join(ROOT, "dist/cli.mjs"))) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const validate = benchCli("validate", ["validate", "--path", file], file, RUNS);
  const exported = await benchExport(file, RUNS);
  const exportedLarge = LARGE > 0 ? await benchLargeExport(pivotsFile(ROWS * LARGE)) : null;
  const runs = results.runs;
  const ingest = median(runs.map((r) => r.ingest_s));
  const baselineS = median(runs.map((r) => r.baseline_s));
  const growth = median(runs.map((r) => r.loaded_mb - r.idle_mb));
  const summary = {
    date: new Date().toISOString(),
    machine: `${(await import("node:os")).cpus().length} cores, node ${process.version}`,
    file: results.file,
    file_mb: +(size / 1e6).toFixed(1),
    rows_expected: truth.rows - truth.bad.filter((b) => b.why === "invalid JSON line").length,
    rows_loaded: runs[0].rows,
    bad_lines: runs[0].errors,
    workers: WORKERS || "default",
    ingest_s: +ingest.toFixed(3),
    ingest_mb_per_s: +(size / 1e6 / ingest).toFixed(1),
    baseline_s: +baselineS.toFixed(3),
    baseline_mb_per_s: +(size / 1e6 / baselineS).toFixed(1),
    ratio_ingest_to_baseline: +(ingest / baselineS).toFixed(2),
    step_p50_ms: +median(runs.map((r) => r.step_p50_ms)).toFixed(1),
    step_p95_ms: +median(runs.map((r) => r.step_p95_ms)).toFixed(1),
    decision_p50_ms: +median(runs.map((r) => r.decision_p50_ms)).toFixed(1),
    decision_p95_ms: +median(runs.map((r) => r.decision_p95_ms)).toFixed(1),
    bulk_rows: runs[0].bulk_rows,
    bulk_decision_ms: +median(runs.map((r) => r.bulk_ms)).toFixed(0),
    memory_idle_mb: +median(runs.map((r) => r.idle_mb)).toFixed(0),
    memory_growth_mb: +growth.toFixed(0),
    memory_growth_to_file_size: +(growth / (size / 1e6)).toFixed(2),
    validate_cli: { ...validate, first_bad_line: truth.bad[0]?.line ?? null },
    export_cli: exported,
    export_cli_large: exportedLarge,
    conversion,
    targets: { ratio_ingest_to_baseline: 1.5, step_p95_ms: 50, memory_growth_to_file_size: 1.5, validate_cli_ratio_to_baseline: 1.0, decision_p95_ms: 50, bulk_decision_ms: 1000, conversion_ratio_to_baseline: 1.5, export_ratio_to_baseline: 1.0 },
    runs,
  };
  writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(summary, null, 2) + "\n");
  console.log(JSON.stringify({ ...summary, runs: undefined }, null, 2));
}

await main();
