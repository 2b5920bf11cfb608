import { expect, type Page } from "@playwright/test";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const GYM = path.resolve(import.meta.dirname, "../../shared/fixtures/nemo-gym");
export const SAMPLE = path.resolve(import.meta.dirname, "../public/sample");
export const TMP = path.resolve(import.meta.dirname, "../test-results/e2e-data");

export function gym(name: string) {
  return path.join(GYM, name);
}

/** Writes a generated test file (bytes or text) and returns its path. */
export function writeTmp(name: string, content: string | Uint8Array): string {
  const p = path.join(TMP, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

/** Rows of a JSONL file, parsed by the test itself (not by the app). */
export function jsonlRows(file: string): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

export async function openFiles(page: Page, files: string | string[]) {
  await page.getByTestId("file-input").setInputFiles(files);
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "ready");
}

export async function currentLine(page: Page): Promise<number> {
  return Number(await page.getByTestId("decision-point").getAttribute("data-line"));
}

export const dp = (page: Page) => page.getByTestId("decision-point");

export const SAMPLE_PIVOTS = path.join(SAMPLE, "sample-pivots.jsonl");

/** The review progress counter (`data-reviewed`, `data-accepted`, `data-rejected`, `data-total`). */
export const reviewProgress = (page: Page) => page.getByTestId("review-progress");

export async function expectProgress(page: Page, reviewed: number, accepted: number, rejected: number) {
  await expect(reviewProgress(page)).toHaveAttribute("data-reviewed", String(reviewed));
  await expect(reviewProgress(page)).toHaveAttribute("data-accepted", String(accepted));
  await expect(reviewProgress(page)).toHaveAttribute("data-rejected", String(rejected));
}

/** Types the reviewer's name (asked once, then kept locally). */
export async function setReviewer(page: Page, name: string) {
  await page.getByTestId("reviewer-name").fill(name);
  await page.getByTestId("reviewer-name").blur();
}

/** Opens files; the first time, the reviewer gives their name (kept locally after that). */
export async function openAsReviewer(page: Page, file: string, name = "alice") {
  await openFiles(page, file);
  if (!(await page.getByTestId("reviewer-name").inputValue())) await setReviewer(page, name);
}
