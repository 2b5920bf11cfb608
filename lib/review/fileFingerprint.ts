import { hexWord } from "../jsonl/hexWord";
import { type ContentHash } from "./decision";

/**
 * A file's content fingerprint: `fp1:<row count>:<32 hex>`, computed from its rows' content hashes only.
 *
 * Why a sum and not a hash of the file bytes or of the sorted hashes:
 * - order-independent: the same rows shuffled or the file renamed give the same fingerprint (addition commutes);
 * - multiplicity-sensitive: a row that appears twice counts twice (XOR would cancel a duplicated pair);
 * - streamable and mergeable: each parse worker folds its own batches and the partials add up in any order,
 *   in O(1) memory, where sorting a multiset needs every hash of a multi-GB file at once.
 * Two 64-bit sums (of the hash, and of a remix of it) plus the count make accidental collisions negligible.
 * It is not collision-resistant against a crafted file; it only groups logs, and rows attach by their own hash.
 */
export type FileFingerprint = string;

const TWO_32 = 0x1_0000_0000;

/** An accumulator's state as plain numbers, to cross threads: row count, then the two 64-bit sums as 32-bit halves. */
export type FingerprintSums = readonly [count: number, sumHi: number, sumLo: number, mixHi: number, mixLo: number];

export class FingerprintAccumulator {
  #count = 0;
  #sumHi = 0;
  #sumLo = 0;
  #mixHi = 0;
  #mixLo = 0;

  add(hash: ContentHash): this {
    const hiWord = hexWord(hash, 0);
    const loWord = hexWord(hash, 8);
    if (hash.length !== 16 || Number.isNaN(hiWord) || Number.isNaN(loWord)) {
      throw new Error(`Not a content hash (16 lowercase hex digits): ${JSON.stringify(hash)}`);
    }
    const hi = hiWord >>> 0;
    const lo = loWord >>> 0;
    this.#count++;
    // Sums updated in place, with no pair returned: a load adds every row once, often before V8 has optimized
    // this code, and unoptimized code pays for each array it makes and takes apart.
    const sumLo = this.#sumLo + lo;
    const carry = sumLo >= TWO_32 ? 1 : 0;
    this.#sumLo = sumLo - carry * TWO_32;
    this.#sumHi = (this.#sumHi + hi + carry) >>> 0;
    // The remix: a cheap 64→64-bit scramble (murmur3 finalizer constants), so the second sum is not a function of
    // the first.
    let a = Math.imul(lo ^ (hi >>> 15), 0x85ebca6b);
    let b = Math.imul(hi ^ (lo >>> 13), 0xc2b2ae35);
    a ^= b >>> 16;
    b ^= a >>> 13;
    a = Math.imul(a, 0x27d4eb2f);
    b = Math.imul(b, 0x165667b1);
    const mixLo = this.#mixLo + ((b ^ (b >>> 15)) >>> 0);
    const mixCarry = mixLo >= TWO_32 ? 1 : 0;
    this.#mixLo = mixLo - mixCarry * TWO_32;
    this.#mixHi = (this.#mixHi + ((a ^ (a >>> 16)) >>> 0) + mixCarry) >>> 0;
    return this;
  }

  /** Fold another accumulator in (e.g. one per worker); the result is as if all rows were added here. */
  merge(other: FingerprintAccumulator): this {
    return this.mergeSums(other.sums());
  }

  /** `merge`, from an accumulator's `sums` (e.g. sent by a worker). */
  mergeSums([count, sumHi, sumLo, mixHi, mixLo]: FingerprintSums): this {
    this.#count += count;
    [this.#sumHi, this.#sumLo] = add64(this.#sumHi, this.#sumLo, sumHi, sumLo);
    [this.#mixHi, this.#mixLo] = add64(this.#mixHi, this.#mixLo, mixHi, mixLo);
    return this;
  }

  sums(): FingerprintSums {
    return [this.#count, this.#sumHi, this.#sumLo, this.#mixHi, this.#mixLo];
  }

  digest(): FileFingerprint {
    return `fp1:${this.#count}:${hex32(this.#sumHi)}${hex32(this.#sumLo)}${hex32(this.#mixHi)}${hex32(this.#mixLo)}`;
  }
}

export function fingerprintOf(hashes: Iterable<ContentHash>): FileFingerprint {
  const acc = new FingerprintAccumulator();
  for (const h of hashes) acc.add(h);
  return acc.digest();
}

function add64(aHi: number, aLo: number, bHi: number, bLo: number): [number, number] {
  const lo = aLo + bLo;
  const carry = lo >= TWO_32 ? 1 : 0;
  return [(aHi + bHi + carry) >>> 0, lo - carry * TWO_32];
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, "0");
}
