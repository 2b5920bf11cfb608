import { expect, test } from "@playwright/test";
import { dp, gym, jsonlRows, openFiles, writeTmp } from "./helpers";

type Obj = Record<string, unknown>;

test("try it: a rollout's recorded output re-scores to its recorded reward; edits and knobs change the score", async ({ page }) => {
  const file = gym("single_step_example_rollouts.jsonl");
  const rows = jsonlRows(file);
  await page.goto("/");
  await openFiles(page, file);
  for (const [i, row] of rows.entries()) {
    await expect(dp(page)).toHaveAttribute("data-line", String(i + 1));
    // Opened once, the panel stays open from one decision point to the next.
    if (i === 0) await dp(page).getByTestId("try-panel").locator("summary").click();
    else await expect(dp(page).getByTestId("try-panel")).toHaveAttribute("open", "");
    const result = dp(page).getByTestId("try-result");
    await expect(result).toHaveAttribute("data-reward", String(row.reward));
    await expect(result).toHaveAttribute("data-category", String(row.category));
    if (i < rows.length - 1) await page.getByTestId("next-row").click();
  }

  // Line 2 called the expected tool: change one argument's value and the verifier says so.
  await page.getByTestId("jump-line").fill("2");
  await page.getByTestId("jump-line").press("Enter");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  const panel = dp(page).getByTestId("try-panel");
  await expect(panel).toHaveAttribute("open", "");
  const expected = rows[1]!.expected_action as Obj;
  const args = JSON.parse(expected.arguments as string) as Obj;
  const [key] = Object.keys(args);
  const changed = { type: "function_call", name: expected.name, arguments: JSON.stringify({ ...args, [key!]: "something else entirely" }) };
  await panel.getByTestId("try-action-input").fill(JSON.stringify(changed));
  await expect(panel.getByTestId("try-result")).toHaveAttribute("data-reward", "0");
  await expect(panel.getByTestId("try-result")).toHaveAttribute(
    "data-category",
    typeof args[key!] === "string" ? "An argument value in a tool call is different than the expected value" : "The type of an argument value in a tool call is different than the expected type",
  );
  await panel.getByTestId("try-action-input").fill("{not json");
  await expect(panel.getByTestId("try-error")).toContainText("not JSON");
});

test("try it: the word-count threshold knob decides whether a paraphrase passes", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, gym("single_step_example.jsonl"));
  const rows = jsonlRows(gym("single_step_example.jsonl"));
  const line = rows.findIndex((r) => (r.expected_action as Obj).type === "message") + 1;
  await page.getByTestId("jump-line").fill(String(line));
  await page.getByTestId("jump-line").press("Enter");
  const panel = dp(page).getByTestId("try-panel");
  await panel.locator("summary").click();
  // Any message scores 1.0 when a message is expected (Gym's quirk); a tool call does not.
  await panel.getByTestId("try-action-input").fill(JSON.stringify({ type: "message", content: "hi" }));
  await expect(panel.getByTestId("try-result")).toHaveAttribute("data-reward", "1");
  await panel.getByTestId("try-action-input").fill(JSON.stringify({ type: "function_call", name: "x", arguments: "{}" }));
  await expect(panel.getByTestId("try-result")).toHaveAttribute("data-category", "A tool call was executed when a chat message was expected");

  // A function-call row: a multi-word string argument at similarity 3/7 passes at 0.1 and fails at 0.5.
  await page.goto("/");
  const row = {
    responses_create_params: { input: [{ role: "user", content: "weather?" }], tools: [] },
    expected_action: { type: "function_call", name: "search", arguments: '{"q": "weather in paris today"}' },
  };
  await openFiles(page, writeTmp("paraphrase.jsonl", JSON.stringify(row) + "\n"));
  const p = dp(page).getByTestId("try-panel");
  await p.locator("summary").click();
  await p.getByTestId("try-action-input").fill(JSON.stringify({ type: "function_call", name: "search", arguments: '{"q": "weather in paris"}' }));
  await expect(p.getByTestId("try-result")).toHaveAttribute("data-reward", "1");
  await p.getByTestId("knob-word_count_similarity_threshold").fill("0.5");
  await expect(p.getByTestId("try-result")).toHaveAttribute("data-reward", "0");
});
