/**
 * Reading the 16 hex digits of a 64-bit digest (a row's content hash, a duplicate key) as two 32-bit words, for
 * the code that adds up or looks up many of them: no slices, no regular expression, nothing allocated.
 */

/** The value of the 8 hex digits at `at` (as a signed 32-bit integer), or NaN when one is not a lowercase hex digit. */
export function hexWord(hex: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 8; i++) {
    const c = hex.charCodeAt(i);
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (d < 0) return NaN;
    v = (v << 4) | d;
  }
  return v;
}
