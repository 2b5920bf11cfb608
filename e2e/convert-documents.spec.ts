import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { acceptKeptCandidates, downloadBundle, downloadDecisionLog, expectCliWritesSameBundle, jsonLines } from "./bundle";
import { dp, gym, jsonlRows, openFiles, setReviewer, writeTmp } from "./helpers";

type Obj = Record<string, unknown>;

async function jumpTo(page: Page, line: number) {
  await page.getByTestId("jump-line").fill(String(line));
  await page.getByTestId("jump-line").press("Enter");
  await expect(dp(page)).toHaveAttribute("data-line", String(line));
}

/** Chat trajectories whose rows carry no tool schemas: their calls need a tools file. */
function weatherChats(): Obj[] {
  return ["Paris", "Oslo"].map((city, i) => ({
    id: `chat-${i}`,
    messages: [
      { role: "system", content: "You answer weather questions." },
      { role: "user", content: `Weather in ${city}?` },
      { role: "assistant", content: null, tool_calls: [{ id: `c${i}`, type: "function", function: { name: "get_weather", arguments: JSON.stringify({ city }) } }] },
      { role: "tool", tool_call_id: `c${i}`, content: "sunny" },
      { role: "assistant", content: `It is sunny in ${city}.` },
    ],
  }));
}

const WEATHER_TOOLS = [
  { type: "function", function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } },
];

test("a .json document of rollouts opens as decision points, record by record, and exports with its provenance", async ({ page }) => {
  // The tau2 rollouts as one pretty-printed JSON document with the list under a key.
  const rows = jsonlRows(gym("tau2_example_rollouts.jsonl"));
  const docPath = writeTmp("tau2_rollouts.json", JSON.stringify({ source: "tau2", rollouts: rows }, null, 2));
  await page.goto("/");
  await openFiles(page, docPath);
  await expect(page.getByTestId("file-kind")).toHaveAttribute("data-kind", "trajectories");
  await expect(page.getByTestId("file-document")).toBeVisible();
  // The same 25 decision points as the JSONL file: 22 kept, 3 duplicates.
  await expect(page.getByTestId("file-kind")).toContainText("25 decision points: 22 kept, 3 skipped");
  await jumpTo(page, 7);
  // Decision point 7 is the second record's (index 1) second action (line 1 of the JSONL holds five).
  await expect(dp(page)).toContainText("record 1 · action #1");

  await setReviewer(page, "erin");
  await acceptKeptCandidates(page, 22);
  await page.getByTestId("export-panel").locator("summary").click();
  await page.getByTestId("export-agent-name").fill("tau2_pivots_agent");
  const zip = await downloadBundle(page, "tau2-document-bundle.zip");
  const pivots = jsonLines(zip["pivots.jsonl"]!);
  expect(pivots).toHaveLength(22);
  expect(pivots.every((p) => typeof (p.provenance as Obj).source_record === "number" && (p.provenance as Obj).source_line === undefined)).toBe(true);
  expect(jsonLines(zip["skipped.jsonl"]!).map((s) => s.source)).toEqual([0, 1, 2].map((i) => ({ file: "tau2_rollouts.json", record: 4, action_index: i, decision_point: 21 + i })));
  // The manifest describes the document the user opened (not the app's JSONL view of it).
  const bytes = readFileSync(docPath);
  const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"]!)) as { inputs: Obj[] };
  expect(manifest.inputs).toEqual([
    expect.objectContaining({ name: "tau2_rollouts.json", size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), conversion: expect.objectContaining({ source_layout: "json_document" }) }),
  ]);

  // `pivot-studio export` converts the same document with the same (default) options and writes the same bytes.
  const log = await downloadDecisionLog(page, "tau2-document-log.jsonl");
  expectCliWritesSameBundle(zip, "tau2-document-cli", [docPath, "--decisions", log, "--agent-name", "tau2_pivots_agent"]);
});

test("a .json document that is not JSON is listed with its line; the other files still load", async ({ page }) => {
  const bad = writeTmp("broken.json", '[\n  {"messages": []},\n  {"messages": [}\n]\n');
  await page.goto("/");
  await openFiles(page, [bad, gym("tau2_example_rollouts.jsonl")]);
  const error = page.getByTestId("load-error");
  await expect(error).toHaveAttribute("data-file", "broken.json");
  await expect(error).toHaveAttribute("data-line", "3");
  await expect(error.locator("code")).toHaveText("broken.json:3");
  await expect(error).toContainText("invalid JSON: Expecting value: line 3 column 17");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "25");
});

test("a .json list of pivot rows: a bad record is located as file[i] (counted from 0, as the CLI and the export's record say)", async ({ page }) => {
  const rows = jsonlRows(gym("single_step_example.jsonl"));
  const doc = writeTmp("pivots-list.json", JSON.stringify([rows[0], "oops", ...rows.slice(1)], null, 2));
  await page.goto("/");
  await openFiles(page, doc);
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "5");
  await expect(page.getByTestId("file-kind")).toContainText("1 bad record");
  await expect(page.getByTestId("error-list").locator("summary")).toHaveText("1 bad record (not loaded; every other row was)");
  await expect(page.getByTestId("load-error")).toHaveText("pivots-list.json[1] line is a string, not a JSON object");
  // The first row is the list's item [0]; the third row, item [2].
  await expect(dp(page).locator(".dp-head")).toContainText("pivots-list.json record 0");
  await jumpTo(page, 3);
  await expect(dp(page).locator(".dp-head")).toContainText("pivots-list.json record 2");

  // A list of no objects loads nothing, and the hint asks about the list, not about JSONL.
  await page.goto("/");
  await openFiles(page, writeTmp("numbers.json", "[1, 2]"));
  await expect(page.getByTestId("error-list").locator("summary")).toHaveText("2 bad records (nothing in these files loaded: is it a JSON list of objects?)");

  // ShareGPT chats read as Gym rollouts, a format they are not in: nothing to review, and the page asks about the format.
  const sharegpt = [{ conversations: [{ from: "human", value: "hi" }, { from: "gpt", value: "hello" }] }];
  await page.goto("/");
  await openFiles(page, writeTmp("sharegpt.jsonl", JSON.stringify(sharegpt[0]) + "\n"));
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "1");
  await page.getByTestId("conversion-options").locator("summary").click();
  await page.getByTestId("conv-format").selectOption("gym_rollout");
  await page.getByTestId("conv-apply").click();
  await expect(page.getByTestId("decision-empty")).toHaveText("No decision points in the open files: is the chosen trajectory format right?");
});

test("a tools file gives schemas to trajectories that carry none; it is kept, removable, and checked", async ({ page }) => {
  const chats = writeTmp("weather-chats.jsonl", weatherChats().map((c) => JSON.stringify(c)).join("\n") + "\n");
  await page.goto("/");
  await openFiles(page, chats);
  // Without schemas, each call is skipped: its tool is not in the (empty) tool list.
  await expect(page.getByTestId("file-kind")).toContainText("4 decision points: 2 kept, 2 skipped");
  await expect(page.getByTestId("metric-skip_reason").locator('tr[data-key="missing_tool_schema"]')).toHaveAttribute("data-count", "2");

  await page.getByTestId("conversion-options").locator("summary").click();
  await page.getByTestId("conv-tools-attach").setInputFiles(writeTmp("not-tools.json", '{"nothing": 1}'));
  await expect(page.getByTestId("conv-tools-error")).toContainText("not-tools.json: tools file must hold a JSON list of tool schemas");

  await page.getByTestId("conv-tools-attach").setInputFiles(writeTmp("weather-tools.json", JSON.stringify(WEATHER_TOOLS)));
  await expect(page.getByTestId("conv-tools-name")).toHaveText("weather-tools.json (1 tools)");
  await expect(page.getByTestId("file-kind")).toContainText("4 decision points: 4 kept, 0 skipped");
  await jumpTo(page, 1);
  await expect(dp(page)).toHaveAttribute("data-action-type", "function_call");
  await expect(dp(page)).toHaveAttribute("data-tool-name", "get_weather");
  await expect(dp(page).getByTestId("row-findings")).toHaveAttribute("data-errors", "0");

  // Kept for the next session, then removed again.
  await page.reload();
  await openFiles(page, chats);
  await expect(page.getByTestId("file-kind")).toContainText("4 kept, 0 skipped");
  await page.getByTestId("conversion-options").locator("summary").click();
  await page.getByTestId("conv-tools-remove").click();
  await expect(page.getByTestId("conv-tools-attach")).toBeAttached();
  await expect(page.getByTestId("file-kind")).toContainText("2 kept, 2 skipped");

  // Attaching while an option is changed but not applied yet converts with both: the change is not lost.
  const panel = page.getByTestId("conversion-options");
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator("summary").click();
  await page.getByTestId("conv-messages").uncheck();
  await page.getByTestId("conv-tools-attach").setInputFiles(writeTmp("weather-tools.json", JSON.stringify(WEATHER_TOOLS)));
  await expect(page.getByTestId("file-kind")).toContainText("4 decision points: 2 kept, 2 skipped");
  await expect(page.getByTestId("metric-skip_reason").locator('tr[data-key="message_pivot"]')).toHaveAttribute("data-count", "2");
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.locator("summary").click();
  await expect(page.getByTestId("conv-messages")).not.toBeChecked();
});
