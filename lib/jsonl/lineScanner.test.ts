import { describe, expect, it } from "vitest";
import { bytesSource } from "./byteSource";
import { scanLines, type ScanOptions } from "./lineScanner";

interface Seen {
  line: number;
  offset: number;
  length: number;
  text: string | null;
}

async function scan(bytes: Uint8Array, opts: ScanOptions = {}) {
  const seen: Seen[] = [];
  const tooLong: [number, number, number][] = [];
  const result = await scanLines(
    bytesSource(bytes),
    {
      line: (l) => {
        // The bytes handed over must be exactly the line's bytes in the file.
        expect(Array.from(l.bytes.subarray(l.at, l.at + l.length))).toEqual(Array.from(bytes.subarray(l.offset, l.offset + l.length)));
        seen.push({ line: l.line, offset: l.offset, length: l.length, text: l.text });
      },
      tooLong: (line, offset, length) => tooLong.push([line, offset, length]),
    },
    opts,
  );
  return { seen, tooLong, result };
}

const enc = (s: string) => new TextEncoder().encode(s);

/** Every block size from 1 byte up to the whole input: offsets must not depend on where blocks end. */
async function forEveryBlockSize(
  bytes: Uint8Array,
  check: (r: Awaited<ReturnType<typeof scan>>) => void,
  opts: ScanOptions = {},
) {
  for (let blockSize = 1; blockSize <= bytes.length + 1; blockSize++) check(await scan(bytes, { ...opts, blockSize }));
}

describe("scanLines", () => {
  it("gives exact byte offsets and 1-based line numbers across every chunk boundary", async () => {
    const text = '{"a":1}\n{"b":"héllo 日本"}\n{"c":[1,2]}\n';
    const bytes = enc(text);
    await forEveryBlockSize(bytes, ({ seen, result }) => {
      expect(seen.map((s) => s.text)).toEqual(['{"a":1}', '{"b":"héllo 日本"}', '{"c":[1,2]}']);
      expect(seen.map((s) => [s.line, s.offset, s.length])).toEqual([
        [1, 0, 7],
        [2, 8, enc('{"b":"héllo 日本"}').length],
        [3, 8 + enc('{"b":"héllo 日本"}\n').length, 11],
      ]);
      expect(result).toEqual({ lines: 3, completed: true });
    });
  });

  it("strips CRLF line ends from text and length", async () => {
    const bytes = enc('{"a":1}\r\n{"b":2}\r\n');
    await forEveryBlockSize(bytes, ({ seen }) => {
      expect(seen).toEqual([
        { line: 1, offset: 0, length: 7, text: '{"a":1}' },
        { line: 2, offset: 9, length: 7, text: '{"b":2}' },
      ]);
    });
  });

  it("skips a UTF-8 BOM at the start of the file, keeping offsets in file bytes", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"a":1}\n{"b":2}')]);
    await forEveryBlockSize(bytes, ({ seen }) => {
      expect(seen).toEqual([
        { line: 1, offset: 3, length: 7, text: '{"a":1}' },
        { line: 2, offset: 11, length: 7, text: '{"b":2}' },
      ]);
    });
  });

  it("reads a last line that has no newline", async () => {
    await forEveryBlockSize(enc('{"a":1}\n{"b":2}'), ({ seen, result }) => {
      expect(seen.map((s) => s.text)).toEqual(['{"a":1}', '{"b":2}']);
      expect(result.lines).toBe(2);
    });
  });

  it("keeps multi-byte characters whole when a chunk ends inside one", async () => {
    const row = '{"t":"日本語 — émoji 🎉"}';
    const bytes = enc(`${row}\n${row}\n`);
    await forEveryBlockSize(bytes, ({ seen }) => {
      expect(seen.map((s) => s.text)).toEqual([row, row]);
      expect(seen[1]!.offset).toBe(enc(row).length + 1);
    });
  });

  it("finds the same lines in ASCII-only blocks as in blocks with multi-byte characters", async () => {
    const rows = ['{"a":1}', '{"é":"日本"}', "", '{"b":[2]}', '{"🎉":3}', '{"c":"x"}'];
    const text = rows.join("\r\n") + "\n";
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]);
    const expected: Seen[] = [];
    let offset = 3;
    rows.forEach((row, i) => {
      if (row !== "") expected.push({ line: i + 1, offset, length: enc(row).length, text: row });
      offset += enc(row).length + 2;
    });
    await forEveryBlockSize(bytes, ({ seen }) => expect(seen).toEqual(expected));
  });

  it("counts blank lines but does not report them", async () => {
    const { seen, result } = await scan(enc('\n{"a":1}\n   \n\r\n{"b":2}\n\n'));
    expect(seen.map((s) => [s.line, s.text])).toEqual([
      [2, '{"a":1}'],
      [5, '{"b":2}'],
    ]);
    expect(result.lines).toBe(6);
  });

  it("sees nothing in an empty file", async () => {
    const { seen, tooLong, result } = await scan(new Uint8Array(0));
    expect(seen).toEqual([]);
    expect(tooLong).toEqual([]);
    expect(result).toEqual({ lines: 0, completed: true });
  });

  it("reports a line with invalid UTF-8 as text null and decodes its neighbours", async () => {
    const bytes = new Uint8Array([...enc('{"a":1}\n{"b":"'), 0xff, ...enc('"}\n{"c":"é"}\n')]);
    await forEveryBlockSize(bytes, ({ seen }) => {
      expect(seen.map((s) => [s.line, s.text])).toEqual([
        [1, '{"a":1}'],
        [2, null],
        [3, '{"c":"é"}'],
      ]);
      expect(seen[1]).toMatchObject({ offset: 8, length: 9 });
    });
  });

  it("skips a line over the length limit without buffering it, and goes on", async () => {
    const long = "x".repeat(100);
    const bytes = enc(`{"a":1}\n${long}\n{"b":2}\n${long}`);
    await forEveryBlockSize(bytes, ({ seen, tooLong }) => {
      expect(seen.map((s) => [s.line, s.text])).toEqual([
        [1, '{"a":1}'],
        [3, '{"b":2}'],
      ]);
      expect(tooLong).toEqual([
        [2, 8, 100],
        [4, 117, 100],
      ]);
    }, { maxLineBytes: 50 });
    // A block size smaller than the line still locates it exactly.
    const small = await scan(bytes, { blockSize: 16, maxLineBytes: 50 });
    expect(small.tooLong).toEqual([
      [2, 8, 100],
      [4, 117, 100],
    ]);
  });

  it("scans a sub-range starting at a given line number", async () => {
    const bytes = enc('{"a":1}\n{"b":2}\n{"c":3}\n');
    const { seen, result } = await scan(bytes, { start: 8, end: 24, firstLine: 2 });
    expect(seen.map((s) => [s.line, s.offset, s.text])).toEqual([
      [2, 8, '{"b":2}'],
      [3, 16, '{"c":3}'],
    ]);
    expect(result.lines).toBe(2);
  });

  it("stops when progress asks it to", async () => {
    const bytes = enc('{"a":1}\n'.repeat(10));
    const { seen, result } = await scan(bytes, { blockSize: 8, onProgress: (done) => done < 24 });
    expect(result.completed).toBe(false);
    expect(seen.length).toBe(3);
  });
});
