import { describe, expect, it } from "vitest";
import { prng } from "../testing/prng";
import { DigestSet } from "./digestSet";

function randomHex(random: () => number): string {
  let s = "";
  for (let i = 0; i < 16; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}

describe("DigestSet", () => {
  it("answers as a Set<string> does, across growth", () => {
    const random = prng(5);
    const pool = Array.from({ length: 20_000 }, () => randomHex(random));
    // Digests that differ in one half only, and the extremes.
    pool.push("0000000000000000", "ffffffffffffffff", "00000000ffffffff", "ffffffff00000000", "0000000100000000", "0000000000000001");
    const set = new DigestSet();
    const reference = new Set<string>();
    for (let k = 0; k < 50_000; k++) {
      const hex = pool[Math.floor(random() * pool.length)]!;
      expect(set.add(hex)).toBe(!reference.has(hex));
      reference.add(hex);
    }
    for (const hex of pool.slice(-6)) {
      expect(set.add(hex)).toBe(!reference.has(hex));
      reference.add(hex);
    }
    expect(set.size).toBe(reference.size);
  });

  it("takes only 16 lowercase hex digits", () => {
    const set = new DigestSet();
    for (const bad of ["", "0123", "0123456789abcdeF", "0123456789abcdeg", "0123456789abcdef0"]) expect(() => set.add(bad)).toThrow(/16 hex digits/);
  });
});
