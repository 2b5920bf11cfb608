import { tableFromIPC } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { buildersToIpc, columnBuilders, columnsToIpc, type ColumnValues } from "./arrowColumns";
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

  it("write 64-bit integers exactly, negative, large and bigint ones included", () => {
    const values = [0, -1, 2 ** 32, 2 ** 40 + 5, -(2 ** 33) - 7, Number.MAX_SAFE_INTEGER, 2n ** 62n, -(2n ** 63n)];
    const t = tableFromIPC(columnsToIpc([["b", "BIGINT"]], new Map([["b", values]])));
    expect(t.getChild("b")!.toJSON()).toEqual(values.map((v) => BigInt(v)));
  });

  it("give a batch the same bytes whether its builders are fresh or reused", () => {
    const spec: [string, ColumnType][] = [
      ["i", "INTEGER"],
      ["d", "DOUBLE"],
      ["s", "VARCHAR"],
      ["l", "VARCHAR[]"],
    ];
    const long = "a".repeat(300);
    const rows = (n: number, nullEvery: number): Map<string, ColumnValues> => {
      const nth = (k: number) => nullEvery > 0 && k % nullEvery === nullEvery - 1;
      const range = Array.from({ length: n }, (_, k) => k);
      return new Map<string, ColumnValues>([
        ["i", range.map((k) => (nth(k) ? null : k))],
        ["d", range.map((k) => (nth(k) ? null : k / 4))],
        ["s", range.map((k) => (nth(k) ? null : k % 3 === 0 ? "ü" + long : k % 2 === 0 ? "same" : `v${k}`))],
        ["l", range.map((k) => (k % 4 === 0 ? [] : ["x", "x", `y${k}`]))],
      ]);
    };
    const reused = columnBuilders(spec);
    const fill = (cols: Map<string, ColumnValues>) => {
      const all = reused as Record<string, { push(v: ColumnValues[number]): void }>;
      for (const [name] of spec) for (const v of cols.get(name)!) all[name]!.push(v);
      return buildersToIpc(spec, reused);
    };
    // A long batch without nulls, then shorter ones with nulls (the first past the first bitmap byte), then one without again.
    for (const [n, nullEvery] of [[3000, 0], [37, 11], [29, 3], [40, 0]] as const) {
      expect(fill(rows(n, nullEvery))).toEqual(columnsToIpc(spec, rows(n, nullEvery)));
    }
    const t = tableFromIPC(columnsToIpc(spec, rows(37, 11)));
    expect(t.getChild("i")!.nullCount).toBe(3);
    expect(t.getChild("s")!.toJSON().slice(8, 12)).toEqual(["same", "ü" + long, null, "v11"]);
    expect(t.getChild("s")!.get(0)).toBe("ü" + long);
  });

  it("refuse columns of different lengths", () => {
    const spec: [string, ColumnType][] = [
      ["a", "INTEGER"],
      ["b", "VARCHAR"],
    ];
    expect(() => columnsToIpc(spec, new Map<string, ColumnValues>([["a", [1, 2]], ["b", ["x"]]]))).toThrow(/column b has 1 values, not 2/);
  });
});
