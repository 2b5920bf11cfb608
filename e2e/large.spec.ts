import { expect, test } from "@playwright/test";
import { closeSync, openSync, writeSync } from "node:fs";
import { dp, gym, openFiles, writeTmp } from "./helpers";

/** Writes `rows` copies of a pivot row, each padded to about `bytes` bytes, without holding the file in memory. */
function bigFile(name: string, rows: number, bytes: number): string {
  const path = writeTmp(name, "");
  const fd = openSync(path, "w");
  const pad = "x".repeat(Math.max(0, bytes - 200));
  let chunk = "";
  for (let i = 1; i <= rows; i++) {
    chunk +=
      JSON.stringify({
        trajectory_id: Math.floor(i / 4),
        info: { turn: 1, step: i % 4, depth: i % 7 },
        responses_create_params: { input: [{ role: "user", content: `row ${i} ${pad}` }], tools: [{ type: "function", name: "t", parameters: {} }] },
        expected_action: i % 3 ? { type: "function_call", name: "t", arguments: `{"i": ${i}}` } : { type: "message", content: "ok" },
      }) + "\n";
    if (chunk.length > 1 << 22) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return path;
}

test("a load in progress shows bytes, rows and rows/s, and can be cancelled", async ({ page }) => {
  const file = bigFile("big-cancel.jsonl", 12_000, 30_000); // ~360 MB
  await page.goto("/");
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-db", "ready");
  await page.getByTestId("file-input").setInputFiles(file);
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "loading");
  const progress = page.getByTestId("load-progress");
  await expect(progress).toContainText(/\d+\.\d \/ 36\d\.\d MB · [\d,]+ rows\/s · big-cancel\.jsonl/);
  await page.getByTestId("cancel-load").click();
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "idle");
  await expect(page.getByText("Loading cancelled.")).toBeVisible();
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "0");
  // The next file loads normally (the workers were replaced).
  await openFiles(page, gym("single_step_example.jsonl"));
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "5");
});

test("the table stays usable at 100k rows: scroll, jump to the end, filter", async ({ page }) => {
  const file = bigFile("rows-100k.jsonl", 100_000, 250);
  await page.goto("/");
  await openFiles(page, file);
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "100000");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "100000");
  // Only a window of rows is in the DOM.
  expect(await page.getByTestId("table-row").count()).toBeLessThan(100);
  await page.keyboard.press("Shift+G");
  await expect(dp(page)).toHaveAttribute("data-line", "100000");
  await expect(page.locator('[data-testid="table-row"][data-line="100000"]')).toBeVisible();
  await page.getByTestId("filter-depth").fill("6");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(Math.floor(100_000 / 7)));
  await expect(page.locator('[data-testid="metric-depth"] tr')).toHaveCount(1);
});
