/**
 * A set of 64-bit digests written as 16 hex digits (a run's duplicate keys), held in typed arrays. A
 * Set<string> would keep every key string alive: each one added from the young generation into the long-lived
 * set costs the garbage collector more than the lookup itself. Digests are uniformly distributed, so their low
 * bits index an open-addressing table directly.
 */
import { hexWord } from "../jsonl/hexWord";

const INITIAL_SLOTS = 1 << 12;

export class DigestSet {
  /** Slot i holds a digest's high and low words at 2i and 2i + 1; (0, 0) is an empty slot. */
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  /** The all-zero digest, which cannot be told from an empty slot. */
  private hasZero = false;
  size = 0;

  /** Adds a digest: true when it was not in the set yet. */
  add(hex: string): boolean {
    const hi = hexWord(hex, 0);
    const lo = hexWord(hex, 8);
    if (hex.length !== 16 || hi !== hi || lo !== lo) throw new Error(`DigestSet: not 16 hex digits: ${JSON.stringify(hex)}`);
    if (hi === 0 && lo === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      this.size++;
      return true;
    }
    // At most half full, so probes stay short.
    if (4 * (this.size + 1) > this.slots.length) this.grow();
    return this.insert(hi, lo);
  }

  private insert(hi: number, lo: number): boolean {
    const slots = this.slots;
    const mask = slots.length - 2;
    for (let i = (lo << 1) & mask; ; i = (i + 2) & mask) {
      const h = slots[i]!;
      const l = slots[i + 1]!;
      if (h === hi && l === lo) return false;
      if (h === 0 && l === 0) {
        slots[i] = hi;
        slots[i + 1] = lo;
        this.size++;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.size = this.hasZero ? 1 : 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.insert(old[i]!, old[i + 1]!);
  }
}
