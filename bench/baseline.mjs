// The baseline every benchmark is measured against, in the same run: Node, one thread, reading 8 MB blocks,
// decoding each once up to its last newline and JSON.parse-ing each line. What an ad-hoc script does.
import { closeSync, openSync, readSync } from "node:fs";

export function nodeReadParse(file) {
  const t0 = performance.now();
  const fd = openSync(file, "r");
  const buf = Buffer.allocUnsafe(8 << 20);
  const dec = new TextDecoder();
  let carry = Buffer.alloc(0);
  let rows = 0;
  let pos = 0;
  const parse = (text) => {
    let s = 0;
    for (;;) {
      const nl = text.indexOf("\n", s);
      const line = text.slice(s, nl < 0 ? undefined : nl);
      if (line) {
        try {
          JSON.parse(line);
          rows++;
        } catch {}
      }
      if (nl < 0) break;
      s = nl + 1;
    }
  };
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, pos);
    if (n === 0) break;
    pos += n;
    const block = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    const last = block.lastIndexOf(10);
    if (last < 0) {
      carry = Buffer.from(block);
      continue;
    }
    parse(dec.decode(block.subarray(0, last)));
    carry = Buffer.from(block.subarray(last + 1));
  }
  if (carry.length) parse(dec.decode(carry));
  closeSync(fd);
  return { seconds: (performance.now() - t0) / 1000, rows };
}

