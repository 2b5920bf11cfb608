import { expect, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { reviewProgress, TMP } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "..");

/** JSONL bytes (a bundle file) as parsed rows. */
export const jsonLines = (bytes: Uint8Array) =>
  new TextDecoder()
    .decode(bytes)
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Accepts, in one bulk action, every candidate conversion kept (no skip reason): `kept` of them. */
export async function acceptKeptCandidates(page: Page, kept: number) {
  await page.getByTestId("filter-skip_reason").fill("null");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(kept));
  await page.getByTestId("bulk-accept").click();
  await page.getByTestId("bulk-confirm").click();
  await expect(reviewProgress(page)).toHaveAttribute("data-accepted", String(kept));
  await page.getByTestId("clear-filters").click();
}

/** Runs the export panel (open, options set) and returns the downloaded zip's files, name → bytes. */
export async function downloadBundle(page: Page, zipName: string): Promise<Record<string, Uint8Array>> {
  const download = page.waitForEvent("download");
  await page.getByTestId("export-run").click();
  const zipPath = path.join(TMP, zipName);
  mkdirSync(TMP, { recursive: true });
  await (await download).saveAs(zipPath);
  return unzipSync(readFileSync(zipPath));
}

/** Downloads the reviewer's decision log, as the app exports it; returns its path. */
export async function downloadDecisionLog(page: Page, name: string): Promise<string> {
  await page.getByTestId("log-exchange").locator("summary").click();
  const download = page.waitForEvent("download");
  await page.getByTestId("export-log").click();
  const logPath = path.join(TMP, name);
  await (await download).saveAs(logPath);
  return logPath;
}

/** Runs `pivot-studio export … --out <fresh folder>` and checks it wrote exactly the zip's files, byte for byte. */
export function expectCliWritesSameBundle(zip: Record<string, Uint8Array>, outName: string, args: string[]) {
  const out = path.join(TMP, outName);
  rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(ROOT, "bin/pivot-studio.mjs"), "export", ...args, "--out", out]);
  const names = Object.keys(zip).sort();
  expect(readdirSync(out).sort()).toEqual(names);
  for (const name of names) expect([name, Buffer.compare(readFileSync(path.join(out, name)), Buffer.from(zip[name]!))]).toEqual([name, 0]);
  return out;
}
