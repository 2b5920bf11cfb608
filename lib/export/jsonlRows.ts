/**
 * Source rows read from JSONL byte sources — a browser `File` (`blobSource`) or a Node file — in source then
 * line order, each with its content hash as the app computes it, streamed with backpressure so that at most
 * about two read blocks of rows are in memory.
 */
import type { ByteSource } from "../jsonl/byteSource";
import { scanLines } from "../jsonl/lineScanner";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import type { SourceRow } from "./sourceRows";

/** One input: the name rows report (a base name, so bundles do not depend on local paths) and its bytes. */
export interface JsonlInput {
  name: string;
  open(): Promise<ByteSource & { close?(): Promise<void> | void }>;
}

const BLOCK = 4 << 20;

/** Every row of `inputs`; each call reads them again (one call per export pass). */
export function jsonlSourceRowsOf(inputs: readonly JsonlInput[]): () => AsyncIterable<SourceRow> {
  return async function* () {
    const hash = await createRowHasher();
    for (const input of inputs) {
      const source = await input.open();
      try {
        yield* scanRows(source, input.name, hash);
      } finally {
        await source.close?.();
      }
    }
  };
}

/** A line over the scanner's limit: the export stops (an input error, not a refusal of rows). */
export class LineTooLongError extends Error {
  constructor(file: string, line: number, length: number) {
    super(`${file}:${line}: a line of ${length} bytes is too long to export`);
  }
}

/**
 * `scanLines` pushes lines; this turns it into a pull with backpressure by holding each block read until the
 * consumer has taken the lines already scanned.
 */
async function* scanRows(source: ByteSource, file: string, hash: RowHasher): AsyncGenerator<SourceRow> {
  let queue: SourceRow[] = [];
  // wake: the consumer waits for rows; resume: the scanner waits for the consumer to take them.
  const waiting: { wake?: () => void; resume?: () => void } = {};
  let finished = false;
  let failure: unknown = null;
  const gated: ByteSource = {
    size: source.size,
    async read(start, end) {
      while (queue.length > 0) await new Promise<void>((r) => (waiting.resume = r));
      return source.read(start, end);
    },
  };
  const visitor = {
    line(l: { line: number; text: string | null; bytes: Uint8Array; at: number; length: number }) {
      queue.push({ file, line: l.line, text: l.text, hash: hash(l.bytes.subarray(l.at, l.at + l.length)) });
      waiting.wake?.();
    },
    tooLong(line: number, _offset: number, length: number) {
      throw new LineTooLongError(file, line, length);
    },
  };
  const done = () => {
    finished = true;
    waiting.wake?.();
  };
  scanLines(gated, visitor, { blockSize: BLOCK }).then(done, (e: unknown) => {
    failure = e;
    done();
  });
  for (;;) {
    if (queue.length > 0) {
      const batch = queue;
      queue = [];
      waiting.resume?.();
      yield* batch;
      continue;
    }
    if (failure !== null) throw failure;
    if (finished) return;
    await new Promise<void>((r) => (waiting.wake = r));
    waiting.wake = undefined;
  }
}
