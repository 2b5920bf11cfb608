import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { TMP, dp, writeTmp, SAMPLE_PIVOTS, expectProgress, openAsReviewer } from "./helpers";

/** Reasons of the reviewer's own: added in the picker, picked by digit or click, kept across reloads, counted. */

const auditCount = (page: Page, reason: string) => page.locator(`[data-testid="audit-reason"][data-source="review"][data-reason="${reason}"]`);

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

test("add a reason of my own, reject with it by digit and by click; it survives a reload and shows in the audit and the queue", async ({ page }) => {
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await page.keyboard.press("r");
  const picker = page.getByTestId("reason-picker");
  await expect(picker).toBeVisible();
  await page.getByTestId("reason-new").fill("Leaks PII");
  await page.getByTestId("reason-new").press("Enter");
  // The eleventh reason: the picker shows the next ten, where its digit is 1.
  const mine = page.getByTestId("reason-leaks_pii");
  await expect(mine).toHaveText(/Leaks PII/);
  await expect(picker).toHaveAttribute("data-page", "1");
  await expect(mine).toHaveAttribute("data-digit", "1");
  await page.keyboard.press("1");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  await expectProgress(page, 1, 0, 1);

  // From the keyboard alone: r opens the first ten, r again the next ten, 1 picks it.
  await page.keyboard.press("r");
  await expect(picker).toHaveAttribute("data-page", "0");
  await expect(page.getByTestId("reason-wrong_tool")).toHaveAttribute("data-digit", "1");
  await page.keyboard.press("r");
  await expect(picker).toHaveAttribute("data-page", "1");
  await page.keyboard.press("1");
  await expect(dp(page)).toHaveAttribute("data-line", "3");
  // And by click.
  await page.getByTestId("verdict-reject").click();
  await page.getByTestId("reason-leaks_pii").click();
  await expect(dp(page)).toHaveAttribute("data-line", "4");
  await page.keyboard.press("a");
  await expectProgress(page, 4, 1, 3);

  // The same name again is refused, with a message.
  await page.keyboard.press("r");
  await page.getByTestId("reason-new").fill("leaks  pii");
  await page.getByTestId("reason-add").click();
  await expect(page.getByTestId("reason-error")).toContainText("already a reason");
  await page.keyboard.press("Escape");
  await expect(picker).toHaveCount(0);

  await page.reload();
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await expectProgress(page, 4, 1, 3);
  await page.keyboard.press("g");
  await expect(dp(page)).toHaveAttribute("data-verdict", "rejected");
  await expect(page.getByTestId("current-verdict")).toContainText("Leaks PII");
  await page.keyboard.press("r");
  await expect(page.getByTestId("reason-leaks_pii")).toHaveText(/Leaks PII/);
  await page.keyboard.press("Escape");

  await page.getByTestId("audit").locator("summary").click();
  await expect(auditCount(page, "leaks_pii")).toHaveAttribute("data-count", "3");
  await expect(auditCount(page, "leaks_pii")).toContainText("Leaks PII");
  await expect(page.locator('[data-testid="audit-entry"][data-reason="leaks_pii"]')).toHaveCount(3);

  await page.getByTestId("queue-reason").selectOption("leaks_pii");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "3");
  await expect(dp(page)).toHaveAttribute("data-verdict", "rejected");
  await page.getByTestId("queue-reason").selectOption("");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(readFileSync(SAMPLE_PIVOTS, "utf8").split("\n").filter(Boolean).length));
});

test("a colleague's own reason codes in an imported log show in the picker, the audit and the queue", async ({ page }) => {
  page.on("dialog", (d) => void d.accept());
  await openAsReviewer(page, SAMPLE_PIVOTS);
  // A log to hand over: two rejections, whose reason is then renamed to a code this browser does not know.
  await page.keyboard.press("r");
  await page.keyboard.press("1");
  await page.keyboard.press("r");
  await page.keyboard.press("1");
  await expectProgress(page, 2, 0, 2);
  await page.getByTestId("log-exchange").locator("summary").click();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-log").click();
  const exported = path.join(TMP, "exported.jsonl");
  writeTmp("exported.jsonl", "");
  await (await download).saveAs(exported);
  const theirs = writeTmp(
    "bob-own-reasons.jsonl",
    readFileSync(exported, "utf8").replaceAll('"reason":"wrong_tool"', '"reason":"hallucinated_api"').replaceAll('"reviewer":"alice"', '"reviewer":"bob"'),
  );
  await page.getByTestId("clear-review").click();
  await expectProgress(page, 0, 0, 0);

  await page.getByTestId("import-log").setInputFiles(theirs);
  await expect(page.getByTestId("merge-report")).toHaveAttribute("data-only-theirs", "2");
  await page.getByTestId("merge-apply").click();
  await expectProgress(page, 2, 0, 2);

  await page.getByTestId("audit").locator("summary").click();
  await expect(auditCount(page, "hallucinated_api")).toHaveAttribute("data-count", "2");
  await expect(auditCount(page, "hallucinated_api")).toContainText("Hallucinated api");
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press("r");
  await expect(page.getByTestId("reason-hallucinated_api")).toBeVisible();
  await page.keyboard.press("Escape");
  await page.getByTestId("queue-reason").selectOption("hallucinated_api");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "2");

  // After a reload the code is still known: it comes back with the stored log.
  await page.reload();
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await expectProgress(page, 2, 0, 2);
  await page.keyboard.press("r");
  await expect(page.getByTestId("reason-hallucinated_api")).toBeVisible();
});
