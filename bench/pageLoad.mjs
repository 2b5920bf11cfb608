// One way to time a load in the app, for every browser benchmark: in the page, from the input's change event
// (the file is chosen) until the load status says ready and the metrics are on screen. Playwright's own file
// hand-over is not part of the app, so it is not counted. A page that already shows a file counts from the change
// until its status has left "ready" and come back to it with the new file's metrics.

/** Opens `file` in `page` (already at the app, database ready) and returns {chosen, ready, done} page times, in ms. */
export async function timedOpen(page, file, timeout = 600_000) {
  await page.evaluate(() => {
    const w = window;
    w.__bench = {};
    document.addEventListener(
      "change",
      () => {
        w.__bench.chosen = performance.now();
        let left = false;
        const poll = () => {
          const ready = document.querySelector('[data-testid="load-status"][data-state="ready"]');
          const metrics = document.querySelector('[data-testid="metric-action_type"] tr');
          left ||= !ready;
          if (left && ready && !w.__bench.ready) w.__bench.ready = performance.now();
          if (left && ready && metrics) w.__bench.done = performance.now();
          else requestAnimationFrame(poll);
        };
        poll();
      },
      { capture: true, once: true },
    );
  });
  await page.getByTestId("file-input").setInputFiles(file);
  await page.waitForFunction(() => window.__bench.done !== undefined, undefined, { timeout });
  const t = await page.evaluate(() => window.__bench);
  const marks = await page.evaluate(() =>
    performance.getEntriesByType("measure").filter((m) => m.name.startsWith("ingest:")).map((m) => `${m.name} ${Math.round(m.duration)}`),
  );
  return { ...t, marks };
}
