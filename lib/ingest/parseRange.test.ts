import { describe, expect, it } from "vitest";
import { bytesSource } from "../jsonl/byteSource";
import { createRowHasher } from "../jsonl/rowHash";
import { firstInvalidUtf8 } from "../jsonl/byteText";
import { parseRange } from "./parseRange";
import type { LoadError } from "./summaryBatch";

const enc = (s: string) => new TextEncoder().encode(s);

async function parse(bytes: Uint8Array, maxLineBytes?: number) {
  const rows: number[] = [];
  const errors: LoadError[] = [];
  await parseRange(bytesSource(bytes), { row: (at) => rows.push(at.line), error: (e) => errors.push(e) }, await createRowHasher(), {
    fileId: 7,
    maxLineBytes,
  });
  return { rows, errors: errors.map((e) => [e.line, e.message] as const) };
}

const pivot = JSON.stringify({ responses_create_params: { input: [] }, expected_action: { type: "message", content: "x" } });

describe("parseRange: bad input becomes located errors, good rows still load", () => {
  it("locates every kind of bad line", async () => {
    const bytes = new Uint8Array([
      ...enc(`${pivot}\n{nope\n[1]\n42\nnull\n{"responses_create_params":{}}\n{"expected_action":{}}\n{"foo":1}\n`),
      ...enc('{"a":"'),
      0xc3,
      0x28,
      ...enc(`"}\n${pivot}`),
    ]);
    const { rows, errors } = await parse(bytes);
    expect(rows).toEqual([1, 10]);
    expect(errors.map(([l]) => l)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(errors[0]![1]).toMatch(/^invalid JSON: /);
    expect(errors[1]![1]).toBe("line is an array, not a JSON object");
    expect(errors[2]![1]).toBe("line is a number, not a JSON object");
    expect(errors[3]![1]).toBe("line is null, not a JSON object");
    expect(errors[4]![1]).toBe('pivot row is missing "expected_action"');
    expect(errors[5]![1]).toBe('pivot row is missing "responses_create_params"');
    expect(errors[6]![1]).toMatch(/^unrecognized row \(keys: foo\)/);
    expect(errors[7]![1]).toBe("not valid UTF-8 (byte 0xc3 at column 7)");
  });

  it("reports an over-long line by size and keeps going", async () => {
    const long = JSON.stringify({ responses_create_params: { input: ["x".repeat(3000)] }, expected_action: {} });
    const { rows, errors } = await parse(enc(`${pivot}\n${long}\n${pivot}\n`), 1024);
    expect(rows).toEqual([1, 3]);
    expect(errors).toEqual([[2, "line is 3 KiB, over the 1 KiB limit; skipped"]]);
  });

  it("finds the first byte that breaks UTF-8", () => {
    expect(firstInvalidUtf8(enc("héllo 日本 🎉"))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe9, 0x22]))).toBe(1); // Latin-1 é
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0xaf]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe6, 0x97]))).toBe(1); // truncated at end
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });
});
