import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openFileSource } from "../node/fileSource";
import { scanFile } from "./loadSummary";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SAMPLE = ["sample-pivots.jsonl", "sample-rollouts.jsonl"];

describe("the bundled sample dataset", () => {
  it("is exactly what scripts/make-sample.mjs generates", () => {
    const out = mkdtempSync(path.join(tmpdir(), "sample-"));
    execFileSync(process.execPath, [path.join(ROOT, "scripts/make-sample.mjs"), "--out", out]);
    for (const name of SAMPLE) {
      expect(readFileSync(path.join(out, name)).equals(readFileSync(path.join(ROOT, "public/sample", name)))).toBe(true);
    }
  });

  it("loads as clean pivots and rollouts with every action type", async () => {
    const pivots = await openFileSource(path.join(ROOT, "public/sample/sample-pivots.jsonl"));
    const scan = await scanFile(pivots);
    await pivots.close();
    expect(scan.errors).toEqual([]);
    expect(scan.detection.kind).toBe("pivots");
    expect(scan.profile.provenance).toEqual({ fc_pivot: scan.profile.rows });
    expect(Object.keys(scan.profile.actionTypes).sort()).toEqual(["function_call", "function_call_batch", "message"]);
    const rollouts = await openFileSource(path.join(ROOT, "public/sample/sample-rollouts.jsonl"));
    const r = await scanFile(rollouts);
    await rollouts.close();
    expect(r.detection.kind).toBe("rollouts");
    expect(r.profile.taskIndexed).toBe(r.profile.rows);
  });
});
