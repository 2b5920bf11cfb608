/** Bytes described for people: sizes and the first invalid UTF-8 byte of a line, for error messages. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 2 ** 20) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${+(n / 2 ** 20).toFixed(1)} MiB`;
}

/** Where the first invalid UTF-8 sequence of a line starts, for the error message. */
export function describeBadByte(bytes: Uint8Array): string {
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return "invalid sequence";
  return `byte 0x${bytes[at]!.toString(16).padStart(2, "0")} at column ${at + 1}`;
}

/** Index of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}
