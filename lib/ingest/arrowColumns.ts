import {
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector,
} from "apache-arrow";
import type { ColumnType } from "./rowColumns";

/** Column values gathered row by row, turned into Arrow vectors in one go per batch. */
export type ColumnValues = (number | bigint | string | string[] | null)[];

const listOfUtf8 = () => new List(new Field("item", new Utf8(), true));

function intVector(values: ColumnValues): Vector {
  const n = values.length;
  const data = new Int32Array(n);
  const validity = new Uint8Array((n + 7) >> 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) nulls++;
    else {
      data[i] = v as number;
      validity[i >> 3]! |= 1 << (i & 7);
    }
  }
  return makeVector(makeData({ type: new Int32(), length: n, nullCount: nulls, nullBitmap: nulls ? validity : null, data }));
}

function bigintVector(values: ColumnValues): Vector {
  const data = BigInt64Array.from(values as number[], (v) => BigInt(v));
  return makeVector(makeData({ type: new Int64(), length: data.length, nullCount: 0, data }));
}

export function toVector(type: ColumnType, values: ColumnValues): Vector {
  switch (type) {
    case "INTEGER":
      return intVector(values);
    case "BIGINT":
      return bigintVector(values);
    case "DOUBLE":
      return vectorFromArray(values as (number | null)[], new Float64());
    case "VARCHAR":
      return vectorFromArray(values as (string | null)[], new Utf8());
    case "VARCHAR[]":
      return vectorFromArray(values as string[][], listOfUtf8());
  }
}

/** Arrow IPC stream bytes for the given columns, ready for `insertArrowFromIPCStream`. */
export function columnsToIpc(
  spec: readonly (readonly [string, ColumnType])[],
  columns: Map<string, ColumnValues>,
): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const [name, type] of spec) vectors[name] = toVector(type, columns.get(name) ?? []);
  return tableToIPC(new Table(vectors), "stream");
}
