import { expect, test } from "@playwright/test";
import { SAMPLE, currentLine, dp, gym, jsonlRows, openFiles, writeTmp } from "./helpers";

const PIVOTS = `${SAMPLE}/sample-pivots.jsonl`;

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  await openFiles(page, PIVOTS);
  await expect(dp(page)).toHaveAttribute("data-line", "1");
});

test("j/k and the arrow keys step through decision points", async ({ page }) => {
  const rows = jsonlRows(PIVOTS);
  await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  // The view shows the row it says: its expected action type matches line 2 of the file.
  await expect(dp(page)).toHaveAttribute("data-action-type", (rows[1]!.expected_action as { type: string }).type);
  await page.keyboard.press("ArrowDown");
  await expect(dp(page)).toHaveAttribute("data-line", "3");
  await page.keyboard.press("k");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  await page.keyboard.press("ArrowUp");
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await page.keyboard.press("k");
  await expect(dp(page)).toHaveAttribute("data-line", "1");
});

test("keys still step after ticking a checkbox (it keeps focus, but takes no letters), not while typing in a field", async ({ page }) => {
  await page.getByTestId("export-panel").locator("summary").click();
  await page.getByTestId("export-split").check();
  await expect(page.getByTestId("export-split")).toBeFocused();
  await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  await page.getByTestId("export-agent-name").fill("");
  await page.keyboard.press("j");
  await expect(page.getByTestId("export-agent-name")).toHaveValue("j");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
});

test("g and G go to the first and last decision point", async ({ page }) => {
  const n = jsonlRows(PIVOTS).length;
  await page.keyboard.press("Shift+G");
  await expect(dp(page)).toHaveAttribute("data-line", String(n));
  await page.keyboard.press("g");
  await expect(dp(page)).toHaveAttribute("data-line", "1");
});

test("the table keeps the current row in sight, below its header, while stepping", async ({ page }) => {
  const n = jsonlRows(PIVOTS).length;
  /** The current row's box lies inside the table's scroll area and below its sticky header. */
  const inSight = () =>
    page.evaluate(() => {
      const row = document.querySelector(".tr.current")?.getBoundingClientRect();
      const head = document.querySelector(".thead")!.getBoundingClientRect();
      const area = document.querySelector(".table-scroll")!.getBoundingClientRect();
      return row !== undefined && row.top >= head.bottom - 1 && row.bottom <= area.bottom + 1;
    });
  for (let line = 2; line <= 30; line++) {
    await page.keyboard.press("j");
    await expect(dp(page)).toHaveAttribute("data-line", String(line));
    await expect.poll(inSight, { message: `line ${line}` }).toBe(true);
  }
  for (const [key, line] of [["Shift+G", n], ["k", n - 1], ["g", 1]] as const) {
    await page.keyboard.press(key);
    await expect(dp(page)).toHaveAttribute("data-line", String(line));
    await expect.poll(inSight, { message: `${key}: line ${line}` }).toBe(true);
  }
});

test("next/prev buttons and jump to a line", async ({ page }) => {
  await page.getByTestId("next-row").click();
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  await page.getByTestId("prev-row").click();
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await page.getByTestId("jump-line").fill("17");
  await page.getByTestId("jump-line").press("Enter");
  await expect(dp(page)).toHaveAttribute("data-line", "17");
  // Keys typed into the box do not step.
  await expect(page.getByTestId("position")).toHaveAttribute("data-index", "16");
});

test("the view renders the prefix by item type, with outputs beside their calls", async ({ page }) => {
  const rows = jsonlRows(PIVOTS);
  // The first row whose prefix has a tool call.
  const i = rows.findIndex((r) => JSON.stringify(r).includes('"type":"function_call_output"'));
  await page.getByTestId("jump-line").fill(String(i + 1));
  await page.getByTestId("jump-line").press("Enter");
  await expect(dp(page)).toHaveAttribute("data-line", String(i + 1));
  if (await page.getByTestId("show-earlier").count()) await page.getByTestId("show-earlier").click();
  const input = (rows[i]!.responses_create_params as { input: { type?: string; call_id?: string; output?: string }[] }).input;
  const call = input.find((x) => x.type === "function_call")!;
  const output = input.find((x) => x.type === "function_call_output" && x.call_id === call.call_id)!;
  const pane = page.locator(`[data-testid="call-output"][data-call-id="${call.call_id}"]`);
  await expect(pane).toContainText(output.output!.slice(0, 40));
  await expect(page.locator('[data-testid="prefix-item"][data-kind="message:system"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="prefix-item"][data-kind="reasoning"]').first()).toBeVisible();
  // The expected tool is highlighted in the tool list.
  const ea = rows[i]!.expected_action as { type: string; name?: string };
  if (ea.name) await expect(page.locator(`[data-testid="tool"][data-tool="${ea.name}"]`)).toHaveAttribute("data-expected", "true");
  // Raw JSON toggle shows the row itself.
  await page.getByTestId("raw-toggle").click();
  await expect(page.getByTestId("raw-json")).toContainText("responses_create_params");
});

test("clicking a table row opens it; sorting and filtering are SQL over the whole file", async ({ page }) => {
  const rows = jsonlRows(PIVOTS);
  await page.locator('[data-testid="table-row"][data-index="4"]').click();
  await expect(dp(page)).toHaveAttribute("data-line", "5");
  const messages = rows.filter((r) => (r.expected_action as { type: string }).type === "message").length;
  await page.getByTestId("filter-action_type").fill("=message");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(messages));
  await expect(dp(page)).toHaveAttribute("data-action-type", "message");
  await expect(page.locator('[data-testid="metric-action_type"] tr')).toHaveCount(1);
  await expect(page.locator('[data-testid="metric-action_type"] tr[data-key="message"]')).toHaveAttribute("data-count", String(messages));
  // Stepping stays inside the filter.
  const first = await currentLine(page);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await expect.poll(() => currentLine(page)).toBeGreaterThan(first);
  await expect(dp(page)).toHaveAttribute("data-action-type", "message");
  // A message has no tool: the `null` filter on the tool column finds the same rows.
  await page.getByTestId("filter-action_type").fill("");
  await page.getByTestId("filter-tool_name").fill("null");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(messages));
  // A filter that matches nothing says so, in the table and in the decision view.
  await page.getByTestId("filter-depth").fill("abc");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "0");
  await expect(page.getByTestId("table-empty")).toBeVisible();
  await expect(page.getByTestId("decision-empty")).toHaveText("No row matches the filter: change it, or clear the filters.");
  await page.getByTestId("clear-filters").click();
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(rows.length));
  // Sort by depth, descending: the first row in view (g) is a deepest one.
  const maxDepth = Math.max(...rows.map((r) => (r.info as { depth: number }).depth));
  await page.getByTestId("sort-depth").click();
  await expect(page.getByTestId("sort-depth")).toContainText("▲");
  await page.getByTestId("sort-depth").click();
  await expect(page.getByTestId("sort-depth")).toContainText("▼");
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("g");
  await expect(page.getByTestId("position")).toHaveAttribute("data-index", "0");
  await expect.poll(async () => (rows[(await currentLine(page)) - 1]!.info as { depth: number }).depth).toBe(maxDepth);
});

test("the metrics panel counts by action type, tool and depth", async ({ page }) => {
  const rows = jsonlRows(PIVOTS);
  const count = (pred: (r: Record<string, unknown>) => boolean) => String(rows.filter(pred).length);
  const type = (r: Record<string, unknown>) => (r.expected_action as { type: string }).type;
  await expect(page.locator('[data-testid="metric-action_type"] tr[data-key="function_call"]')).toHaveAttribute("data-count", count((r) => type(r) === "function_call"));
  await expect(page.locator('[data-testid="metric-action_type"] tr[data-key="function_call_batch"]')).toHaveAttribute("data-count", count((r) => type(r) === "function_call_batch"));
  await expect(page.locator('[data-testid="metric-depth"] tr[data-key="0"]')).toHaveAttribute("data-count", count((r) => (r.info as { depth: number }).depth === 0));
  const calls = rows.flatMap((r) => {
    const ea = r.expected_action as { type: string; name?: string; calls?: { name: string }[] };
    return ea.type === "function_call" ? [ea.name] : ea.type === "function_call_batch" ? ea.calls!.map((c) => c.name) : [];
  });
  await expect(page.locator('[data-testid="metric-tool"] tr[data-key="get_reservation_details"]')).toHaveAttribute(
    "data-count",
    String(calls.filter((n) => n === "get_reservation_details").length),
  );
  await expect(page.getByTestId("metric-errors")).toHaveAttribute("data-errors", "0");
  // Depth is a facet too: clicking a depth filters the view to it.
  await page.locator('[data-testid="metric-depth"] tr[data-key="0"]').getByTestId("facet").click();
  await expect(page.getByTestId("filter-depth")).toHaveValue("0");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", count((r) => (r.info as { depth: number }).depth === 0));
});

test("a breakdown with more than 30 keys lists the first 30, and all of them on request", async ({ page }) => {
  // 35 rows of the Gym fixture, each expecting a different tool: 35 keys in the tool breakdown.
  const row = jsonlRows(gym("single_step_example.jsonl"))[0]!;
  const lines = Array.from({ length: 35 }, (_, i) => JSON.stringify({ ...row, expected_action: { ...(row.expected_action as object), name: `tool_${String(i).padStart(2, "0")}` } }));
  await openFiles(page, writeTmp("many-tools.jsonl", lines.join("\n") + "\n"));
  const tools = page.getByTestId("metric-tool");
  await expect(tools.locator("tr")).toHaveCount(30);
  await tools.getByTestId("breakdown-toggle").click();
  await expect(tools.locator("tr")).toHaveCount(35);
  await expect(tools.locator('tr[data-key="tool_34"]')).toHaveAttribute("data-count", "1");
  await tools.getByTestId("breakdown-toggle").click();
  await expect(tools.locator("tr")).toHaveCount(30);
});
