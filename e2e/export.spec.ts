import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { acceptKeptCandidates, downloadBundle, downloadDecisionLog, expectCliWritesSameBundle, jsonLines } from "./bundle";
import { SAMPLE_PIVOTS, TMP, dp, gym, jsonlRows, openFiles, reviewProgress, setReviewer, writeTmp } from "./helpers";

const ROOT = path.resolve(import.meta.dirname, "..");
type Obj = Record<string, unknown>;

async function bulk(page: Page, column: string, value: string, verdict: "accept" | "reject") {
  await page.getByTestId(`filter-${column}`).fill(value);
  await expect(page.getByTestId("row-table")).not.toHaveAttribute("data-total", "87");
  await page.getByTestId(`bulk-${verdict}`).click();
  await page.getByTestId("bulk-confirm").click();
  await expect(page.getByTestId("bulk-dialog")).toHaveCount(0);
  await page.getByTestId("clear-filters").click();
}

test("review a few rows, export with a split: the zip holds every file with the right rows, as the CLI writes them", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, SAMPLE_PIVOTS);
  await setReviewer(page, "alice");
  // A few rows by hand, the rows with contract errors rejected in bulk, and everything else accepted.
  await page.keyboard.press("a");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  await page.keyboard.press("r");
  await page.keyboard.press("2");
  await expect(reviewProgress(page)).toHaveAttribute("data-reviewed", "2");
  await bulk(page, "error_count", ">0", "reject");
  await bulk(page, "verdict", "=unreviewed", "accept");
  const accepted = Number(await reviewProgress(page).getAttribute("data-accepted"));
  const rejected = Number(await reviewProgress(page).getAttribute("data-rejected"));
  expect(accepted + rejected).toBe(87);
  expect(rejected).toBeGreaterThan(1);

  await page.getByTestId("export-panel").locator("summary").click();
  await page.getByTestId("export-agent-name").fill("airline_pivots_agent");
  await page.getByTestId("export-split").check();
  await page.getByTestId("export-train").fill("0.8");
  await page.getByTestId("export-seed").fill("abc");
  await expect(page.getByTestId("export-seed-error")).toHaveText("the seed must be a whole number");
  await expect(page.getByTestId("export-run")).toBeDisabled();
  await page.getByTestId("export-seed").fill("7");
  await expect(page.getByTestId("export-seed-error")).toHaveCount(0);
  await page.getByTestId("export-license").selectOption("Apache 2.0");
  const zip = await downloadBundle(page, "bundle.zip");
  await expect(page.getByTestId("export-result")).toHaveAttribute("data-status", "written");
  await expect(page.getByTestId("export-result")).toHaveAttribute("data-exported", String(accepted));

  const names = Object.keys(zip).sort();
  expect(names).toEqual(
    ["README.md", "airline_pivots.yaml", "example.jsonl", "manifest.json", "metrics.json", "pivots.jsonl", "skipped.jsonl", "train.jsonl", "validation.jsonl"].sort(),
  );
  const pivots = jsonLines(zip["pivots.jsonl"]!);
  const train = jsonLines(zip["train.jsonl"]!);
  const validation = jsonLines(zip["validation.jsonl"]!);
  expect(pivots).toHaveLength(accepted);
  expect(train.length + validation.length).toBe(accepted);
  expect(validation.length).toBeGreaterThan(0);
  const trajectory = (r: Obj) => (r.provenance as Obj).trajectory_id;
  const inTrain = new Set(train.map(trajectory));
  expect(validation.filter((r) => inTrain.has(trajectory(r)))).toEqual([]);
  expect(new Set(pivots.map((r) => (r.agent_ref as Obj).name))).toEqual(new Set(["airline_pivots_agent"]));
  expect(jsonLines(zip["skipped.jsonl"]!)).toHaveLength(rejected);

  const yaml = parseYaml(new TextDecoder().decode(zip["airline_pivots.yaml"]!)) as Obj;
  const agent = yaml.airline_pivots_agent as { responses_api_agents: { tool_simulation_agent: { datasets: Obj[]; resources_server: Obj } } };
  const datasets = agent.responses_api_agents.tool_simulation_agent.datasets;
  expect(datasets.map((d) => [d.type, d.jsonl_fpath])).toEqual([
    ["train", "train.jsonl"],
    ["validation", "validation.jsonl"],
    ["example", "example.jsonl"],
  ]);
  expect(datasets.filter((d) => d.type !== "example").map((d) => d.license)).toEqual(["Apache 2.0", "Apache 2.0"]);
  expect(agent.responses_api_agents.tool_simulation_agent.resources_server).toEqual({ type: "resources_servers", name: "airline_pivots_resources_server" });

  const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"]!)) as { files: { name: string; rows: number | null; sha256: string }[] };
  expect(manifest.files.map((f) => f.name).sort()).toEqual(names.filter((n) => n !== "manifest.json"));
  for (const f of manifest.files) {
    expect([f.name, f.sha256.replace(/^sha256:/, "")]).toEqual([f.name, createHash("sha256").update(zip[f.name]!).digest("hex")]);
  }
  expect(manifest.files.find((f) => f.name === "pivots.jsonl")?.rows).toBe(accepted);

  // The CLI, given the same file, the reviewer's log and the same options, writes the same bytes.
  const logPath = await downloadDecisionLog(page, "export-log.jsonl");
  const out = expectCliWritesSameBundle(zip, "cli-bundle", [
    "--input", SAMPLE_PIVOTS, "--decisions", logPath, "--agent-name", "airline_pivots_agent", "--split", "0.8", "--seed", "7", "--license", "Apache 2.0",
  ]);

  // Round trip: the exported pivots open in the app with every row and no error finding, and Gym's rules pass.
  const pivotsPath = path.join(out, "pivots.jsonl");
  await openFiles(page, pivotsPath);
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", String(accepted));
  await page.getByTestId("filter-error_count").fill(">0");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "0");
  const validate = execFileSync(process.execPath, [path.join(ROOT, "bin/pivot-studio.mjs"), "validate", "--path", pivotsPath, "--agent-ref", "airline_pivots_agent"], { encoding: "utf8" });
  expect(validate).toContain(`rows: ${accepted}`);
});

test("rows with errors: left unreviewed, the export skips them as the audit shows; accepted, they refuse it", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, SAMPLE_PIVOTS);
  await setReviewer(page, "bob");
  await page.getByTestId("filter-error_count").fill(">0");
  await expect(page.getByTestId("row-table")).not.toHaveAttribute("data-total", "87");
  const offending = Number(await page.getByTestId("row-table").getAttribute("data-total"));
  expect(offending).toBeGreaterThan(0);
  await page.getByTestId("clear-filters").click();
  // The audit lists them as automatic entries ...
  await page.getByTestId("audit").locator("summary").click();
  const autoEntries = page.locator('[data-testid="audit-entry"][data-source="auto"]');
  await expect(autoEntries).toHaveCount(offending);
  const auditLines = await autoEntries.evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute("data-line")), r.getAttribute("data-reason")]));

  // ... and, with every row not rejected kept, skipped.jsonl holds the same rows, skipped by the contract check.
  await page.getByTestId("export-panel").locator("summary").click();
  await page.getByTestId("export-keep").selectOption("not-rejected");
  const zip = await downloadBundle(page, "errors-skipped.zip");
  const skipped = jsonLines(zip["skipped.jsonl"]!);
  expect(skipped.map((s) => [(s.source as Obj).line, s.reason])).toEqual(auditLines);
  expect(new Set(skipped.map((s) => s.skipped_by))).toEqual(new Set(["validator"]));
  expect(jsonLines(zip["pivots.jsonl"]!)).toHaveLength(87 - offending);

  // Accepted by the reviewer, the same rows refuse the export, each listed.
  await page.getByTestId("filter-error_count").fill(">0");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", String(offending));
  await page.getByTestId("bulk-accept").click();
  await page.getByTestId("bulk-confirm").click();
  await expect(reviewProgress(page)).toHaveAttribute("data-accepted", String(offending));
  await expect(autoEntries).toHaveCount(0);
  await page.getByTestId("export-run").click();
  await expect(page.getByTestId("export-result")).toHaveAttribute("data-status", "refused");
  await expect(page.getByTestId("export-offending")).toHaveCount(offending);
  await expect(page.getByTestId("export-message")).toContainText(`${offending} kept rows have errors`);
});

test("converted trajectories export as pivots that Gym's validator accepts; skipped candidates go to the audit", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, gym("tau2_example_rollouts.jsonl"));
  await setReviewer(page, "carol");
  // Accept what conversion kept (22 of 25; line 5 repeats three calls of line 2).
  await acceptKeptCandidates(page, 22);
  await page.getByTestId("export-panel").locator("summary").click();
  await page.getByTestId("export-agent-name").fill("tau2_pivots_agent");
  const zip = await downloadBundle(page, "tau2-bundle.zip");
  const pivots = jsonLines(zip["pivots.jsonl"]!);
  expect(pivots).toHaveLength(22);
  const skipped = jsonLines(zip["skipped.jsonl"]!);
  expect(skipped.map((s) => [s.skipped_by, s.reason])).toEqual(Array(3).fill(["converter", "duplicate"]));
  // Each skipped candidate is located in its source: line 5's first three actions, decision points 21–23.
  expect(skipped.map((s) => s.source)).toEqual(
    [0, 1, 2].map((i) => ({ file: "tau2_example_rollouts.jsonl", line: 5, action_index: i, decision_point: 21 + i })),
  );
  // The manifest says how the trajectories were converted (Gym's defaults here; no tools file).
  const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"]!)) as { inputs: Obj[] };
  expect(manifest.inputs[0]!.conversion).toMatchObject({ source_layout: "jsonl", options: { min_reward: 1, drop_duplicates: true, batch: false }, tools_file: null });
  const pivotsPath = path.join(TMP, "tau2-pivots.jsonl");
  writeFileSync(pivotsPath, zip["pivots.jsonl"]!);
  // Gym's validator rules (pivot-studio validate), with the bundle's agent name, pass on the exported rows.
  const out = execFileSync(process.execPath, [path.join(ROOT, "bin/pivot-studio.mjs"), "validate", "--path", pivotsPath, "--agent-ref", "tau2_pivots_agent"], { encoding: "utf8" });
  expect(out).toContain("rows: 22");
});

test("a reviewer's acceptance overrides conversion's skip: the accepted candidate is exported, the other stays in the audit", async ({ page }) => {
  // workplace_assistant: the reward-0 trajectory's 2 candidates are skipped as source_reward_below.
  await page.goto("/");
  await openFiles(page, gym("workplace_assistant_example_rollouts.jsonl"));
  await setReviewer(page, "dana");
  await expect(page.getByTestId("audit-count")).toHaveAttribute("data-value", "2");
  await page.getByTestId("filter-skip_reason").fill("=source_reward_below");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "2");
  const firstRow = page.getByTestId("table-row").first();
  await firstRow.click();
  // Read once the row's page has loaded (a row being fetched shows no line yet).
  await expect(firstRow).not.toHaveAttribute("data-line", "");
  const line = (await firstRow.getAttribute("data-line"))!;
  await expect(dp(page)).toHaveAttribute("data-line", line);
  // Accepting in bulk says that it overrides conversion's skip; the dialog is modal: keys wait, Escape closes it.
  await page.getByTestId("bulk-accept").click();
  await expect(page.getByTestId("bulk-skipped")).toHaveAttribute("data-count", "2");
  await page.keyboard.press("a");
  await page.keyboard.press("j");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("bulk-dialog")).toHaveCount(0);
  await expect(reviewProgress(page)).toHaveAttribute("data-accepted", "0");
  await expect(dp(page)).toHaveAttribute("data-line", line);
  await page.keyboard.press("a");
  await expect(reviewProgress(page)).toHaveAttribute("data-accepted", "1");
  await expect(page.getByTestId("audit-count")).toHaveAttribute("data-value", "1");

  // The view stays filtered: without "only this view" the export reads every row, as the CLI does.
  await page.getByTestId("export-panel").locator("summary").click();
  await expect(page.getByTestId("export-view-only")).not.toBeChecked();
  // Converted rows carry the conversion panel's agent name: the export suggests it.
  await expect(page.getByTestId("export-agent-name")).toHaveValue("single_step_tool_use_with_argument_comparison_agent");
  await page.getByTestId("export-agent-name").fill("workplace_pivots_agent");
  await page.getByTestId("export-split").check();
  await page.getByTestId("export-train").fill("0.8");
  const zip = await downloadBundle(page, "override-bundle.zip");
  // The panel says what normalization changed: the bundle's agent name replaces the conversion's.
  await expect(page.getByTestId("export-repairs")).toContainText("1 normalized (agent_ref_set 1");
  // One row cannot be split: the panel says so (validation.jsonl is empty).
  await expect(page.getByTestId("export-note")).toContainText("The split put every row on one side");
  const pivots = jsonLines(zip["pivots.jsonl"]!);
  // The accepted candidate, from the reward-0 trajectory (line 1); the other one, not reviewed, stays skipped.
  expect(pivots.map((r) => [(r.provenance as Obj).source_line, (r.provenance as Obj).source_reward])).toEqual([[1, 0]]);
  const skipped = jsonLines(zip["skipped.jsonl"]!);
  expect(skipped.map((s) => [s.skipped_by, s.reason, (s.source as Obj).line])).toEqual([["converter", "source_reward_below", 1]]);
  expect((skipped[0]!.source as Obj).decision_point).not.toBe(Number(line));
  const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"]!)) as { counts: Obj };
  expect(manifest.counts).toMatchObject({ exported: 1, auto_skipped: 1, rejected: 0 });

  // The CLI, with the reviewer's log, writes the same bundle.
  const logPath = await downloadDecisionLog(page, "override-log.jsonl");
  expectCliWritesSameBundle(zip, "override-cli", [
    "--input", gym("workplace_assistant_example_rollouts.jsonl"), "--decisions", logPath, "--agent-name", "workplace_pivots_agent", "--split", "0.8",
  ]);
});

test("only the rows of the view: the export reads the filtered rows and records the filter; unfiltered, the same rows are in the full export", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, SAMPLE_PIVOTS);
  await setReviewer(page, "erin");
  await bulk(page, "error_count", "0", "accept");
  await page.getByTestId("filter-action_type").fill("=message");
  await expect(page.getByTestId("row-table")).not.toHaveAttribute("data-total", "87");
  const inView = Number(await page.getByTestId("row-table").getAttribute("data-total"));
  const accepted = Number(await reviewProgress(page).getAttribute("data-accepted"));
  expect(inView).toBeGreaterThan(0);

  await page.getByTestId("export-panel").locator("summary").click();
  // The agent name is the rows' own until one is typed: no row is rewritten just to rename its agent.
  const sampleAgent = (jsonlRows(SAMPLE_PIVOTS)[0]!.agent_ref as { name: string }).name;
  await expect(page.getByTestId("export-agent-name")).toHaveValue(sampleAgent);
  await expect(page.getByTestId("export-view-only")).toHaveAccessibleName(new RegExp(`only the ${inView} rows of this view`));
  await page.getByTestId("export-view-only").check();
  const zip = await downloadBundle(page, "view-only.zip");
  const pivots = jsonLines(zip["pivots.jsonl"]!);
  expect(pivots.length).toBeGreaterThan(0);
  expect(pivots.length).toBeLessThan(accepted);
  expect(new Set(pivots.map((r) => (r.expected_action as Obj).type))).toEqual(new Set(["message"]));
  expect(new Set(pivots.map((r) => (r.agent_ref as Obj).name))).toEqual(new Set([sampleAgent]));
  const skipped = jsonLines(zip["skipped.jsonl"]!);
  expect(pivots.length + skipped.length).toBe(inView);
  const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"]!)) as { filter_sql: string; counts: Obj };
  expect(manifest.filter_sql).toBe(`r."action_type" = 'message'`);
  expect(manifest.counts.source_rows).toBe(inView);

  // Cleared, the export reads every row again (no filter recorded); the view's rows are written alike.
  await page.getByTestId("clear-filters").click();
  await expect(page.getByTestId("export-view-only")).toHaveCount(0);
  const all = await downloadBundle(page, "view-all.zip");
  const allPivots = jsonLines(all["pivots.jsonl"]!);
  expect(allPivots).toHaveLength(accepted);
  expect(allPivots.filter((r) => (r.expected_action as Obj).type === "message")).toEqual(pivots);
  expect((JSON.parse(new TextDecoder().decode(all["manifest.json"]!)) as Obj).filter_sql).toBeNull();
});

test("comparator knobs set in try it reach the config as set, a parallel knob switched back off included", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, gym("single_step_parallel_example.jsonl"));
  await setReviewer(page, "finn");
  await page.getByTestId("export-panel").locator("summary").click();
  await expect(page.getByTestId("export-knobs")).toContainText("the export’s defaults (none set");
  const panel = dp(page).getByTestId("try-panel");
  await panel.locator("summary").click();
  const jumpTo = async (line: number) => {
    await page.getByTestId("jump-line").fill(String(line));
    await page.getByTestId("jump-line").press("Enter");
    await expect(dp(page)).toHaveAttribute("data-line", String(line));
  };
  // One config per dataset: with batch rows loaded, even a single call's row is tried with call counts scored.
  const rows = jsonlRows(gym("single_step_parallel_example.jsonl"));
  const single = rows.findIndex((r) => (r.expected_action as Obj).type === "function_call") + 1;
  await jumpTo(single);
  await expect(panel.getByTestId("knob-parallel_tool_call_rewarding")).toBeChecked();
  const call = rows[single - 1]!.expected_action as Obj;
  await panel.getByTestId("try-action-input").fill(JSON.stringify({ type: "function_call_batch", calls: [call, call] }));
  await expect(panel.getByTestId("try-result")).toHaveAttribute("data-reward", "0");
  await jumpTo(1);
  // A batch row is tried under the config the export writes for batch rows: call counts scored, so a surplus
  // call fails (Gym's own default, off, would let it pass).
  const expected = jsonlRows(gym("single_step_parallel_example.jsonl"))[0]!.expected_action as { calls: Obj[] };
  expect(expected.calls.length).toBeGreaterThan(1);
  const surplus = { type: "function_call_batch", calls: [...expected.calls, expected.calls[0]] };
  await expect(panel.getByTestId("knob-parallel_tool_call_rewarding")).toBeChecked();
  await panel.getByTestId("try-action-input").fill(JSON.stringify(surplus));
  await expect(panel.getByTestId("try-result")).toHaveAttribute("data-reward", "0");
  // Switched off here, the surplus passes, and off is what the config gets.
  await panel.getByTestId("knob-parallel_tool_call_rewarding").uncheck();
  await expect(panel.getByTestId("try-result")).toHaveAttribute("data-reward", "1");
  await panel.getByTestId("knob-word_count_similarity_threshold").fill("0.3");
  await expect(page.getByTestId("export-knobs")).toContainText("parallel_tool_call_rewarding false, word_count_similarity_threshold 0.3");
  await page.getByTestId("bulk-accept").click();
  await page.getByTestId("bulk-confirm").click();
  await expect(reviewProgress(page)).toHaveAttribute("data-accepted", "5");
  await page.getByTestId("export-batch").check();
  await page.getByTestId("export-agent-name").fill("weather_pivots_agent");
  const zip = await downloadBundle(page, "knobs.zip");
  const config = parseYaml(new TextDecoder().decode(zip["weather_pivots.yaml"]!)) as Record<string, Record<string, Record<string, Obj>>>;
  const comparator = config.weather_pivots_resources_server!.resources_servers!.single_step_tool_use_with_argument_comparison!.tool_call_comparator_config as Obj;
  expect(comparator).toMatchObject({ word_count_similarity_threshold: 0.3, parallel_tool_call_rewarding: false });
  await expect(page.getByTestId("export-note")).toContainText("parallel_tool_call_rewarding off");
});

test("a trajectory file opened twice: the second copy's candidates are duplicates on screen and in the bundle, as the CLI writes it", async ({ page }) => {
  const text = readFileSync(gym("tau2_example_rollouts.jsonl"));
  const copies = ["tau2-a.jsonl", "tau2-b.jsonl"].map((name) => writeTmp(name, text));
  await page.goto("/");
  await openFiles(page, copies);
  await setReviewer(page, "gail");
  await expect(page.getByTestId("audit-count")).toHaveAttribute("data-value", "28");
  // Accepting everything would not export the duplicates: the dialog says so before anything is decided.
  await page.getByTestId("bulk-accept").click();
  await expect(page.getByTestId("bulk-duplicates")).toHaveAttribute("data-count", "28");
  await page.getByTestId("bulk-cancel").click();
  // Accepting the 22 kept decision points decides their copies too (same content, one decision: 44 rows) ...
  await page.getByTestId("filter-skip_reason").fill("null");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "22");
  await page.getByTestId("bulk-accept").click();
  await page.getByTestId("bulk-confirm").click();
  await expect(reviewProgress(page)).toHaveAttribute("data-accepted", "44");
  await page.getByTestId("clear-filters").click();
  // ... but a duplicate stays skipped: the audit still lists all 28, and the bundle writes each decision point once.
  await expect(page.getByTestId("audit-count")).toHaveAttribute("data-value", "28");
  await page.getByTestId("export-panel").locator("summary").click();
  await page.getByTestId("export-agent-name").fill("tau2_pivots_agent");
  const zip = await downloadBundle(page, "copies.zip");
  expect(jsonLines(zip["pivots.jsonl"]!)).toHaveLength(22);
  expect(jsonLines(zip["skipped.jsonl"]!).map((s) => s.reason)).toEqual(Array(28).fill("duplicate"));
  const log = await downloadDecisionLog(page, "copies-log.jsonl");
  expectCliWritesSameBundle(zip, "copies-cli", [...copies, "--decisions", log, "--agent-name", "tau2_pivots_agent"]);
});

test("save to a folder: the same files as the zip, streamed into the folder the user picked", async ({ page }) => {
  // The folder picker is the browser's own dialog; here it hands back a real folder of the origin's private
  // file system, so the app writes through the same File System Access API as into a folder on disk.
  await page.addInitScript(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle("picked", { create: true });
  });
  await page.goto("/");
  await openFiles(page, SAMPLE_PIVOTS);
  await setReviewer(page, "dana");
  await bulk(page, "error_count", "=0", "accept");
  await page.getByTestId("export-panel").locator("summary").click();
  const zip = await downloadBundle(page, "folder-compare.zip");

  await page.getByTestId("export-folder").click();
  await expect(page.getByTestId("export-message")).toContainText("Written to the folder picked");
  const files = await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle("picked");
    const out: Record<string, number[]> = {};
    for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) {
      out[name] = [...new Uint8Array(await (await handle.getFile()).arrayBuffer())];
    }
    return out;
  });
  expect(Object.keys(files).sort()).toEqual(Object.keys(zip).sort());
  for (const [name, bytes] of Object.entries(files)) expect([name, Buffer.compare(Buffer.from(bytes), Buffer.from(zip[name]!))]).toEqual([name, 0]);
});
