import { Field, Float64, Int32, Int64, List, Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from "apache-arrow";
import type { ColumnType } from "./rowColumns";

/**
 * Arrow columns built as rows arrive: each value goes straight into the column's typed buffers (UTF-8 bytes,
 * offsets, validity bits), so a batch costs one pass over its values and no per-value objects.
 */

/** Column values gathered row by row, for `columnsToIpc`. */
export type ColumnValues = (number | bigint | string | string[] | null)[];

const INITIAL_ROWS = 1024;

function grown<T extends Int32Array | Float64Array | BigInt64Array | Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  (next as Uint8Array).set(a as Uint8Array);
  return next;
}

/** Validity bits, one per row; a set bit is a non-null value. */
class Validity {
  private bits = new Uint8Array(INITIAL_ROWS >> 3);
  nulls = 0;

  valid(i: number): void {
    if (i >> 3 >= this.bits.length) this.bits = grown(this.bits, (i >> 3) + 1);
    this.bits[i >> 3]! |= 1 << (i & 7);
  }

  /** The bitmap for `length` rows, or null when there is no null (Arrow's convention). */
  bitmap(length: number): Uint8Array | null {
    return this.nulls === 0 ? null : grown(this.bits, (length + 7) >> 3).subarray(0, (length + 7) >> 3);
  }
}

/** Nullable numbers in a typed array. */
abstract class NumberColumn<A extends Int32Array | Float64Array> {
  private data: A;
  private validity = new Validity();
  length = 0;

  constructor(private readonly array: new (n: number) => A) {
    this.data = new array(INITIAL_ROWS);
  }

  protected abstract vector(data: A, nullCount: number, nullBitmap: Uint8Array | null): Vector;

  push(v: number | null | undefined): void {
    const i = this.length++;
    if (v === null || v === undefined) {
      this.validity.nulls++;
      return;
    }
    if (i >= this.data.length) this.data = grown(this.data, i + 1);
    this.data[i] = v;
    this.validity.valid(i);
  }

  finish(): Vector {
    const n = this.length;
    const v = this.vector(grown(this.data, n).subarray(0, n) as A, this.validity.nulls, this.validity.bitmap(n));
    this.data = new this.array(INITIAL_ROWS);
    this.validity = new Validity();
    this.length = 0;
    return v;
  }
}

export class IntColumn extends NumberColumn<Int32Array> {
  constructor() {
    super(Int32Array);
  }

  protected vector(data: Int32Array, nullCount: number, nullBitmap: Uint8Array | null): Vector {
    return makeVector(makeData({ type: new Int32(), length: data.length, nullCount, nullBitmap, data }));
  }
}

export class DoubleColumn extends NumberColumn<Float64Array> {
  constructor() {
    super(Float64Array);
  }

  protected vector(data: Float64Array, nullCount: number, nullBitmap: Uint8Array | null): Vector {
    return makeVector(makeData({ type: new Float64(), length: data.length, nullCount, nullBitmap, data }));
  }
}

/** 64-bit integers (byte offsets); never null. */
export class BigIntColumn {
  private data = new BigInt64Array(INITIAL_ROWS);
  length = 0;

  push(v: number | bigint): void {
    const i = this.length++;
    if (i >= this.data.length) this.data = grown(this.data, i + 1);
    this.data[i] = BigInt(v);
  }

  finish(): Vector {
    const n = this.length;
    const v = makeVector(makeData({ type: new Int64(), length: n, nullCount: 0, data: this.data.subarray(0, n) }));
    this.data = new BigInt64Array(INITIAL_ROWS);
    this.length = 0;
    return v;
  }
}

const encoder = new TextEncoder();
/** Below this length an ASCII string is copied by a loop: a TextEncoder call costs more than the copy. */
const SHORT_STRING = 64;

export class Utf8Column {
  private bytes = new Uint8Array(INITIAL_ROWS * 16);
  private offsets = new Int32Array(INITIAL_ROWS + 1);
  private validity = new Validity();
  private at = 0;
  length = 0;

  push(v: string | null | undefined): void {
    const i = this.length++;
    if (i + 1 >= this.offsets.length) this.offsets = grown(this.offsets, i + 2);
    if (v === null || v === undefined) {
      this.validity.nulls++;
      this.offsets[i + 1] = this.at;
      return;
    }
    this.validity.valid(i);
    this.write(v);
    this.offsets[i + 1] = this.at;
  }

  private write(v: string): void {
    // A UTF-16 unit encodes to at most 3 bytes.
    if (this.at + v.length * 3 > this.bytes.length) this.bytes = grown(this.bytes, this.at + v.length * 3);
    this.at += (v.length <= SHORT_STRING && this.ascii(v)) || encoder.encodeInto(v, this.bytes.subarray(this.at)).written;
  }

  /** Copies an ASCII string; 0 (nothing written) when it holds another character or is empty. */
  private ascii(v: string): number {
    const bytes = this.bytes;
    const at = this.at;
    for (let k = 0; k < v.length; k++) {
      const c = v.charCodeAt(k);
      if (c >= 0x80) return 0;
      bytes[at + k] = c;
    }
    return v.length;
  }

  /** The column's Arrow data (a list column's child), and an empty column. */
  finishData() {
    const n = this.length;
    const d = makeData({
      type: new Utf8(),
      length: n,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.bitmap(n),
      valueOffsets: this.offsets.subarray(0, n + 1),
      data: this.bytes.subarray(0, this.at),
    });
    this.bytes = new Uint8Array(Math.max(INITIAL_ROWS * 16, this.at));
    this.offsets = new Int32Array(INITIAL_ROWS + 1);
    this.validity = new Validity();
    this.at = 0;
    this.length = 0;
    return d;
  }

  finish(): Vector {
    return makeVector(this.finishData());
  }
}

/** Lists of strings; never null (an empty list instead). */
export class Utf8ListColumn {
  private offsets = new Int32Array(INITIAL_ROWS + 1);
  private readonly items = new Utf8Column();
  length = 0;

  push(list: readonly string[]): void {
    const i = this.length++;
    if (i + 1 >= this.offsets.length) this.offsets = grown(this.offsets, i + 2);
    for (const v of list) this.items.push(v);
    this.offsets[i + 1] = this.items.length;
  }

  finish(): Vector {
    const n = this.length;
    const type = new List(new Field("item", new Utf8(), true));
    const v = makeVector(makeData({ type, length: n, nullCount: 0, valueOffsets: this.offsets.subarray(0, n + 1), child: this.items.finishData() }));
    this.offsets = new Int32Array(INITIAL_ROWS + 1);
    this.length = 0;
    return v;
  }
}

type BuilderOf<T extends ColumnType> = T extends "INTEGER"
  ? IntColumn
  : T extends "BIGINT"
    ? BigIntColumn
    : T extends "DOUBLE"
      ? DoubleColumn
      : T extends "VARCHAR"
        ? Utf8Column
        : Utf8ListColumn;

type ColumnSpec = readonly (readonly [string, ColumnType])[];

/** One builder per column of `spec`, by name, typed by the column's type. */
export type ColumnBuilders<S extends ColumnSpec> = { [C in S[number] as C[0]]: BuilderOf<C[1]> };

type AnyBuilder = IntColumn | BigIntColumn | DoubleColumn | Utf8Column | Utf8ListColumn;

function builderFor(type: ColumnType): AnyBuilder {
  switch (type) {
    case "INTEGER":
      return new IntColumn();
    case "BIGINT":
      return new BigIntColumn();
    case "DOUBLE":
      return new DoubleColumn();
    case "VARCHAR":
      return new Utf8Column();
    case "VARCHAR[]":
      return new Utf8ListColumn();
  }
}

export function columnBuilders<S extends ColumnSpec>(spec: S): ColumnBuilders<S> {
  const out: Record<string, AnyBuilder> = {};
  for (const [name, type] of spec) out[name] = builderFor(type);
  // V8 keeps an object given many keys one by one as a dictionary; a copy made in one go has fast properties,
  // which `batch.cols.file_id` reads once per row and column.
  return { ...out } as ColumnBuilders<S>;
}

/** Arrow IPC stream bytes of the built columns, ready for `insertArrowFromIPCStream`; the builders start over. */
export function buildersToIpc<S extends ColumnSpec>(spec: S, builders: ColumnBuilders<S>): Uint8Array {
  const vectors: Record<string, Vector> = {};
  const all = builders as Record<string, AnyBuilder>;
  for (const [name] of spec) vectors[name] = all[name]!.finish();
  return tableToIPC(new Table(vectors), "stream");
}

/** Arrow IPC stream bytes for the given columns, ready for `insertArrowFromIPCStream`. */
export function columnsToIpc(spec: ColumnSpec, columns: Map<string, ColumnValues>): Uint8Array {
  const builders = columnBuilders(spec);
  const all = builders as Record<string, AnyBuilder>;
  for (const [name] of spec) {
    const b = all[name]!;
    for (const v of columns.get(name) ?? []) (b.push as (v: ColumnValues[number]) => void)(v);
  }
  return buildersToIpc(spec, builders);
}
