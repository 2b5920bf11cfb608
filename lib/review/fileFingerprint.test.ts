import { describe, expect, it } from "vitest";
import { createRowHasher } from "@/lib/jsonl/rowHash";
import { FingerprintAccumulator, fingerprintOf } from "./fileFingerprint";
import { keys } from "./testLogs";

describe("file fingerprint", () => {
  it("ignores row order, follows every row and its multiplicity", () => {
    const rows = keys(50);
    const fp = fingerprintOf(rows);
    expect(fp).toMatch(/^fp1:50:[0-9a-f]{32}$/);
    expect(fingerprintOf([...rows].reverse())).toBe(fp);
    expect(fingerprintOf(rows.slice(1))).not.toBe(fp);
    expect(fingerprintOf([...rows.slice(1), keys(1, 999)[0]!])).not.toBe(fp);
    // XOR would make a duplicated pair vanish; the sum does not.
    const [a, b] = keys(2);
    expect(fingerprintOf([a!, b!, b!])).not.toBe(fingerprintOf([a!]));
    expect(fingerprintOf([a!, a!, b!])).not.toBe(fingerprintOf([a!, b!, b!]));
  });

  it("adds up partial accumulators from parallel workers in any order", () => {
    const rows = keys(300);
    const parts = [rows.slice(0, 100), rows.slice(100, 250), rows.slice(250)].map((part) => {
      const acc = new FingerprintAccumulator();
      for (const h of part) acc.add(h);
      return acc;
    });
    expect(new FingerprintAccumulator().merge(parts[2]!).merge(parts[0]!).merge(parts[1]!).digest()).toBe(fingerprintOf(rows));
  });

  it("crosses threads as plain sums (structured-cloned, as a worker posts them) and adds up from them", () => {
    const rows = [...keys(120), "ffffffffffffffff", "ffffffffffffffff"];
    const posted = [rows.slice(0, 61), rows.slice(61)].map((part) => {
      const acc = new FingerprintAccumulator();
      for (const h of part) acc.add(h);
      return structuredClone(acc.sums());
    });
    const merged = new FingerprintAccumulator();
    for (const sums of posted) merged.mergeSums(sums);
    expect(merged.digest()).toBe(fingerprintOf(rows));
    expect(new FingerprintAccumulator().mergeSums(new FingerprintAccumulator().sums()).digest()).toBe(fingerprintOf([]));
  });

  it("gives the fingerprints that saved logs carry (a log re-attaches by comparing them)", () => {
    // The sum, mod 2^64: 2 × 0123456789abcdef + fedcba9876543210 = 1_0123456789abcdee, and ffffffffffffffff is −1.
    // The remix's sum is pinned as earlier versions computed it.
    expect(fingerprintOf(["0123456789abcdef", "ffffffffffffffff", "fedcba9876543210", "0123456789abcdef"])).toBe(
      "fp1:4:0123456789abcdedc68c5b16bde5ebc1",
    );
  });

  it("carries across 64 bits (hashes near the top of the range)", () => {
    const big = "ffffffffffffffff";
    expect(fingerprintOf([big, "0000000000000001"])).toBe(`fp1:2:0000000000000000${fingerprintOf([big, "0000000000000001"]).slice(-16)}`);
    expect(fingerprintOf([big, big])).toMatch(/^fp1:2:fffffffffffffffe/);
  });

  it("is the same for a shuffled, re-saved copy of a real file's lines", async () => {
    const hash = await createRowHasher();
    const enc = new TextEncoder();
    const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify({ i, text: `row ${i % 37}` }));
    const fp = fingerprintOf(lines.map((l) => hash(enc.encode(l))));
    const shuffled = lines.slice(100).concat(lines.slice(0, 100));
    expect(fingerprintOf(shuffled.map((l) => hash(enc.encode(l))))).toBe(fp);
  });

  it("rejects something that is not a content hash", () => {
    expect(() => fingerprintOf(["XYZ"])).toThrow(/content hash/);
  });
});
