import { expect, test } from "@playwright/test";
import { SAMPLE, dp, gym, jsonlRows, openFiles, writeTmp } from "./helpers";

test("a reload returns to the same decision point once the file is opened again", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, gym("single_step_example.jsonl"));
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-line", "3");
  await expect(page).toHaveURL(/file=single_step_example\.jsonl&line=3/);
  await page.reload();
  await expect(page).toHaveURL(/line=3/);
  // Files are never stored: the page says which one to open again.
  await expect(page.getByTestId("pending-link")).toContainText("decision point 3 of single_step_example.jsonl (its line 3 if it holds pivot rows): open that file to go there");
  await openFiles(page, gym("single_step_example.jsonl"));
  await expect(dp(page)).toHaveAttribute("data-line", "3");
  await expect(dp(page)).toHaveAttribute("data-tool-name", "transfer_to_human_agents");
});

test("two open files of one name (from two folders): the link names which one, and a reload returns to it", async ({ page }) => {
  const rows = jsonlRows(gym("single_step_example.jsonl"));
  const toolOf = (r: Record<string, unknown>) => (r.expected_action as { name?: string }).name ?? "";
  // The same rows, in another order: line 1 of the second file is line 5 of the first.
  const reordered = [...rows].reverse();
  expect(toolOf(reordered[0]!)).not.toBe(toolOf(rows[0]!));
  const first = writeTmp("copy-a/rollouts.jsonl", rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const second = writeTmp("copy-b/rollouts.jsonl", reordered.map((r) => JSON.stringify(r)).join("\n") + "\n");
  await page.goto("/");
  await openFiles(page, [first, second]);
  await page.keyboard.press("Shift+G");
  await page.keyboard.press("g");
  // The table lists the first file's rows, then the second's: step to the second file's line 1.
  for (let i = 0; i < rows.length; i++) await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await expect(dp(page)).toHaveAttribute("data-tool-name", toolOf(reordered[0]!));
  await expect(page).toHaveURL(/file=rollouts\.jsonl&line=1&copy=2/);
  await page.reload();
  await openFiles(page, [first, second]);
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await expect(dp(page)).toHaveAttribute("data-tool-name", toolOf(reordered[0]!));
});

test("a shared link replays the view: filter and row", async ({ page, context }) => {
  await page.goto("/");
  await openFiles(page, `${SAMPLE}/sample-pivots.jsonl`);
  await page.getByTestId("filter-tool_name").fill("cancel_reservation");
  await expect(dp(page)).toHaveAttribute("data-tool-name", "cancel_reservation");
  await page.keyboard.press("j");
  const total = await page.getByTestId("row-table").getAttribute("data-total");
  const line = await dp(page).getAttribute("data-line");
  const url = page.url();
  expect(url).toContain("view=");
  const other = await context.newPage();
  await other.goto(url);
  await openFiles(other, `${SAMPLE}/sample-pivots.jsonl`);
  await expect(other.getByTestId("row-table")).toHaveAttribute("data-total", total!);
  await expect(other.getByTestId("filter-tool_name")).toHaveValue("cancel_reservation");
  await expect(dp(other)).toHaveAttribute("data-line", line!);
});

test("a link with a hostile view parameter is ignored, not executed as SQL", async ({ page }) => {
  await page.goto(`/?view=${encodeURIComponent(JSON.stringify({ filters: [{ column: "line); DROP TABLE rows; --", value: "1" }] }))}`);
  await openFiles(page, gym("single_step_example.jsonl"));
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "5");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "5");
});
