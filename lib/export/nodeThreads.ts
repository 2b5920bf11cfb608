/**
 * A threaded `RowProcessor` for the Node CLI. The input files are cut into line-aligned byte ranges of a few MB;
 * this thread reads each range once, into memory it then hands to a worker thread (hashing it for the manifest
 * on the first pass); the workers run `processRow` over the ranges (`nodeChunk.ts`) while this thread writes
 * what they sent back, in file order. The rows come in the same order as processing them all here (what it
 * does without workers), so the bundle's bytes do not change. Buffers reused from range to range (for the
 * ranges' bytes, and for the lines rendered from them) bound memory whatever the input's size.
 */
import { open } from "node:fs/promises";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { planRanges } from "../ingest/planRanges";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { openSyncFileSource } from "../node/fileSource";
import { decisionsFromData, type DecisionsData } from "./decisions";
import type { Sha256 } from "./hashing";
import { LineTooLongError } from "./jsonlRows";
import { type ChunkJob, type ChunkOutcome, type ChunkResult, lineBufferBytes, processChunk, rowKeys } from "./nodeChunk";
import { nodeSha256 } from "./nodeHashing";
import type { ProcessedRow, RowWork } from "./processRow";
import type { RowProcessor } from "./rowProcessor";
import { type PackedRows, unpackRows } from "./rowWire";
import type { Loan } from "./sink";
import type { ExportDecisions, InputFileInfo } from "./sourceRows";

export interface ThreadOptions {
  /** Threads: this one (reading and writing) and `threads - 1` workers processing the rows; 1: all here. */
  threads: number;
  /** The worker entry (the CLI's dist/export-worker.mjs). */
  workerUrl: URL;
  /**
   * The decisions as data: the same decisions as the export request's `decisions`. This thread looks rows up in
   * them, so a promise lets the worker threads start (and load their code) while a decision log is read.
   */
  decisions: DecisionsData | Promise<DecisionsData>;
  /** Bytes per range (ranges end at line ends). */
  chunkBytes?: number;
}

export interface ThreadedProcessor extends RowProcessor {
  /** The threads: this one and `threads - 1` workers. */
  readonly threads: number;
  /**
   * Name, size and SHA-256 of each input, from the bytes the first pass read (so each input is read once per
   * pass): pass it as the export request's `inputs`. Settles when the first pass has read every row.
   */
  inputs(): Promise<InputFileInfo[]>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

const CHUNK_BYTES = 4 << 20;
// Ranges in flight (read ahead of the one being written), per thread: enough to keep every worker busy.
const AHEAD_PER_THREAD = 3;
const JOBS_PER_WORKER = 3;
// A larger young generation: each row's parse is garbage a moment later, and fewer scavenges copy less.
const YOUNG_GENERATION_MB = 64;
// And one that starts large (V8 starts at 1 MB semi-spaces, and grows them only for garbage that survives, which
// little of ours does): ~30% less time in a worker's rows. A V8 flag, read when a worker's heap is made.
const SEMI_SPACE_MB = 16;

interface Range {
  /** Index of the input in the processor's paths. */
  input: number;
  path: string;
  file: string;
  start: number;
  end: number;
}

export function threadedJsonlProcessor(paths: readonly string[], options: ThreadOptions): ThreadedProcessor {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const ahead = options.threads * AHEAD_PER_THREAD;
  // Started now, while the caller may still be reading its decisions: the workers (which take a while to load
  // their code), the ranges' bounds and the row hasher.
  const pool = new WorkerPool(options.workerUrl, options.threads - 1);
  const ranges = planAll(paths, chunkBytes);
  const hasher = createRowHasher();
  for (const started of [ranges, hasher]) started.catch(() => undefined); // the first pass awaits them
  let buffers: RangeBuffers | null = null;
  let lineMemory: LineMemory | null = null;
  let keys: { hash: RowHasher; decisions: ExportDecisions } | null = null;
  let passes = 0;
  const inputs = deferred<InputFileInfo[]>();
  return {
    threads: options.threads,
    async *process(work, signal) {
      const hashing = passes++ === 0 ? new InputHashes(paths) : null;
      try {
        const all = await ranges;
        keys ??= { hash: await hasher, decisions: decisionsFromData(await options.decisions) };
        buffers ??= new RangeBuffers(ahead, chunkBytes + (1 << 20)); // the ranges in flight
        lineMemory ??= new LineMemory(lineBufferBytes(chunkBytes + (1 << 20)));
        yield* inOrder({ pool, buffers, lineMemory, ranges: all, work, ahead, hashing, ...keys, signal });
      } catch (e) {
        if (hashing) inputs.reject(e);
        throw e;
      }
      if (hashing) inputs.resolve(hashing.digests());
    },
    inputs: () => inputs.promise,
    async close() {
      await pool.terminate();
    },
  };
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // only awaited once the export needs it
  return { promise, resolve, reject };
}

/** SHA-256 and size of each input, fed its ranges' bytes in order. */
class InputHashes {
  private readonly hashes: { hash: Sha256; size: number }[];

  constructor(private readonly paths: readonly string[]) {
    this.hashes = paths.map(() => ({ hash: nodeSha256(), size: 0 }));
  }

  add(input: number, bytes: Uint8Array): void {
    const h = this.hashes[input] as { hash: Sha256; size: number };
    h.hash.update(bytes);
    h.size += bytes.length;
  }

  digests(): InputFileInfo[] {
    return this.paths.map((p, i) => {
      const h = this.hashes[i] as { hash: Sha256; size: number };
      return { name: path.basename(p), size: h.size, sha256: h.hash.digest() };
    });
  }
}

async function planAll(paths: readonly string[], chunkBytes: number): Promise<Range[]> {
  const out: Range[] = [];
  for (const [input, p] of paths.entries()) {
    // Read synchronously: planning reads a little at every cut, and a trip through the thread pool for each
    // read (the first range waits for them all) costs more than the read.
    const source = openSyncFileSource(p);
    try {
      const parts = Math.max(1, Math.ceil(source.size / chunkBytes));
      for (const r of await planRanges(source, parts, chunkBytes / 2)) out.push({ input, path: p, file: path.basename(p), ...r });
    } finally {
      source.close();
    }
  }
  return out;
}

/**
 * Memory for ranges on their way to be processed, reused: reading into fresh memory for every range would cost
 * a page fault per 4 KiB. A buffer goes to a worker with its range's job and comes back with the result, moved
 * (transferred) rather than shared: typed arrays copy out of shared memory (as the row hasher does) at half the
 * speed. A range longer than a buffer (a very long line) gets one of its own.
 */
class RangeBuffers {
  private readonly free: ArrayBuffer[] = [];
  private readonly waiting: ((buffer: ArrayBuffer) => void)[] = [];

  constructor(
    count: number,
    private readonly size: number,
  ) {
    for (let i = 0; i < count; i++) this.free.push(new ArrayBuffer(size));
  }

  /** A view of `length` bytes, once a buffer is free. */
  async take(length: number): Promise<Uint8Array<ArrayBuffer>> {
    if (length > this.size) return new Uint8Array(length);
    const buffer = this.free.pop() ?? (await new Promise<ArrayBuffer>((resolve) => this.waiting.push(resolve)));
    return new Uint8Array(buffer, 0, length);
  }

  /** A buffer back from its job. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength !== this.size) return;
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.free.push(buffer);
  }
}

/**
 * Memory for the kept rows' lines, reused from range to range: fresh memory for each range would cost a page
 * fault per 4 KiB written, and leave the garbage collector hundreds of MB of buffers to find. A buffer goes
 * out with a range's job (to a worker, transferred), comes back with the range's lines, and is lent to them
 * (`lend`) until each one is written or dropped. How many exist is bounded by the ranges in flight and the
 * lines the output files hold before a write. A range longer than a buffer's worth gets memory of its own.
 */
class LineMemory {
  private readonly free: Uint8Array<ArrayBuffer>[] = [];

  constructor(private readonly size: number) {}

  /** A buffer for the lines of a range of `rangeBytes`, if one of this size fits them. */
  take(rangeBytes: number): Uint8Array<ArrayBuffer> | undefined {
    if (lineBufferBytes(rangeBytes) > this.size) return undefined;
    return this.free.pop() ?? new Uint8Array(Buffer.allocUnsafeSlow(this.size).buffer as ArrayBuffer);
  }

  /** A loan of `buffers` (a range's lines) held once, by the batch of rows they belong to. */
  lend(buffers: readonly ArrayBuffer[]): Loan {
    let holders = 1;
    return {
      hold: () => void holders++,
      release: () => {
        if (--holders > 0) return;
        for (const b of buffers) if (b.byteLength === this.size) this.free.push(new Uint8Array(b));
      },
    };
  }
}

/** A range's result, its rows unpacked. */
type RangeResult = { rows: ProcessedRow[]; lines: number; buffers: ArrayBuffer[] } | Exclude<ChunkOutcome, { packed: PackedRows }>;

interface Pass {
  pool: WorkerPool;
  buffers: RangeBuffers;
  lineMemory: LineMemory;
  ranges: readonly Range[];
  work: RowWork;
  ahead: number;
  hashing: InputHashes | null;
  /** How this thread finds each row's hash and verdict. */
  hash: RowHasher;
  decisions: ExportDecisions;
  signal?: AbortSignal;
}

/**
 * The ranges' rows in order, with line numbers made file-relative; at most `ahead` ranges are in flight, each
 * read (in file order, so the input hashes see them in order) before its turn. With workers, they process
 * every range and this thread reads, hashes and writes: taking a share of the rows here would cost more than it
 * saves, as every thread that runs the per-row code compiles it for itself (and this one, with its smaller young
 * generation, runs it at half the speed).
 */
async function* inOrder(pass: Pass): AsyncGenerator<ProcessedRow[]> {
  const { pool, buffers, lineMemory, ranges, work, ahead, hashing, hash, decisions, signal } = pass;
  const results: Promise<RangeResult>[] = [];
  const reader = new RangeReader();
  let reading: Promise<void> = Promise.resolve();
  const load = async (range: Range): Promise<Omit<ChunkJob, "id">> => {
    const bytes = await buffers.take(range.end - range.start);
    await (reading = reading.then(async () => {
      await reader.read(range, bytes);
      hashing?.add(range.input, bytes);
    }));
    // The workers' time is the export's; this thread has some to spare.
    const keys = rowKeys(bytes, range.start, hash, decisions);
    const out = work.keptLines ? lineMemory.take(bytes.length) : undefined;
    return { file: range.file, bytes, keys, ...(out && { out }), work };
  };
  const start = (range: Range): Promise<RangeResult> => {
    const result = load(range).then(async (job): Promise<RangeResult> => {
      const done = pool.size > 0 ? await pool.run(job) : processChunk({ id: -1, ...job }).result;
      buffers.give(done.input);
      if (!("packed" in done)) return done;
      return { rows: unpackRows(done.packed, job.file, job.keys.hashes, done.buffers), lines: done.lines, buffers: done.buffers };
    });
    result.catch(() => undefined); // a failure surfaces when its turn comes
    return result;
  };
  let next = 0;
  let firstLine = 1;
  pool.ref();
  try {
    for (let consumed = 0; consumed < ranges.length; consumed++) {
      for (; next < ranges.length && next - consumed < ahead; next++) results[next] = start(ranges[next] as Range);
      signal?.throwIfAborted();
      const range = ranges[consumed] as Range;
      if (consumed > 0 && (ranges[consumed - 1] as Range).input !== range.input) firstLine = 1;
      const result = await (results[consumed] as Promise<RangeResult>);
      delete results[consumed];
      if ("tooLong" in result) throw new LineTooLongError(range.file, firstLine - 1 + result.tooLong.line, result.tooLong.length);
      if ("error" in result) throw new Error(`export worker failed on ${range.file}: ${result.error}`);
      moveLines(result.rows, firstLine - 1);
      firstLine += result.lines;
      // The lines' memory is reused once the rows are consumed and the files have written the lines they kept.
      const loan = lineMemory.lend(result.buffers);
      lendLines(result.rows, loan);
      yield result.rows;
      loan.release();
    }
  } finally {
    pool.unref();
    // A pass cut short leaves ranges in flight; each gives its buffer back when done.
    await reading.catch(() => undefined);
    await reader.close();
  }
}

/** Marks the rows' encoded lines as lent memory. */
function lendLines(rows: readonly ProcessedRow[], loan: Loan): void {
  for (const row of rows) {
    const line = row.kept?.line;
    if (line !== undefined && typeof line !== "string") line.loan = loan;
  }
}

/** Reads ranges of the inputs, keeping the current file open. */
class RangeReader {
  private current: { path: string; handle: Awaited<ReturnType<typeof open>> } | null = null;

  async read(range: Range, into: Uint8Array): Promise<void> {
    if (this.current?.path !== range.path) {
      await this.close();
      this.current = { path: range.path, handle: await open(range.path, "r") };
    }
    for (let got = 0; got < into.length; ) {
      const { bytesRead } = await this.current.handle.read(into, got, into.length - got, range.start + got);
      if (bytesRead === 0) throw new Error(`${range.file} changed while it was read (it is shorter than before)`);
      got += bytesRead;
    }
  }

  async close(): Promise<void> {
    await this.current?.handle.close();
    this.current = null;
  }
}

/** Shifts line numbers counted within a range (rows and their findings) by the lines before the range. */
function moveLines(rows: ProcessedRow[], before: number): void {
  if (before === 0) return;
  for (const row of rows) {
    row.line += before;
    for (const findings of [row.kept?.errors, row.kept?.warnings, row.skipped?.findings]) {
      for (const f of findings ?? []) if (f.line !== undefined) f.line += before;
    }
  }
}

interface Job {
  job: ChunkJob;
  resolve: (r: ChunkResult) => void;
  reject: (e: unknown) => void;
}

/** Worker threads taking jobs from one queue, each with up to `JOBS_PER_WORKER` posted to it at a time. */
class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly outstanding = new Map<Worker, Map<number, Job>>();
  private readonly queue: Job[] = [];
  private failure: unknown = null;
  private nextId = 0;

  constructor(url: URL, threads: number) {
    if (threads > 0) setFlagsFromString(`--min-semi-space-size=${SEMI_SPACE_MB}`);
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      worker.unref(); // until a pass needs it (an export that fails before one must still exit)
      const jobs = new Map<number, Job>();
      this.workers.push(worker);
      this.outstanding.set(worker, jobs);
      worker.on("message", (result: ChunkResult) => {
        const job = jobs.get(result.id);
        jobs.delete(result.id);
        job?.resolve(result);
        this.pump();
      });
      const fail = (e: unknown) => {
        this.failure ??= e;
        for (const job of [...jobs.values(), ...this.queue.splice(0)]) job.reject(e);
        jobs.clear();
      };
      worker.on("error", fail);
      worker.on("exit", (code) => code !== 0 && fail(new Error(`export worker exited with code ${code}`)));
    }
  }

  get size(): number {
    return this.workers.length;
  }

  run(job: Omit<ChunkJob, "id">): Promise<ChunkResult> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, ...job }, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let best: Worker | null = null;
      for (const w of this.workers) {
        const n = (this.outstanding.get(w) as Map<number, Job>).size;
        if (n < JOBS_PER_WORKER && (best === null || n < (this.outstanding.get(best) as Map<number, Job>).size)) best = w;
      }
      if (best === null) return;
      const job = this.queue.shift() as Job;
      (this.outstanding.get(best) as Map<number, Job>).set(job.job.id, job);
      best.postMessage(job.job, [job.job.bytes.buffer, ...(job.job.out ? [job.job.out.buffer] : [])]);
    }
  }

  /** Idle workers must not keep the process alive; busy ones must (the main thread awaits their results). */
  ref(): void {
    for (const w of this.workers) w.ref();
  }

  unref(): void {
    for (const w of this.workers) w.unref();
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
