import { expect, test, type Download, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { TMP, dp, writeTmp, SAMPLE_PIVOTS, expectProgress, openAsReviewer } from "./helpers";

/**
 * Browser storage that fails: IndexedDB missing or refusing to open (private windows, blocked origins), and
 * storage full (a write's transaction aborts with QuotaExceededError, as the browser reports it at commit).
 * The reviewer is told at once, decisions keep applying in the tab, and the downloadable log has every one.
 */

interface LoggedEvent {
  kind: string;
  verdict?: string;
  reason?: string;
  keys?: string[];
  reviewer: string;
}

async function saveDownload(download: Promise<Download>, name: string): Promise<{ file: string; events: LoggedEvent[] }> {
  const file = path.join(TMP, name);
  writeTmp(name, "");
  await (await download).saveAs(file);
  const events = readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LoggedEvent);
  return { file, events };
}

async function downloadFromBanner(page: Page, name: string) {
  const download = page.waitForEvent("download");
  await page.getByTestId("storage-download").click();
  return saveDownload(download, name);
}

const UNAVAILABLE = {
  // No IndexedDB at all.
  "IndexedDB missing": () => {
    Object.defineProperty(window, "indexedDB", { get: () => undefined, configurable: true });
  },
  // Opening fails with an error event, as private windows of some browsers do.
  "IndexedDB refusing to open": () => {
    IDBFactory.prototype.open = function () {
      const request = {
        result: undefined,
        error: new DOMException("A mutation operation was attempted on a database that did not allow mutations.", "InvalidStateError"),
        onsuccess: null as null | (() => void),
        onerror: null as null | (() => void),
        onupgradeneeded: null as null | (() => void),
      };
      setTimeout(() => request.onerror?.(), 0);
      return request as unknown as IDBOpenDBRequest;
    };
  },
};

for (const [how, script] of Object.entries(UNAVAILABLE)) {
  test(`${how}: told at once, decisions still apply in the tab, and the downloaded log has them all`, async ({ page, browser }) => {
    await page.addInitScript(script);
    await page.goto("/");
    // Before any file is opened.
    const banner = page.getByTestId("storage-problem");
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("cannot be saved");

    await openAsReviewer(page, SAMPLE_PIVOTS);
    await expect(banner).toBeVisible();
    await expect(dp(page)).toHaveAttribute("data-line", "1");
    await page.keyboard.press("a");
    await expect(dp(page)).toHaveAttribute("data-line", "2");
    await page.keyboard.press("r");
    await page.keyboard.press("2");
    await expect(dp(page)).toHaveAttribute("data-line", "3");
    await expectProgress(page, 2, 1, 1);
    await expect(banner).toHaveAttribute("data-unsaved", "2");
    await page.keyboard.press("k");
    await expect(dp(page)).toHaveAttribute("data-verdict", "rejected");
    await page.keyboard.press("k");
    await expect(dp(page)).toHaveAttribute("data-verdict", "accepted");
    // Undo works in memory too, and is itself in the log.
    await page.keyboard.press("u");
    await expectProgress(page, 1, 1, 0);
    await page.keyboard.press("U");
    await expectProgress(page, 2, 1, 1);

    const { file, events } = await downloadFromBanner(page, `unavailable-${how.split(" ")[1]}.jsonl`);
    expect(events.map((e) => [e.kind, e.verdict ?? "", e.reason ?? "", e.reviewer])).toEqual([
      ["decide", "accepted", "", "alice"],
      ["decide", "rejected", "wrong_arguments", "alice"],
      ["undo", "", "", "alice"],
      ["redo", "", "", "alice"],
    ]);

    // The log restores the same decisions in a browser whose storage works.
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto("/");
    await openAsReviewer(other, SAMPLE_PIVOTS);
    await expect(other.getByTestId("storage-problem")).toHaveCount(0);
    await other.getByTestId("log-exchange").locator("summary").click();
    await other.getByTestId("import-log").setInputFiles(file);
    await expect(other.getByTestId("merge-report")).toHaveAttribute("data-only-theirs", "2");
    await other.getByTestId("merge-apply").click();
    await expectProgress(other, 2, 1, 1);
    await expect(dp(other)).toHaveAttribute("data-verdict", "accepted");
    await context.close();
  });
}

/** Storage full on demand: while `__storageFull` is set, each write's transaction aborts with QuotaExceededError. */
function storageFullSwitch() {
  const add = IDBObjectStore.prototype.add;
  IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["add"]>) {
    const request = add.apply(this, args);
    if ((window as { __storageFull?: boolean }).__storageFull) {
      const tx = this.transaction;
      request.addEventListener("success", () => {
        Object.defineProperty(tx, "error", { value: new DOMException("The quota has been exceeded.", "QuotaExceededError") });
        tx.abort();
      });
    }
    return request;
  };
}

const setStorageFull = (page: Page, full: boolean) => page.evaluate((f) => ((window as { __storageFull?: boolean }).__storageFull = f), full);

test("storage full: the failed decision is kept in the tab, counted as unsaved, downloadable, and saved once storage has room", async ({ page }) => {
  await page.addInitScript(storageFullSwitch);
  await page.goto("/");
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await page.keyboard.press("a");
  await expectProgress(page, 1, 1, 0);
  const banner = page.getByTestId("storage-problem");
  await expect(banner).toHaveCount(0);

  await setStorageFull(page, true);
  await page.keyboard.press("a");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("Browser storage is full");
  await expect(banner).toHaveAttribute("data-unsaved", "1");
  // Kept in this tab, as the banner says: counted and shown, and the reviewer moves on.
  await expectProgress(page, 2, 2, 0);
  await expect(dp(page)).toHaveAttribute("data-line", "3");
  await page.keyboard.press("r");
  await page.keyboard.press("3");
  await expect(banner).toHaveAttribute("data-unsaved", "2");
  await expectProgress(page, 3, 2, 1);

  const { events } = await downloadFromBanner(page, "storage-full.jsonl");
  expect(events.map((e) => [e.kind, e.verdict, e.reason ?? ""])).toEqual([
    ["decide", "accepted", ""],
    ["decide", "accepted", ""],
    ["decide", "rejected", "should_be_message"],
  ]);

  // Room again: the next decision writes the two waiting ones with it, and the banner goes.
  await setStorageFull(page, false);
  await page.keyboard.press("a");
  await expect(banner).toHaveCount(0);
  await expectProgress(page, 4, 3, 1);
  await page.reload();
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await expectProgress(page, 4, 3, 1);
  await page.keyboard.press("g");
  await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  await expect(dp(page)).toHaveAttribute("data-verdict", "accepted");
});

test("storage full, then the tab is left: leaving asks first, and the downloaded log brings back what storage refused", async ({ page }) => {
  await page.addInitScript(storageFullSwitch);
  await page.goto("/");
  await openAsReviewer(page, SAMPLE_PIVOTS);
  await page.keyboard.press("a");
  await expectProgress(page, 1, 1, 0);
  await setStorageFull(page, true);
  await page.keyboard.press("r");
  await page.keyboard.press("1");
  await expect(page.getByTestId("storage-problem")).toHaveAttribute("data-unsaved", "1");
  await expectProgress(page, 2, 1, 1);
  const { file } = await downloadFromBanner(page, "storage-full-left.jsonl");

  const asked: string[] = [];
  page.on("dialog", (d) => {
    asked.push(d.type());
    void d.accept();
  });
  await page.reload();
  expect(asked).toEqual(["beforeunload"]);
  await openAsReviewer(page, SAMPLE_PIVOTS);
  // Storage has only what it accepted…
  await expectProgress(page, 1, 1, 0);
  // …and the downloaded log has the rest.
  await page.getByTestId("log-exchange").locator("summary").click();
  await page.getByTestId("import-log").setInputFiles(file);
  const report = page.getByTestId("merge-report");
  await expect(report).toHaveAttribute("data-agreements", "1");
  await expect(report).toHaveAttribute("data-only-theirs", "1");
  await page.getByTestId("merge-apply").click();
  await expectProgress(page, 2, 1, 1);
});
