/**
 * What the checking pass learned about each source row, one byte per row (indexed by the row's position in
 * the source), so the writing passes can route rows and copy clean ones without parsing them again.
 */
export const EXCLUDED = 0;
export const SKIPPED = 1;
export const KEPT = 2;
const KIND_MASK = 3;
/** Normalization changes the row. */
export const CHANGED = 4;
/** The row is on the validation side of the split. */
export const VALIDATION = 8;

export class RowPlan {
  private bytes = new Uint8Array(1024);
  private size = 0;

  push(flags: number): void {
    if (this.size === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.size++] = flags;
  }

  get length(): number {
    return this.size;
  }

  flags(index: number): number {
    return this.bytes[index] ?? EXCLUDED;
  }

  mark(index: number, flag: number): void {
    this.bytes[index] = this.flags(index) | flag;
  }

  kind(index: number): number {
    return this.flags(index) & KIND_MASK;
  }
}

/** Per-row group scores for the split (only kept rows' entries mean anything). */
export class ScoreList {
  private values = new Float64Array(1024);
  private size = 0;

  push(score: number): void {
    if (this.size === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size++] = score;
  }

  get(index: number): number {
    return this.values[index] ?? NaN;
  }
}
