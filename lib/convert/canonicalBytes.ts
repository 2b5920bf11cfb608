/**
 * A canonical byte encoding of JSON values, for hashing without building JSON text: two values encode to the
 * same bytes iff `JSON.stringify` writes them the same (same keys in the same order, same values). It is
 * self-delimiting (tagged, strings length-prefixed), so a concatenation of encodings decodes one way only.
 *
 *   object `{` (key value)* `}`   array `[` value* `]`   string `s` u32 byte length, UTF-8
 *   number `n` f64 (-0 as 0)      true `t`   false `f`   null `z`
 *
 * As in JSON.stringify, object keys whose value is undefined (or a function) are left out, array slots holding
 * one are null, and non-finite numbers are null. A string with a lone surrogate (UTF-8 cannot hold it) is
 * written as its JSON text under tag `S` instead.
 */
import { writeUtf8 } from "../jsonl/utf8Write";

const OBJECT = 0x7b; // {
const OBJECT_END = 0x7d; // }
const ARRAY = 0x5b; // [
const ARRAY_END = 0x5d; // ]
const STRING = 0x73; // s
const JSON_STRING = 0x53; // S
const NUMBER = 0x6e; // n
const TRUE = 0x74; // t
const FALSE = 0x66; // f
const NULL = 0x7a; // z

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

const encoder = new TextEncoder();
const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

export class CanonicalWriter {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  /** The bytes written since the last `clear`; valid until the next write. */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** How many bytes are written. */
  get size(): number {
    return this.length;
  }

  clear(): void {
    this.length = 0;
  }

  /** Drops what was written after the first `size` bytes. */
  truncate(size: number): void {
    this.length = Math.min(this.length, size);
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  beginObject(): void {
    this.byte(OBJECT);
  }

  endObject(): void {
    this.byte(OBJECT_END);
  }

  /** Any JSON value (what JSON.parse returns, or plain objects, arrays and primitives built like it). */
  value(v: unknown): void {
    switch (typeof v) {
      case "string":
        return this.string(v);
      case "number":
        return this.number(v);
      case "boolean":
        return this.byte(v ? TRUE : FALSE);
      case "object":
        if (v === null) return this.byte(NULL);
        if (Array.isArray(v)) return this.array(v);
        return this.object(v as Record<string, unknown>);
      case "bigint":
        throw new TypeError("a BigInt has no JSON form");
      default:
        return this.byte(NULL); // undefined, function, symbol: JSON.stringify writes null in arrays
    }
  }

  /** One object member; left out, as JSON.stringify does, when the value has no JSON form. */
  member(key: string, v: unknown): void {
    if (v === undefined || typeof v === "function" || typeof v === "symbol") return;
    this.string(key);
    this.value(v);
  }

  number(n: number): void {
    if (!Number.isFinite(n)) return this.byte(NULL);
    this.reserve(9);
    this.bytes[this.length++] = NUMBER;
    f64[0] = n === 0 ? 0 : n;
    this.bytes.set(f64Bytes, this.length);
    this.length += 8;
  }

  string(s: string): void {
    const n = s.length;
    // A UTF-16 unit takes at most 3 bytes; JSON text (lone surrogates only) at most 6.
    if (this.length + 7 + 6 * n > this.bytes.length) this.reserve(7 + 6 * n);
    const bytes = this.bytes;
    const start = this.length;
    const body = start + 5;
    let written = writeUtf8(s, bytes, body);
    // Every non-ASCII unit takes 2+ bytes: equal counts mean ASCII, which holds no surrogate.
    if (written !== n && LONE_SURROGATE.test(s)) {
      bytes[start] = JSON_STRING;
      written = encoder.encodeInto(JSON.stringify(s), bytes.subarray(body)).written;
    } else {
      bytes[start] = STRING;
    }
    bytes[start + 1] = written & 0xff;
    bytes[start + 2] = (written >>> 8) & 0xff;
    bytes[start + 3] = (written >>> 16) & 0xff;
    bytes[start + 4] = written >>> 24;
    this.length = body + written;
  }

  private array(a: readonly unknown[]): void {
    this.byte(ARRAY);
    for (let i = 0; i < a.length; i++) this.value(a[i]);
    this.byte(ARRAY_END);
  }

  private object(o: Record<string, unknown>): void {
    this.byte(OBJECT);
    // for-in allocates no key list; JSON values have no inherited enumerable keys.
    for (const key in o) this.member(key, o[key]);
    this.byte(OBJECT_END);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

/**
 * Whether two JSON values are the same, key order included. Never true for values `CanonicalWriter` encodes
 * differently (it can be false for some it encodes alike, e.g. a key holding undefined): a shortcut before
 * hashing, not a definition.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
