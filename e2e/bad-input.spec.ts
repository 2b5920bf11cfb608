import { expect, test } from "@playwright/test";
import { downloadBundle, jsonLines } from "./bundle";
import { dp, gym, jsonlRows, openFiles, writeTmp } from "./helpers";

const enc = (s: string) => new TextEncoder().encode(s);
const good = (name: string) => JSON.stringify({ responses_create_params: { input: [{ role: "user", content: name }], tools: [] }, expected_action: { type: "message", content: "ok" } });

/** One file with every kind of bad line the issue lists, between good rows; line numbers are 1-based. */
function badFile(): { bytes: Uint8Array; good: number; errors: [number, RegExp][] } {
  const parts: (string | number[])[] = [
    good("one") + "\r\n", // 1: CRLF
    '{"responses_create_params": {"input": [}\r\n', // 2: invalid JSON
    "[1, 2, 3]\n", // 3: not an object
    JSON.stringify({ responses_create_params: { input: [] } }) + "\n", // 4: missing expected_action
    JSON.stringify({ expected_action: { type: "message", content: "x" } }) + "\n", // 5: missing responses_create_params
    "\n", // 6: blank, skipped
    '{"responses_create_params": {"input": [{"role": "user", "content": "caf',
    [0xe9], // 7: a Latin-1 byte, not UTF-8
    '"}]}, "expected_action": {"type": "message", "content": "x"}}\n',
    '"just a string"\n', // 8: not an object
    good("two"), // 9: last line, no newline
  ];
  const chunks = parts.map((p) => (typeof p === "string" ? enc(p) : new Uint8Array(p)));
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...chunks.flatMap((c) => Array.from(c))]); // BOM first
  return {
    bytes,
    good: 2,
    errors: [
      [2, /invalid JSON/],
      [3, /not a JSON object/],
      [4, /missing "expected_action"/],
      [5, /missing "responses_create_params"/],
      [7, /not valid UTF-8 \(byte 0xe9/],
      [8, /a string, not a JSON object/],
    ],
  };
}

test("bad lines become located errors and every good row still loads", async ({ page }) => {
  const { bytes, good: goodRows, errors } = badFile();
  const file = writeTmp("bad-lines.jsonl", bytes);
  await page.goto("/");
  await openFiles(page, [file, gym("single_step_example.jsonl")]);
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", String(goodRows + 5));
  await expect(page.getByTestId("error-count")).toHaveAttribute("data-value", String(errors.length));
  const listed = page.locator('[data-testid="load-error"][data-file="bad-lines.jsonl"]');
  await expect(listed).toHaveCount(errors.length);
  for (const [i, [line, message]] of errors.entries()) {
    await expect(listed.nth(i)).toHaveAttribute("data-line", String(line));
    await expect(listed.nth(i)).toContainText(`bad-lines.jsonl:${line}`);
    await expect(listed.nth(i)).toContainText(message);
  }
  // The good rows are the first and last lines, with BOM and CRLF gone.
  await expect(dp(page)).toHaveAttribute("data-line", "1");
  await expect(dp(page)).toContainText("one");
  await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-line", "9");
  await expect(dp(page)).toContainText("two");
  await expect(page.getByTestId("metric-errors")).toHaveAttribute("data-errors", String(errors.length));
  // The audit says the bad lines are in the bundle's skipped.jsonl too; the bundle has each one.
  await expect(page.getByTestId("audit-bad-lines")).toHaveAttribute("data-count", String(errors.length));
  await page.getByTestId("export-panel").locator("summary").click();
  await page.getByTestId("export-keep").selectOption("not-rejected");
  const zip = await downloadBundle(page, "bad-lines.zip");
  const skipped = jsonLines(zip["skipped.jsonl"]!).map((s) => s.source as { file: string; line: number });
  for (const [line] of errors) expect(skipped).toContainEqual({ file: "bad-lines.jsonl", line });
});

test("an empty file loads as empty, without errors", async ({ page }) => {
  await page.goto("/");
  await openFiles(page, writeTmp("empty.jsonl", ""));
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "0");
  await expect(page.getByTestId("error-count")).toHaveAttribute("data-value", "0");
  await expect(page.getByTestId("file-kind")).toHaveAttribute("data-kind", "empty");
});

test("a 50 MB single line loads, and the tab stays usable", async ({ page }) => {
  const big = JSON.stringify({
    responses_create_params: { input: [{ role: "user", content: "x".repeat(50 * 2 ** 20) }], tools: [] },
    expected_action: { type: "message", content: "done" },
  });
  const file = writeTmp("one-huge-line.jsonl", `${good("small")}\n${big}\n{oops\n`);
  await page.goto("/");
  await openFiles(page, file);
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", "2");
  await expect(page.getByTestId("error-count")).toHaveAttribute("data-value", "1");
  await expect(page.locator('[data-testid="load-error"]')).toHaveAttribute("data-line", "3");
  await page.keyboard.press("j");
  await expect(dp(page)).toHaveAttribute("data-line", "2");
  // Long text is collapsed, not dumped into the page.
  await expect(dp(page).getByText(/show more \(52,428,/)).toBeVisible();
});

test("row content is untrusted: markup renders as text and never runs", async ({ page }) => {
  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><svg onload="window.__xss=3">`;
  const row = {
    responses_create_params: {
      input: [
        { role: "system", content: payload },
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: payload }] },
        { type: "function_call", name: "lookup", arguments: JSON.stringify({ q: payload }), call_id: "c1" },
        { type: "function_call_output", call_id: "c1", output: payload },
      ],
      tools: [{ type: "function", name: "lookup", description: payload, parameters: { type: "object", properties: { q: { type: "string", description: payload } } } }],
    },
    expected_action: { type: "function_call", name: "lookup", arguments: JSON.stringify({ q: payload }) },
  };
  await page.goto("/");
  await openFiles(page, writeTmp("xss.jsonl", JSON.stringify(row) + "\n" + JSON.stringify({ ...row, expected_action: { type: "message", content: payload } }) + "\n"));
  await expect(dp(page)).toContainText('<img src=x onerror="window.__xss=1">');
  await page.getByTestId("raw-toggle").click();
  await expect(page.getByTestId("raw-json")).toContainText("onerror");
  await page.getByTestId("raw-toggle").click();
  await page.keyboard.press("j");
  await expect(page.getByTestId("expected-action")).toContainText("<script>window.__xss=2</script>");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator(".decision-point img, .decision-point script, .decision-point svg")).toHaveCount(0);
});

test("files dropped on the page open like picked ones", async ({ page }) => {
  await page.goto("/");
  const name = "swe_pivot_example.jsonl";
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(gym(name), "utf8");
  const dt = await page.evaluateHandle(
    ([t, n]) => {
      const d = new DataTransfer();
      d.items.add(new File([t], n, { type: "application/x-ndjson" }));
      return d;
    },
    [text, name] as const,
  );
  await page.dispatchEvent("body", "dragenter", { dataTransfer: dt });
  await expect(page.getByTestId("drop-overlay")).toBeVisible();
  await page.dispatchEvent("body", "drop", { dataTransfer: dt });
  await expect(page.getByTestId("load-status")).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("row-count")).toHaveAttribute("data-value", String(jsonlRows(gym(name)).length));
  await expect(page.getByTestId("file-kind")).toHaveAttribute("data-kind", "pivots");
});
