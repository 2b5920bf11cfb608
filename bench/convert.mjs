// Conversion benchmark (issue 6): trajectories from the shared generator (`chat` and `rollouts`, 3,800 rows
// each) opened in the app, converted into decision points by the parse workers, timed from the file being
// chosen until the view is ready with metrics. Checked against the generator's truth file (every decision
// point and its action type), and compared with the Node read + JSON.parse baseline of the same file.
// Each run also records the renderer's CPU by kind of thread (bench/rendererCpu.mjs), and opens the same file a
// second time in the same page: that load finds V8's code optimized and its heaps grown, so it shows what a load
// costs once most of the compiling is done. Then each file is opened on return visits: new pages of a browser
// profile that has opened it twice before, as a user's browser has (see `returnVisits`).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { nodeReadParse } from "./baseline.mjs";
import { generatedFile } from "./dataFiles.mjs";
import { CHROMIUM } from "../scripts/chromium.mjs";
import { timedOpen } from "./pageLoad.mjs";
import { rendererCpu } from "./rendererCpu.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function dataFile(mode, rows) {
  const file = generatedFile(`${mode}-${rows}.jsonl`, [mode, "--rows", String(rows)]);
  return { file, truth: JSON.parse(readFileSync(`${file}.truth.json`, "utf8")), size: statSync(file).size };
}

/** Opens `file` in a new page of `browser` (a browser, or a profile) once its database is ready: the page, times, CPU. */
async function openInNewPage(browser, base, file) {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await page.getByTestId("load-status").and(page.locator('[data-db="ready"]')).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  const cpu = rendererCpu();
  const t = await timedOpen(page, file);
  return { page, t, cpuS: cpu() };
}

/** Opens `file` in a fresh page, then again in the same page; returns seconds to ready, CPU, and what the app shows. */
async function convertOnce(browser, base, file) {
  const { page, t, cpuS } = await openInNewPage(browser, base, file);
  console.log(`  ${t.marks.join(" | ")}; CPU ${JSON.stringify(cpuS)}`);
  const shownFirst = await shownIn(page);
  await page.waitForTimeout(1000);
  await page.getByTestId("file-input").evaluate((input) => (input.value = "")); // the same file again fires a change
  const cpuAgain = rendererCpu();
  const again = await timedOpen(page, file);
  const againCpuS = cpuAgain();
  const shown = await shownIn(page);
  if (JSON.stringify(shown) !== JSON.stringify(shownFirst)) throw new Error(`the second load shows ${JSON.stringify(shown)}, the first ${JSON.stringify(shownFirst)}`);
  await page.close();
  return { seconds: (t.done - t.chosen) / 1000, again_seconds: (again.done - again.chosen) / 1000, cpu_s: cpuS, again_cpu_s: againCpuS, ...shown };
}

/**
 * Opens `file` in new pages of one browser profile kept on disk. The benchmark's other pages are incognito-like:
 * they have no code cache, so each compiles DuckDB's WebAssembly anew, and V8 optimizes its hot functions while
 * the file loads. A user's browser keeps that optimized code in its code cache, so on later visits a load finds
 * most of it compiled. The first two visits here open the file untimed (filling the cache); each run after them is
 * a new page, timed as `convertOnce` times the first load.
 */
async function returnVisits(base, file, runs) {
  const profile = mkdtempSync(path.join(tmpdir(), "pivot-studio-bench-profile-"));
  const context = await chromium.launchPersistentContext(profile, CHROMIUM);
  try {
    const visit = async () => {
      const { page, t, cpuS } = await openInNewPage(context, base, file);
      const result = { seconds: (t.done - t.chosen) / 1000, cpu_s: cpuS, ...(await shownIn(page)) };
      await page.waitForTimeout(2000); // the browser writes its code cache a moment after the code is made
      await page.close();
      return result;
    };
    // V8 hands the browser its optimized code in steps as it makes it: two visits leave most of it cached.
    await visit();
    await visit();
    const out = [];
    for (let r = 0; r < runs; r++) out.push(await visit());
    return { visits: out, wasmCodeCacheMb: +(treeBytes(path.join(profile, "Default", "Code Cache", "wasm")) / 1e6).toFixed(1) };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Bytes of the files under `dir` (0 when it does not exist). */
function treeBytes(dir) {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n += statSync(path.join(e.parentPath, e.name)).size;
  return n;
}

function shownIn(page) {
  return page.evaluate(() => {
    const count = (key) => Number(document.querySelector(`[data-testid="metric-action_type"] tr[data-key="${key}"]`)?.getAttribute("data-count") ?? 0);
    return {
      decision_points: Number(document.querySelector('[data-testid="row-count"]').getAttribute("data-value")),
      function_call: count("function_call"),
      message: count("message"),
      detected: document.querySelector('[data-testid="file-kind"]')?.textContent ?? "",
    };
  });
}

export async function benchConvert(browser, base, runs, rows = 3800) {
  const out = {};
  for (const mode of ["chat", "rollouts"]) {
    const { file, truth, size } = dataFile(mode, rows);
    const times = [];
    const again = [];
    const cpus = [];
    const againCpus = [];
    const baselines = [];
    let last;
    for (let r = 0; r < runs; r++) {
      baselines.push(nodeReadParse(file).seconds);
      last = await convertOnce(browser, base, file);
      times.push(last.seconds);
      again.push(last.again_seconds);
      cpus.push(last.cpu_s);
      againCpus.push(last.again_cpu_s);
      console.log(
        `convert ${mode} run ${r + 1}: ${last.seconds.toFixed(2)} s (again in the same page ${last.again_seconds.toFixed(2)} s), ` +
          `baseline ${baselines.at(-1).toFixed(2)} s, ${last.decision_points} decision points (${last.detected})`,
      );
    }
    const { visits, wasmCodeCacheMb } = await returnVisits(base, file, runs);
    for (const v of visits) {
      if (v.decision_points !== last.decision_points) throw new Error(`a return visit shows ${v.decision_points} decision points, the first ${last.decision_points}`);
    }
    const visitTimes = visits.map((v) => v.seconds);
    const visitMedian = median(visitTimes);
    console.log(`convert ${mode} on return visits: ${visitTimes.map((x) => x.toFixed(2)).join(", ")} s`);
    const s = median(times);
    const b = median(baselines);
    const matches = last.decision_points === truth.decision_points && last.function_call === truth.function_call && last.message === truth.message;
    out[mode] = {
      file: path.relative(ROOT, file),
      file_mb: +(size / 1e6).toFixed(1),
      seconds: +s.toFixed(3),
      mb_per_s: +(size / 1e6 / s).toFixed(1),
      baseline_s: +b.toFixed(3),
      ratio_to_baseline: +(s / b).toFixed(2),
      // CPU of the first load, by kind of thread (the run with the median time).
      cpu_s: cpus[times.indexOf(s)],
      again_seconds: +median(again).toFixed(3),
      again_cpu_s: againCpus[again.indexOf(median(again))],
      again_ratio_to_baseline: +(median(again) / b).toFixed(2),
      // A new page of a browser profile that has opened the file before (its code cache holds DuckDB's code).
      return_visit_seconds: +visitMedian.toFixed(3),
      return_visit_ratio_to_baseline: +(visitMedian / b).toFixed(2),
      return_visit_cpu_s: visits[visitTimes.indexOf(visitMedian)].cpu_s,
      // What the profile's code cache holds of compiled WebAssembly (DuckDB's) after those visits.
      wasm_code_cache_mb: wasmCodeCacheMb,
      decision_points: last.decision_points,
      expected: { decision_points: truth.decision_points, function_call: truth.function_call, message: truth.message },
      shown: { function_call: last.function_call, message: last.message },
      matches_truth: matches,
      runs: times.map((x) => +x.toFixed(3)),
      again_runs: again.map((x) => +x.toFixed(3)),
      return_visit_runs: visitTimes.map((x) => +x.toFixed(3)),
    };
  }
  return out;
}
