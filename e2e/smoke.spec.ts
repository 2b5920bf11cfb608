import { expect, test } from "@playwright/test";
import path from "node:path";

test("smoke", async ({ page }) => {
  page.on("console", (m) => console.log("console:", m.type(), m.text()));
  page.on("pageerror", (e) => console.log("pageerror:", e.message));
  await page.goto("/");
  await page.getByTestId("file-input").setInputFiles(path.resolve("../shared/fixtures/nemo-gym/single_step_example.jsonl"));
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("decision-point")).toBeVisible();
  await page.screenshot({ path: "test-results/smoke.png", fullPage: false });
});
