import { describe, expect, it } from "vitest";
import { nodeSha256 } from "./nodeHashing";
import { type EncodedLine, type Loan, memorySink, OutputFile } from "./sink";

/** Lines in buffers of a few lines each, "\n" after each as a worker writes them, all under one loan per buffer. */
function lentLines(count: number, length: number, perBuffer: number): { lines: EncodedLine[]; held: () => number; text: string } {
  let holders = 0;
  const lines: EncodedLine[] = [];
  let text = "";
  for (let b = 0; b * perBuffer < count; b++) {
    const memory = new Uint8Array(perBuffer * (length + 1));
    const loan: Loan = { hold: () => void holders++, release: () => void holders-- };
    for (let i = 0; i < perBuffer; i++) {
      const line = String.fromCharCode(97 + ((b + i) % 26)).repeat(length);
      memory.set(new TextEncoder().encode(`${line}\n`), i * (length + 1));
      lines.push({ bytes: memory.subarray(i * (length + 1), i * (length + 1) + length), chars: length, loan });
      text += `${line}\n`;
    }
  }
  return { lines, held: () => holders, text };
}

describe("OutputFile", () => {
  it("writes lent lines, across buffers and chunks, and gives every loan back once written", async () => {
    // Chunks of ~1M characters: some within one buffer (written as a view), some across two (joined).
    const { lines, held, text } = lentLines(60, 99_999, 7);
    const sink = memorySink();
    const file = await OutputFile.open(sink, "a.jsonl", nodeSha256);
    for (const line of lines) await file.writeLine(line);
    expect(held()).toBeGreaterThan(0); // the last lines wait for the file to close
    const written = await file.close();
    expect(held()).toBe(0);
    expect(sink.text("a.jsonl")).toBe(text);
    expect(written).toMatchObject({ bytes: text.length, rows: lines.length });
  });
});
