import { Field, Float64, Int32, Int64, List, Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from "apache-arrow";
import { LOOP_COPY_CHARS, writeUtf8 } from "../jsonl/utf8Write";
import type { ColumnType } from "./rowColumns";

/**
 * Arrow columns built as rows arrive: each value goes straight into the column's typed buffers (UTF-8 bytes,
 * offsets, validity bits), so a batch costs one pass over its values and no per-value objects. The buffers are
 * kept from batch to batch: `tableToIPC` copies them into its output, so a batch allocates (and grows) nothing
 * once the first one has sized them.
 */

/** Column values gathered row by row, for `columnsToIpc`. */
export type ColumnValues = (number | bigint | string | string[] | null)[];

const INITIAL_ROWS = 1024;

function grown<T extends Int32Array | Float64Array | Uint32Array | Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  (next as Uint8Array).set(a as Uint8Array);
  return next;
}

/**
 * Validity bits, one per row; a set bit is a non-null value. Most columns never see a null, so the bits are
 * written only from a column's first null on (rows before it are all valid), and not at all without one.
 */
class Validity {
  private bits = new Uint8Array(INITIAL_ROWS >> 3);
  nulls = 0;

  /** Records a null at row `i`: the first one sets the bits of rows 0..i-1, which were all valid. */
  null(i: number): void {
    if (this.nulls++ > 0) return;
    this.bits = grown(this.bits, (i >> 3) + 1);
    this.bits.fill(0xff, 0, i >> 3);
    // Rows from here on are set one by one; an earlier batch's bits must not show through.
    this.bits.fill(0, i >> 3);
    this.bits[i >> 3] = (1 << (i & 7)) - 1;
  }

  /** Records a value at row `i`; only needed once there is a null. */
  valid(i: number): void {
    if (i >> 3 >= this.bits.length) this.bits = grown(this.bits, (i >> 3) + 1);
    this.bits[i >> 3]! |= 1 << (i & 7);
  }

  /** The bitmap for `length` rows, or null when there is no null (Arrow's convention). */
  bitmap(length: number): Uint8Array | null {
    return this.nulls === 0 ? null : grown(this.bits, (length + 7) >> 3).subarray(0, (length + 7) >> 3);
  }

  reset(): void {
    this.nulls = 0;
  }
}

/**
 * A column builder: `vector()` views the builder's buffers, so it must be serialized before `reset()` and the
 * next batch's values overwrite them.
 */
interface Builder {
  vector(): Vector;
  reset(): void;
}

/** Nullable numbers in a typed array. */
abstract class NumberColumn<A extends Int32Array | Float64Array> implements Builder {
  protected data: A;
  protected readonly validity = new Validity();
  length = 0;

  constructor(array: new (n: number) => A) {
    this.data = new array(INITIAL_ROWS);
  }

  protected abstract vectorOf(data: A, nullCount: number, nullBitmap: Uint8Array | null): Vector;

  push(v: number | null | undefined): void {
    const i = this.length++;
    if (i >= this.data.length) this.data = grown(this.data, i + 1);
    if (v === null || v === undefined) {
      // Zero, not what an earlier batch left in the slot: the IPC bytes must not depend on the batches before.
      this.data[i] = 0;
      this.validity.null(i);
      return;
    }
    this.data[i] = v;
    if (this.validity.nulls > 0) this.validity.valid(i);
  }

  vector(): Vector {
    const n = this.length;
    return this.vectorOf(grown(this.data, n).subarray(0, n) as A, this.validity.nulls, this.validity.bitmap(n));
  }

  reset(): void {
    this.validity.reset();
    this.length = 0;
  }
}

export class IntColumn extends NumberColumn<Int32Array> {
  constructor() {
    super(Int32Array);
  }

  protected vectorOf(data: Int32Array, nullCount: number, nullBitmap: Uint8Array | null): Vector {
    return makeVector(makeData({ type: new Int32(), length: data.length, nullCount, nullBitmap, data }));
  }
}

export class DoubleColumn extends NumberColumn<Float64Array> {
  constructor() {
    super(Float64Array);
  }

  protected vectorOf(data: Float64Array, nullCount: number, nullBitmap: Uint8Array | null): Vector {
    return makeVector(makeData({ type: new Float64(), length: data.length, nullCount, nullBitmap, data }));
  }
}

const TWO_32 = 2 ** 32;

/** 64-bit integers (byte offsets); never null. */
export class BigIntColumn implements Builder {
  /** Two little-endian 32-bit words per value (Arrow's layout): a safe integer is stored without a BigInt. */
  private words = new Uint32Array(INITIAL_ROWS * 2);
  length = 0;

  push(v: number | bigint): void {
    const i = this.length++;
    if (2 * i + 2 > this.words.length) this.words = grown(this.words, 2 * i + 2);
    if (typeof v === "number" && Number.isSafeInteger(v)) {
      const low = v >>> 0;
      this.words[2 * i] = low;
      this.words[2 * i + 1] = (v - low) / TWO_32;
    } else {
      new BigInt64Array(this.words.buffer, 8 * i, 1)[0] = BigInt(v);
    }
  }

  vector(): Vector {
    const n = this.length;
    return makeVector(makeData({ type: new Int64(), length: n, nullCount: 0, data: new BigInt64Array(this.words.buffer, 0, n) }));
  }

  reset(): void {
    this.length = 0;
  }
}

export class Utf8Column implements Builder {
  private bytes = new Uint8Array(INITIAL_ROWS * 16);
  private offsets = new Int32Array(INITIAL_ROWS + 1);
  private readonly validity = new Validity();
  private at = 0;
  /** The last value written, whose bytes end at `at`: repeated values (a row kind, an agent) are copied, not encoded. */
  private last: string | null = null;
  private lastBytes = 0;
  length = 0;

  push(v: string | null | undefined): void {
    const i = this.length++;
    if (i + 1 >= this.offsets.length) this.offsets = grown(this.offsets, i + 2);
    if (v === null || v === undefined) {
      this.validity.null(i);
      this.offsets[i + 1] = this.at;
      return;
    }
    if (this.validity.nulls > 0) this.validity.valid(i);
    this.write(v);
    this.offsets[i + 1] = this.at;
  }

  private write(v: string): void {
    if (v === this.last) {
      this.repeat();
      return;
    }
    // A UTF-16 unit encodes to at most 3 bytes.
    if (this.at + v.length * 3 > this.bytes.length) this.bytes = grown(this.bytes, this.at + v.length * 3);
    const start = this.at;
    this.at += writeUtf8(v, this.bytes, start);
    this.last = v;
    this.lastBytes = this.at - start;
  }

  /** Copies the last value's bytes again. */
  private repeat(): void {
    const n = this.lastBytes;
    if (this.at + n > this.bytes.length) this.bytes = grown(this.bytes, this.at + n);
    const bytes = this.bytes;
    const from = this.at - n;
    const to = this.at;
    if (n <= LOOP_COPY_CHARS) for (let k = 0; k < n; k++) bytes[to + k] = bytes[from + k]!;
    else bytes.copyWithin(to, from, to);
    this.at += n;
  }

  /** The column's Arrow data (a list column's child). */
  data() {
    const n = this.length;
    return makeData({
      type: new Utf8(),
      length: n,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.bitmap(n),
      valueOffsets: this.offsets.subarray(0, n + 1),
      data: this.bytes.subarray(0, this.at),
    });
  }

  vector(): Vector {
    return makeVector(this.data());
  }

  reset(): void {
    this.validity.reset();
    this.at = 0;
    this.last = null;
    this.length = 0;
  }
}

/** Lists of strings; never null (an empty list instead). */
export class Utf8ListColumn implements Builder {
  private offsets = new Int32Array(INITIAL_ROWS + 1);
  private readonly items = new Utf8Column();
  length = 0;

  push(list: readonly string[]): void {
    const i = this.length++;
    if (i + 1 >= this.offsets.length) this.offsets = grown(this.offsets, i + 2);
    for (let k = 0; k < list.length; k++) this.items.push(list[k]);
    this.offsets[i + 1] = this.items.length;
  }

  vector(): Vector {
    const n = this.length;
    const type = new List(new Field("item", new Utf8(), true));
    return makeVector(makeData({ type, length: n, nullCount: 0, valueOffsets: this.offsets.subarray(0, n + 1), child: this.items.data() }));
  }

  reset(): void {
    this.items.reset();
    this.length = 0;
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
  const rows = all[spec[0]![0]]!.length;
  for (const [name] of spec) {
    // Arrow would pad a short column with nulls: a value missed by the caller must fail loudly instead.
    if (all[name]!.length !== rows) throw new Error(`column ${name} has ${all[name]!.length} values, not ${rows}`);
    vectors[name] = all[name]!.vector();
  }
  // The output is a copy (the stream's messages joined in one buffer), so the builders can reuse their buffers.
  const ipc = tableToIPC(new Table(vectors), "stream");
  for (const [name] of spec) all[name]!.reset();
  return ipc;
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
