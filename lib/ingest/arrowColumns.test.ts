import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { columnsToIpc, type ColumnValues } from "./arrowColumns";
import type { ColumnType } from "./rowColumns";

describe("Arrow batches", () => {
  it("round-trip every column type, nulls and non-ASCII text included", () => {
    const spec: [string, ColumnType][] = [
      ["i", "INTEGER"],
      ["b", "BIGINT"],
      ["d", "DOUBLE"],
      ["s", "VARCHAR"],
      ["l", "VARCHAR[]"],
    ];
    const cols = new Map<string, ColumnValues>([
      ["i", [1, null, -3]],
      ["b", [0, 2 ** 40, 7]],
      ["d", [0.5, null, 1]],
      ["s", ["héllo 日本", null, "x".repeat(1000)]],
      ["l", [["a", "ü"], [], ["🎉"]]],
    ]);
    const t = tableFromIPC(columnsToIpc(spec, cols));
    expect(t.numRows).toBe(3);
    expect(t.getChild("i")!.toJSON()).toEqual([1, null, -3]);
    expect(t.getChild("b")!.toJSON()).toEqual([0n, 2n ** 40n, 7n]);
    expect(t.getChild("d")!.toJSON()).toEqual([0.5, null, 1]);
    expect(t.getChild("s")!.toJSON()).toEqual(["héllo 日本", null, "x".repeat(1000)]);
    expect(t.getChild("l")!.toJSON().map((v) => Array.from(v as Iterable<string>))).toEqual([["a", "ü"], [], ["🎉"]]);
  });
});
