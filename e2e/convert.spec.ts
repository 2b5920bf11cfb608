import { expect, test, type Page } from "@playwright/test";
import { dp, gym, jsonlRows, openFiles } from "./helpers";

type Obj = Record<string, unknown>;
const TAU2 = gym("tau2_example_rollouts.jsonl");

async function jumpTo(page: Page, line: number) {
  await page.getByTestId("jump-line").fill(String(line));
  await page.getByTestId("jump-line").press("Enter");
  await expect(dp(page)).toHaveAttribute("data-line", String(line));
}

test("tau2 rollouts open as decision points; the prefix ends just before the pinned action", async ({ page }) => {
  // The pinned action of line 1: the first assistant turn of response.output (a narrated transfer call).
  // Everything before it is responses_create_params.input, which ends with the get_order_details call pair.
  const first = jsonlRows(TAU2)[0]!;
  const input = (first.responses_create_params as Obj).input as Obj[];
  const output = (first.response as Obj).output as Obj[];
  const pinned = output.find((i) => i.type === "function_call")!;
  const lastCall = input.findLast((i) => i.type === "function_call")!;
  expect([pinned.name, lastCall.name]).toEqual(["transfer_to_human_agents", "get_order_details"]);

  await page.goto("/");
  await openFiles(page, TAU2);
  await expect(page.getByTestId("file-kind")).toHaveAttribute("data-kind", "trajectories");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "25");
  // Line 1 holds four calls then a closing message: the pinned call is its fourth decision point.
  await jumpTo(page, 4);
  await expect(dp(page)).toContainText("source line 1 · action #3");
  await expect(dp(page)).toHaveAttribute("data-action-type", "function_call");
  await expect(dp(page)).toHaveAttribute("data-tool-name", String(pinned.name));
  const items = dp(page).getByTestId("prefix").getByTestId("prefix-item");
  await expect(items.last()).toHaveAttribute("data-kind", "function_call");
  await expect(items.last()).toContainText(String(lastCall.name));
  await expect(dp(page).getByTestId("prefix")).not.toContainText(String(pinned.name));
  await expect(dp(page).getByTestId("candidate-source")).toHaveAttribute("data-skip-reason", "");
  await expect(dp(page).getByTestId("row-findings")).toHaveAttribute("data-errors", "0");

  // The next decision point has the pinned call (and its output) at the end of its prefix.
  await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-action-type", "message");
  await expect(items.last()).toContainText(String(pinned.name));

  // The table's source-line column: one trajectory's decision points (line 5: four calls, then a message).
  await page.getByTestId("filter-source_line").fill("5");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "5");
  await expect(page.getByTestId("table-row").locator('[data-column="source_line"]')).toHaveText(["5", "5", "5", "5", "5"]);
  await expect(page.getByTestId("table-row").locator('[data-column="line"]')).toHaveText(["21", "22", "23", "24", "25"]);
  await page.getByTestId("table-row").first().click();
  await expect(dp(page)).toContainText("source line 5 · action #0");
});

test("skipped candidates are listed in the audit with their reasons; options convert again", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, TAU2);
  // Lines 2 and 5 are two rollouts of one task that open identically: line 5's first three calls are duplicates.
  await expect(page.getByTestId("file-kind")).toContainText("25 decision points: 22 kept, 3 skipped");
  await page.getByTestId("audit").locator("summary").click();
  await expect(page.getByTestId("audit-count")).toHaveAttribute("data-value", "3");
  const entries = page.getByTestId("audit-entry");
  await expect(entries).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(entries.nth(i)).toHaveAttribute("data-source", "auto");
    await expect(entries.nth(i)).toHaveAttribute("data-reason", "duplicate");
  }
  // Named as decision points (their number among the candidates), not as lines of the 5-line file.
  await expect(entries.getByTestId("audit-open")).toHaveText(["point 21", "point 22", "point 23"]);
  await entries.first().getByTestId("audit-open").click();
  await expect(dp(page).getByTestId("skip-reason")).toHaveText("duplicate");
  await expect(dp(page)).toContainText("source line 5 · action #0");

  // The conversion facet narrows the view to what conversion kept.
  await expect(page.getByTestId("metric-skip_reason").locator('tr[data-key="duplicate"]')).toHaveAttribute("data-count", "3");
  await page.getByTestId("metric-skip_reason").locator('tr[data-key="(kept)"]').getByTestId("facet").click();
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "22");
  await page.getByTestId("clear-filters").click();

  // What the export form holds survives converting again (the panel is mounted anew, open as it was left).
  await page.getByTestId("export-panel").locator("summary").click();
  await page.getByTestId("export-agent-name").fill("typed_agent");
  await page.getByTestId("export-split").check();
  await page.getByTestId("export-license").selectOption("MIT");

  // Keeping duplicates: every candidate is kept, and the choice survives a reload.
  await page.getByTestId("conversion-options").locator("summary").click();
  await page.getByTestId("conv-duplicates").uncheck();
  await page.getByTestId("conv-apply").click();
  await expect(page.getByTestId("file-kind")).toContainText("25 decision points: 25 kept, 0 skipped");
  await expect(page.getByTestId("export-panel")).toHaveAttribute("open", "");
  await expect(page.getByTestId("export-agent-name")).toHaveValue("typed_agent");
  await expect(page.getByTestId("export-split")).toBeChecked();
  await expect(page.getByTestId("export-license")).toHaveValue("MIT");
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "ready");
  await page.reload();
  await openFiles(page, TAU2);
  await expect(page.getByTestId("file-kind")).toContainText("25 kept, 0 skipped");
});

test("the conversion panel's reward filter: off keeps the reward-0 trajectory, a lower minimum lets it pass", async ({ page }) => {
  // workplace_assistant (rewards 0, 1, 1, 1, 1; counted in lib/convert/fixtures.test.ts): by default the reward-0
  // row's 2 candidates are skipped as source_reward_below.
  await page.goto("/");
  await openFiles(page, gym("workplace_assistant_example_rollouts.jsonl"));
  await expect(page.getByTestId("file-kind")).toContainText("13 decision points: 11 kept, 2 skipped");
  await page.getByTestId("conversion-options").locator("summary").click();
  const filter = page.getByLabel("only trajectories with reward ≥");
  const minimum = page.getByLabel("minimum source reward");
  await expect(filter).toBeChecked();
  // An empty box is not a minimum of 0: nothing to apply until it holds a number.
  await minimum.fill("");
  await expect(page.getByTestId("conv-apply")).toBeDisabled();
  await minimum.fill("1");
  await filter.uncheck();
  await expect(minimum).toBeDisabled();
  await page.getByTestId("conv-apply").click();
  await expect(page.getByTestId("file-kind")).toContainText("13 decision points: 13 kept, 0 skipped");

  // Applying reconverts; the panel stays open.
  await expect(page.getByTestId("conversion-options")).toHaveAttribute("open", "");
  await filter.check();
  await minimum.fill("0");
  await page.getByTestId("conv-apply").click();
  await expect(page.getByTestId("file-kind")).toContainText("13 decision points: 13 kept, 0 skipped");
  await minimum.fill("1");
  await page.getByTestId("conv-apply").click();
  await expect(page.getByTestId("file-kind")).toContainText("13 decision points: 11 kept, 2 skipped");
});
