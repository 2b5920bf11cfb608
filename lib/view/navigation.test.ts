import { describe, expect, it } from "vitest";
import { applyNav, indexAtOrAfterLine, indexOfRow, navKeyFor, nextUndecided } from "./navigation";

const keys = {
  fileIds: Int32Array.from([1, 1, 1, 2, 2]),
  lines: Int32Array.from([1, 4, 9, 2, 3]),
  offsets: new Float64Array(5),
  lengths: new Int32Array(5),
  hashes: ["a", "b", "c", "d", "e"],
  candidates: new Int32Array(5).fill(-1),
  sourceLines: new Int32Array(5).fill(-1),
};

describe("navigation", () => {
  it("maps j/k/arrows/g/G to steps", () => {
    expect(["j", "ArrowDown", "k", "ArrowUp", "g", "G", "x"].map(navKeyFor)).toEqual(["next", "next", "prev", "prev", "first", "last", null]);
  });

  it("steps within the view and stops at its ends", () => {
    expect(applyNav("next", 0, 5)).toBe(1);
    expect(applyNav("next", 4, 5)).toBe(4);
    expect(applyNav("prev", 0, 5)).toBe(0);
    expect(applyNav("last", 2, 5)).toBe(4);
    expect(applyNav("first", 3, 5)).toBe(0);
    expect(applyNav("next", -1, 0)).toBe(-1);
  });

  it("finds a row by file and line, or the next row at or after a line", () => {
    expect(indexOfRow(keys, 2, 3)).toBe(4);
    expect(indexOfRow(keys, 1, 3)).toBe(-1);
    expect(indexAtOrAfterLine(keys, 1, 2)).toBe(1);
    expect(indexAtOrAfterLine(keys, 1, 10)).toBe(-1);
    expect(indexAtOrAfterLine(keys, 2, 1)).toBe(3);
  });

  it("finds the next undecided row after the cursor, wrapping around, or -1 when all are decided", () => {
    const decided = (set: string) => (h: string) => set.includes(h);
    expect(nextUndecided(keys, 0, decided("b"))).toBe(2);
    expect(nextUndecided(keys, 3, decided("e"))).toBe(0);
    expect(nextUndecided(keys, 2, decided("abde"))).toBe(2);
    expect(nextUndecided(keys, 2, decided("abcde"))).toBe(-1);
  });
});
