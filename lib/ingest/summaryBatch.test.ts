import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { ITEM_BUCKETS, summarizeRow } from "../formats/rowSummary";
import { SummaryBatch } from "./summaryBatch";

describe("SummaryBatch", () => {
  it("writes each item bucket's count to its own column", () => {
    const result = summarizeRow({
      responses_create_params: { input: [{ role: "user", content: "u" }] },
      expected_action: { type: "message", content: "m" },
    });
    if (!result.ok) throw new Error(result.error);
    const summary = result.summary;
    ITEM_BUCKETS.forEach((b, k) => (summary.items[b] = k + 1));
    const batch = new SummaryBatch();
    batch.add({ fileId: 1, line: 1, offset: 0, length: 10 }, "h", summary);
    const t = tableFromIPC(batch.take());
    expect(ITEM_BUCKETS.map((b) => t.getChild(`n_${b}`)!.get(0))).toEqual(ITEM_BUCKETS.map((_, k) => k + 1));
  });
});
