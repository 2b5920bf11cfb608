import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { dp, gym, writeTmp, SAMPLE_PIVOTS, reviewProgress, expectProgress, openAsReviewer, openFiles, setReviewer } from "./helpers";

const sampleLines = () => readFileSync(SAMPLE_PIVOTS, "utf8").split("\n").filter(Boolean);

/** Accept line 1, reject line 2 (wrong arguments), with the keyboard; returns the rows' texts. */
async function decideFirstTwo(page: Page) {
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await page.keyboard.press("a");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  await page.keyboard.press("r");
  await expect(page.getByTestId("reason-picker")).toBeVisible();
  await page.keyboard.press("2");
  await expect(dp(page)).toHaveAttribute("data-line", "3");
  await expectProgress(page, 2, 1, 1);
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

test("until the reviewer gives a name, the page says decisions are signed anonymous", async ({ page }) => {
  await openFiles(page, SAMPLE_PIVOTS);
  await expect(page.getByTestId("reviewer-hint")).toBeVisible();
  // `a` accepts and moves on to the next unreviewed row; `k` steps back to the decided one.
  const acceptAndStepBack = async () => {
    await expect(dp(page)).toHaveAttribute("data-line", "1");
    await page.keyboard.press("a");
    await expect(dp(page)).toHaveAttribute("data-line", "2");
    await page.keyboard.press("k");
    await expect(dp(page)).toHaveAttribute("data-line", "1");
  };
  await acceptAndStepBack();
  await expect(page.getByTestId("current-verdict")).toHaveText("accepted · anonymous");
  await setReviewer(page, "erin");
  await expect(page.getByTestId("reviewer-hint")).toHaveCount(0);
  await acceptAndStepBack();
  await expect(page.getByTestId("current-verdict")).toHaveText("accepted · erin");
});

test("accept and reject with the keyboard, undo and redo, and see verdicts on the decision point", async ({ page }) => {
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await expect(reviewProgress(page)).toHaveAttribute("data-total", String(sampleLines().length));
  await expectProgress(page, 0, 0, 0);
  await decideFirstTwo(page);

  await page.keyboard.press("k");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  await expect(dp(page)).toHaveAttribute("data-verdict", "rejected");
  await expect(page.getByTestId("current-verdict")).toContainText("Wrong arguments");
  await page.keyboard.press("k");
  await expect(dp(page)).toHaveAttribute("data-verdict", "accepted");

  // u undoes the rejection, shift+u redoes it; ctrl+z / ctrl+shift+z and the buttons do the same.
  await page.keyboard.press("u");
  await expectProgress(page, 1, 1, 0);
  await page.keyboard.press("Shift+U");
  await expectProgress(page, 2, 1, 1);
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await expectProgress(page, 0, 0, 0);
  await page.keyboard.press("Control+Shift+Z");
  await expectProgress(page, 1, 1, 0);
  await page.getByTestId("redo").click();
  await expectProgress(page, 2, 1, 1);
  await page.getByTestId("undo").click();
  await expectProgress(page, 1, 1, 0);
  // Focus stays usable after a button: the keyboard keeps working.
  await page.keyboard.press("n");
  await expect(dp(page)).toHaveAttribute("data-verdict", "unreviewed");

  // Buttons do what keys do; the audit lists the rejection with its reason and reviewer.
  await page.getByTestId("verdict-reject").click();
  await page.getByTestId("reason-too_easy").click();
  await expectProgress(page, 2, 1, 1);
  await page.getByTestId("audit").locator("summary").click();
  const entry = page.locator('[data-testid="audit-entry"][data-source="review"]');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Too easy");
  await expect(entry).toContainText("alice");
  await entry.getByTestId("audit-restore").click();
  await expectProgress(page, 1, 1, 0);
  await expect(page.getByTestId("key-help")).toHaveCount(0);
  await page.keyboard.press("?");
  await expect(page.getByTestId("key-help")).toContainText("reject with a reason");
});

test("identical lines share one decision, and the counts count both rows, even for a decision made at once", async ({ page }) => {
  // The last line repeats line 1 byte for byte: one content hash, two rows.
  const lines = sampleLines().slice(0, 6);
  const file = writeTmp("twin-lines.jsonl", [...lines, lines[0]].join("\n") + "\n");
  await openAsReviewer(page, file);
  await expect(reviewProgress(page)).toHaveAttribute("data-total", "7");
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await page.keyboard.press("a");
  await expectProgress(page, 2, 2, 0);
  await page.keyboard.press("End");
  await expect(dp(page)).toHaveAttribute("data-line", "7");
  await expect(dp(page)).toHaveAttribute("data-verdict", "accepted");
  await page.keyboard.press("u");
  await expectProgress(page, 0, 0, 0);
});

test("bulk-reject a filtered set, undo it in one step; the queue filters by verdict", async ({ page }) => {
  await openAsReviewer(page, SAMPLE_PIVOTS);
  const messages = sampleLines().filter((l) => (JSON.parse(l) as { expected_action: { type: string } }).expected_action.type === "message").length;
  await page.getByTestId("filter-action_type").fill("=message");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(messages));
  // One of them accepted by hand first: the dialog says the bulk decision overwrites it.
  const firstMessage = sampleLines().findIndex((l) => (JSON.parse(l) as { expected_action: { type: string } }).expected_action.type === "message") + 1;
  await expect(dp(page)).toHaveAttribute("data-line", String(firstMessage));
  await page.getByTestId("filter-action_type").blur(); // keys typed in a box are text, not shortcuts
  await page.keyboard.press("a");
  await expectProgress(page, 1, 1, 0);
  await page.getByTestId("bulk-reject").click();
  await expect(page.getByTestId("bulk-dialog")).toHaveAttribute("data-count", String(messages));
  await expect(page.getByTestId("bulk-overwrites")).toHaveAttribute("data-count", "1");
  await expect(page.getByTestId("bulk-overwrites")).toContainText("1 of them was accepted by a reviewer: this overwrites that decision");
  await page.getByTestId("bulk-reason").selectOption("should_be_tool_call");
  await page.getByTestId("bulk-confirm").click();
  await expectProgress(page, messages, 0, messages);
  await page.getByTestId("clear-filters").click();
  await page.getByTestId("queue-rejected").click();
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(messages));
  // One undo reverts the bulk decision, and brings the hand-made acceptance back.
  await page.getByTestId("undo").click();
  await expectProgress(page, 1, 1, 0);
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "0");
  await page.getByTestId("queue-unreviewed").click();
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(sampleLines().length - 1));
});

test("decisions survive a reload and re-attach to a shuffled, renamed copy of the file", async ({ page }) => {
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await decideFirstTwo(page);
  await page.reload();
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await expectProgress(page, 2, 1, 1);
  // Line 1 is accepted, line 2 rejected.
  await page.keyboard.press("g");
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await expect(dp(page)).toHaveAttribute("data-verdict", "accepted");
  await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-verdict", "rejected");

  // Same rows, another order and name: line 2 moved to the end, line 1 to the middle.
  const lines = sampleLines();
  const shuffled = [...lines.slice(2, 40), lines[0]!, ...lines.slice(40), lines[1]!];
  await openAsReviewer(page, writeTmp("shuffled-renamed.jsonl", shuffled.join("\n") + "\n"));
  await expectProgress(page, 2, 1, 1);
  await page.getByTestId("jump-line").fill(String(shuffled.length));
  await page.getByTestId("jump-line").press("Enter");
  await expect(dp(page)).toHaveAttribute("data-verdict", "rejected");
  await page.getByTestId("jump-line").fill("39");
  await page.getByTestId("jump-line").press("Enter");
  await expect(dp(page)).toHaveAttribute("data-verdict", "accepted");

  // A changed file: the decision whose row is gone is reported, not silently dropped.
  await openAsReviewer(page, writeTmp("changed.jsonl", lines.slice(1).join("\n") + "\n"));
  await expectProgress(page, 1, 0, 1);
  // Said beside the progress, without opening the log panel.
  await expect(page.getByTestId("orphans-hint")).toHaveText("1 earlier decision matches no row here (see Decision log)");
  await page.getByTestId("log-exchange").locator("summary").click();
  await expect(page.getByTestId("orphans")).toHaveAttribute("data-count", "1");
});

test("export the log, clear storage, import it: the same state", async ({ page }) => {
  page.on("dialog", (d) => void d.accept());
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await decideFirstTwo(page);
  await page.getByTestId("log-exchange").locator("summary").click();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-log").click();
  const logPath = path.join(path.dirname(writeTmp("x", "")), "alice-log.jsonl");
  await (await download).saveAs(logPath);
  const events = readFileSync(logPath, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { kind: string; reviewer: string });
  expect(events.map((e) => [e.kind, e.reviewer])).toEqual([["decide", "alice"], ["decide", "alice"]]);

  await page.getByTestId("clear-review").click();
  await expectProgress(page, 0, 0, 0);
  await page.reload();
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await expectProgress(page, 0, 0, 0);
  await page.getByTestId("log-exchange").locator("summary").click();
  await page.getByTestId("import-log").setInputFiles(logPath);
  await expect(page.getByTestId("merge-report")).toHaveAttribute("data-only-theirs", "2");
  await expect(page.getByTestId("merge-report")).toHaveAttribute("data-unmatched", "0");
  await page.getByTestId("merge-apply").click();
  await expectProgress(page, 2, 1, 1);
  await page.keyboard.press("g");
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await expect(dp(page)).toHaveAttribute("data-verdict", "accepted");

  // The same log imported over another file, in a browser without it: its decisions match no row here.
  await openFiles(page, gym("single_step_example.jsonl"));
  const exchange = page.getByTestId("log-exchange");
  if (!(await exchange.evaluate((d) => (d as HTMLDetailsElement).open))) await exchange.locator("summary").click();
  await page.getByTestId("clear-review").click();
  await expectProgress(page, 0, 0, 0);
  await page.getByTestId("import-log").setInputFiles(logPath);
  await expect(page.getByTestId("merge-report")).toHaveAttribute("data-unmatched", "2");
  await expect(page.getByTestId("merge-unmatched")).toContainText("2 of the new decisions match no row of the open files");
});

test("import two reviewers' conflicting logs: agreements, conflicts and counts, resolved by choice", async ({ page }) => {
  page.on("dialog", (d) => void d.accept());
  const dir = path.dirname(writeTmp("x", ""));
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await page.getByTestId("log-exchange").locator("summary").click();
  const saveLog = async (name: string) => {
    const download = page.waitForEvent("download");
    await page.getByTestId("export-log").click();
    await (await download).saveAs(path.join(dir, name));
    await page.getByTestId("clear-review").click();
    await expectProgress(page, 0, 0, 0);
  };
  // alice: accept 1, accept 2, accept 3. bob: accept 1, reject 2, reject 3.
  for (const key of ["a", "a", "a"]) await page.keyboard.press(key);
  await expectProgress(page, 3, 3, 0);
  await saveLog("alice.jsonl");
  await setReviewer(page, "bob");
  await page.getByTestId("jump-line").fill("1");
  await page.getByTestId("jump-line").press("Enter");
  await page.keyboard.press("a");
  await page.keyboard.press("r");
  await page.keyboard.press("1");
  await page.keyboard.press("r");
  await page.keyboard.press("2");
  await expectProgress(page, 3, 1, 2);
  await saveLog("bob.jsonl");

  await page.getByTestId("import-log").setInputFiles(path.join(dir, "alice.jsonl"));
  await page.getByTestId("merge-apply").click();
  await expectProgress(page, 3, 3, 0);
  await page.getByTestId("import-log").setInputFiles(path.join(dir, "bob.jsonl"));
  const report = page.getByTestId("merge-report");
  await expect(report).toHaveAttribute("data-agreements", "1");
  await expect(report).toHaveAttribute("data-conflicts", "2");
  await expect(report.locator('[data-testid="reviewer-count"][data-reviewer="bob"]')).toHaveAttribute("data-rejected", "2");
  await expect(page.getByTestId("merge-apply")).toBeDisabled();
  // Each conflict names its row (lines 2 and 3), and steps to it.
  await expect(page.getByTestId("conflict-open")).toHaveText(["sample-pivots.jsonl:2", "sample-pivots.jsonl:3"]);
  await page.getByTestId("conflict-open").nth(1).click();
  await expect(dp(page)).toHaveAttribute("data-line", "3");
  await page.getByTestId("conflict").nth(0).getByTestId("conflict-right").check();
  await expect(page.getByTestId("merge-apply")).toBeDisabled();
  await page.getByTestId("conflict").nth(1).getByTestId("conflict-left").check();
  await page.getByTestId("merge-apply").click();
  await expectProgress(page, 3, 2, 1);
});

test("fault: killing the page during a bulk decision of 5,000 rows applies all or none of it, and loses nothing else", async ({ page, context }) => {
  const base = sampleLines();
  const rows = Array.from({ length: 5000 }, (_, i) => {
    const row = JSON.parse(base[i % base.length]!) as Record<string, unknown>;
    return JSON.stringify({ ...row, uuid: `row-${i}` });
  });
  const file = writeTmp("five-thousand.jsonl", rows.join("\n") + "\n");
  await openAsReviewer(page, file);
  await page.keyboard.press("a");
  await page.keyboard.press("r");
  await page.keyboard.press("3");
  await expectProgress(page, 2, 1, 1);
  await page.getByTestId("bulk-reject").click();
  await expect(page.getByTestId("bulk-dialog")).toHaveAttribute("data-count", "5000");
  await page.getByTestId("bulk-confirm").click();
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto("/");
  await openAsReviewer(again, file);
  const reviewed = Number(await again.getByTestId("review-progress").getAttribute("data-reviewed"));
  if (reviewed === 5000) await expectProgress(again, 5000, 0, 5000);
  else await expectProgress(again, 2, 1, 1);
});
