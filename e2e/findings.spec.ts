import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SAMPLE, dp, gym, openFiles, writeTmp } from "./helpers";

type Obj = Record<string, unknown>;

/** Sample rows with single function calls (clean under Gym's rules), then copies broken one way each. */
function contractErrorsFile(): { file: string; broken: Record<string, number[]> } {
  const rows = readFileSync(path.join(SAMPLE, "sample-pivots.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .filter((l) => (JSON.parse(l) as { expected_action: Obj }).expected_action.type === "function_call")
    .slice(0, 4);
  const edit = (line: string, change: (row: Obj) => void) => {
    const row = JSON.parse(line) as Obj;
    change(row);
    return JSON.stringify(row);
  };
  const params = (row: Obj) => row.responses_create_params as Obj;
  const lines = [
    rows[0]!,
    edit(rows[1]!, (r) => (params(r).metadata = null)),
    edit(rows[2]!, (r) => (params(r).tool_choice = "required")),
    edit(rows[3]!, (r) => ((r.expected_action as Obj).arguments = "{city: Paris}")),
    edit(rows[0]!, (r) => (params(r).metadata = null)),
    rows[0]!,
  ];
  const file = writeTmp("contract-errors.jsonl", lines.join("\n") + "\n");
  return { file, broken: { metadata_null: [2, 5], tool_choice_not_auto: [3], function_call_arguments_invalid_json: [4], duplicate_row: [6] } };
}

test("contract errors: facet counts, filter by finding code, badges on the rows and the decision point", async ({ page }) => {
  const { file, broken } = contractErrorsFile();
  await page.goto("/");
  await openFiles(page, file);
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "6");

  const facet = page.getByTestId("metric-finding");
  for (const [code, lines] of Object.entries(broken)) {
    await expect(facet.locator(`tr[data-key="${code}"]`)).toHaveAttribute("data-count", String(lines.length));
  }
  await expect(facet.locator('tr[data-key="(none)"]')).toHaveAttribute("data-count", "1");

  // Filter by typing a finding code: only the broken rows stay, each with its badge.
  await page.getByTestId("filter-finding_codes").fill("metadata_null");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "2");
  const tableRows = page.getByTestId("table-row");
  await expect(tableRows).toHaveCount(2);
  for (const [i, line] of broken.metadata_null!.entries()) {
    const row = tableRows.nth(i);
    await expect(row).toHaveAttribute("data-line", String(line));
    await expect(row.locator('[data-testid="finding-badge"][data-code="metadata_null"]')).toHaveAttribute("data-severity", "error");
  }

  // The decision point lists the finding with Gym's wording and where it is.
  await tableRows.nth(0).click();
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  const finding = dp(page).locator('[data-testid="finding"][data-code="metadata_null"]');
  await expect(finding).toContainText("responses_create_params.metadata");
  await expect(dp(page).getByTestId("row-findings")).toHaveAttribute("data-errors", "1");

  // Facets are filters too: clicking one replaces the finding filter.
  await page.getByTestId("clear-filters").click();
  await facet.locator('tr[data-key="duplicate_row"] [data-testid="facet"]').click();
  await expect(page.getByTestId("filter-finding_codes")).toHaveValue("duplicate_row");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "1");
  await expect(tableRows.nth(0)).toHaveAttribute("data-line", "6");
  await tableRows.nth(0).click();
  await expect(dp(page).locator('[data-testid="finding"][data-code="duplicate_row"]')).toContainText("same bytes as line 1");
  await expect(dp(page).getByTestId("row-findings")).toHaveAttribute("data-warnings", "1");
});

test("single_step_example.jsonl: every row lacks agent_ref and has metadata: null, where Gym's validator fails", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, gym("single_step_example.jsonl"));
  const facet = page.getByTestId("metric-finding");
  await expect(facet.locator('tr[data-key="required_key_missing"]')).toHaveAttribute("data-count", "5");
  await expect(facet.locator('tr[data-key="metadata_null"]')).toHaveAttribute("data-count", "5");
  await expect(dp(page).locator('[data-testid="finding"][data-code="required_key_missing"]')).toContainText("agent_ref");
});

/**
 * Opens a Gym fixture whose `rows` rows carry finding `code`, ticks the contract checks' option that accepts
 * them and applies it: the open files are checked again, and the finding is gone. Returns the findings facet.
 */
async function acceptInContractChecks(page: Page, fixture: string, code: string, rows: number, option: "opt-allow-batch" | "opt-allow-missing-tools") {
  await page.goto("/");
  await openFiles(page, gym(fixture));
  const facet = page.getByTestId("metric-finding");
  await expect(facet.locator(`tr[data-key="${code}"]`)).toHaveAttribute("data-count", String(rows));
  await page.getByTestId("validation-options").locator("summary").click();
  await page.getByTestId(option).check();
  await page.getByTestId("opt-apply").click();
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "ready");
  await expect(facet.locator(`tr[data-key="${code}"]`)).toHaveCount(0);
  return facet;
}

test("contract-check options: accepting function_call_batch re-checks the open files", async ({ page }) => {
  // Gym's validator script rejects batches; its verifier scores them.
  const facet = await acceptInContractChecks(page, "single_step_parallel_example.jsonl", "expected_action_type_unsupported", 3, "opt-allow-batch");
  await expect(facet.locator('tr[data-key="required_key_missing"]')).toHaveAttribute("data-count", "5");
});

test("rows without tools: the contract check that accepts them carries to the export, which then writes them", async ({ page }) => {
  await acceptInContractChecks(page, "swe_pivot_example.jsonl", "tools_not_list", 5, "opt-allow-missing-tools");
  await page.getByTestId("bulk-accept").click();
  await page.getByTestId("bulk-confirm").click();
  await expect(page.getByTestId("review-progress")).toHaveAttribute("data-accepted", "5");
  await page.getByTestId("export-panel").locator("summary").click();
  await expect(page.getByTestId("export-missing-tools")).toBeChecked();
  await page.getByTestId("export-run").click();
  await expect(page.getByTestId("export-result")).toHaveAttribute("data-status", "written");
  await expect(page.getByTestId("export-result")).toHaveAttribute("data-exported", "5");
  // Unticked, the same rows refuse the export, as Gym's validator script without --allow-missing-tools does.
  await page.getByTestId("export-missing-tools").uncheck();
  await page.getByTestId("export-run").click();
  await expect(page.getByTestId("export-result")).toHaveAttribute("data-status", "refused");
  await expect(page.getByTestId("export-offending")).toHaveCount(5);
  // The refusal names the box that accepts these rows.
  await expect(page.getByTestId("export-remedy")).toHaveText(["Rows without tools (swe_pivot, image rows): tick “accept rows without tools” to export them."]);
});
