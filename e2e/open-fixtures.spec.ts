import { expect, test } from "@playwright/test";
import { readdirSync } from "node:fs";
import { GYM, SAMPLE, dp, gym, jsonlRows, openFiles, writeTmp } from "./helpers";

type Obj = Record<string, unknown>;

/** Detected kind per Gym file (fixture README), and the first decision of trajectory rollouts (their first
 * assistant turn in response.output, read from the files). */
const KIND: Record<string, string> = {
  "single_step_example.jsonl": "pivots",
  "single_step_parallel_example.jsonl": "pivots",
  "swe_pivot_example.jsonl": "pivots",
  "terminal_multi_harness_example.jsonl": "pivots",
  "single_step_example_rollouts.jsonl": "rollouts",
  "terminal_multi_harness_example_rollouts.jsonl": "rollouts",
  "swe_pivot_example_rollouts.jsonl": "rollouts",
  // Multi-step runs: converted on load, one decision point per assistant action (lib/convert/fixtures.test.ts
  // counts them by hand: 25, 13 and 21 candidates).
  "tau2_example_rollouts.jsonl": "trajectories",
  "workplace_assistant_example_rollouts.jsonl": "trajectories",
  "example_multi_step_example_rollouts.jsonl": "trajectories",
};
const CANDIDATES: Record<string, number> = {
  "tau2_example_rollouts.jsonl": 25,
  "workplace_assistant_example_rollouts.jsonl": 13,
  "example_multi_step_example_rollouts.jsonl": 21,
};
/** The first decision: a rollout's first assistant turn in response.output; a converted file's first action after the first user message. */
const FIRST_TURN: Record<string, [string, string]> = {
  "swe_pivot_example_rollouts.jsonl": ["message", ""],
  "tau2_example_rollouts.jsonl": ["function_call", "find_user_id_by_name_zip"],
  "workplace_assistant_example_rollouts.jsonl": ["function_call", "analytics_create_plot"],
  "example_multi_step_example_rollouts.jsonl": ["function_call", "get_synonym_value"],
};

function expectedFirst(name: string, row: Obj): [string, string] {
  const ea = row.expected_action as Obj | undefined;
  if (!ea) return FIRST_TURN[name]!;
  if (ea.type === "function_call_batch") return ["function_call_batch", (ea.calls as Obj[]).map((c) => c.name).join(",")];
  return [ea.type as string, (ea.name as string | undefined) ?? ""];
}

test("every Gym fixture is listed here", () => {
  expect(readdirSync(GYM).filter((f) => f.endsWith(".jsonl")).sort()).toEqual(Object.keys(KIND).sort());
});

for (const name of Object.keys(KIND)) {
  test(`opens ${name}`, async ({ page }) => {
    await page.goto("/");
    await openFiles(page, gym(name));
    const rows = jsonlRows(gym(name));
    await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", String(CANDIDATES[name] ?? rows.length));
    await expect(page.getByTestId("error-count")).toHaveAttribute("data-value", "0");
    await expect(page.getByTestId("file-kind")).toHaveAttribute("data-kind", KIND[name]!);
    const [type, tool] = expectedFirst(name, rows[0]!);
    await expect(dp(page)).toHaveAttribute("data-line", "1");
    await expect(dp(page)).toHaveAttribute("data-action-type", type);
    await expect(dp(page)).toHaveAttribute("data-tool-name", tool);
  });
}

test("opens several files at once and shows what each is", async ({ page }) => {
  await page.goto("/");
  const files = ["single_step_example.jsonl", "tau2_example_rollouts.jsonl"];
  await openFiles(page, files.map(gym));
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "30");
  await expect(page.locator('[data-testid="file-kind"][data-file="single_step_example.jsonl"]')).toHaveAttribute("data-kind", "pivots");
  await expect(page.locator('[data-testid="file-kind"][data-file="tau2_example_rollouts.jsonl"]')).toHaveAttribute("data-kind", "trajectories");
  await expect(page.getByTestId("row-table")).toHaveAttribute("data-total", "30");
});

test("a chat trajectory file is converted into decision points", async ({ page }) => {
  await page.goto("/");
  const chat = { id: "t1", messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }], tools: [] };
  await openFiles(page, writeTmp("chat.jsonl", JSON.stringify(chat) + "\n" + JSON.stringify({ ...chat, id: "t2", messages: [...chat.messages, { role: "user", content: "bye" }, { role: "assistant", content: "see you" }] }) + "\n"));
  await expect(page.getByTestId("file-kind")).toHaveAttribute("data-kind", "trajectories");
  // t2 repeats t1's opening: its first reply is a duplicate of t1's.
  await expect(page.getByTestId("file-kind")).toContainText("3 decision points: 2 kept, 1 skipped");
  await expect(page.getByTestId("file-kind")).toContainText("skipped as duplicate: 1");
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "3");
  await expect(dp(page)).toHaveAttribute("data-action-type", "message");
});

test("Open sample loads the bundled demo dataset", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("open-sample").click();
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "ready");
  const n = jsonlRows(`${SAMPLE}/sample-pivots.jsonl`).length + jsonlRows(`${SAMPLE}/sample-rollouts.jsonl`).length;
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", String(n));
  await expect(page.locator('[data-testid="file-kind"][data-file="sample-pivots.jsonl"]')).toHaveAttribute("data-kind", "pivots");
  await expect(page.locator('[data-testid="file-kind"][data-file="sample-rollouts.jsonl"]')).toHaveAttribute("data-kind", "rollouts");
  await expect(dp(page)).toBeVisible();
  await expect(page.getByTestId("metrics")).toContainText("function_call_batch");
});
