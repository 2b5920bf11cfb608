/**
 * Converts a whole source file, streaming: JSONL line by line through the repo's line scanner (so memory
 * stays flat on multi-GB files), or a `.json` document holding a list of trajectories (read whole: JSON has
 * no line boundaries to stream on). Works on any `ByteSource`: a Node file, a browser `File`, bytes in tests.
 */
import { parse as losslessParse, stringify as losslessStringify } from "lossless-json";
import { createXXHash64 } from "hash-wasm";
import type { ByteSource } from "../jsonl/byteSource";
import { scanLines } from "../jsonl/lineScanner";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { isObject } from "../formats/json";
import { pythonJsonLoads } from "../formats/pythonJson";
import { convertRow, type ConversionRun, type RowConversion, type RowSource } from "./convertRow";
import { detectRowFormat } from "./detectFormat";
import { DuplicateIndex } from "./duplicates";
import { resolveOptions, type ConvertOptions } from "./options";
import type { PivotRow, PivotTool, SkippedCandidate } from "./pivotRow";
import { addRowErrorToStats, addRowToStats, type ConversionStats } from "./stats";

export interface RowError {
  file: string;
  line?: number;
  record?: number;
  message: string;
}

/** Receives every candidate exactly once, converted or skipped, and every unreadable row. */
export interface ConversionSink {
  pivot(row: PivotRow): void;
  skipped(candidate: SkippedCandidate): void;
  rowError(error: RowError): void;
}

export interface StreamingRun extends ConversionRun {
  hashBytes: RowHasher;
}

const SHORT_TEXT = 64;

/** Copies an ASCII string into `out` (its UTF-8 bytes): its length, or -1 when it holds another character. */
function asciiInto(text: string, out: Uint8Array): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    out[i] = c;
  }
  return text.length;
}

/** A run with resolved options, xxHash64 hashing and a fresh duplicate set. */
export async function createConversionRun(options: Partial<ConvertOptions> = {}, toolsFile?: readonly PivotTool[]): Promise<StreamingRun> {
  const hashBytes = await createRowHasher();
  // A second instance: hash-wasm encodes strings itself, faster than TextEncoder + a copy.
  const textHasher = await createXXHash64(0, 0);
  // Short ASCII text (a candidate id, one per candidate) is copied into this buffer and hashed as bytes instead:
  // in browsers hash-wasm encodes each string with TextEncoder.encode, an allocation and a native call each.
  const short = new Uint8Array(SHORT_TEXT);
  return {
    options: resolveOptions(options),
    hashBytes,
    hashText: (text) => {
      const n = text.length <= SHORT_TEXT ? asciiInto(text, short) : -1;
      if (n >= 0) return hashBytes(short.subarray(0, n));
      textHasher.init();
      textHasher.update(text);
      return textHasher.digest("hex");
    },
    toolsFile,
    duplicates: new DuplicateIndex(hashBytes),
  };
}

export type SourceLayout = "jsonl" | "json";

/** `.json` files are one JSON document; anything else is read as JSONL. */
export function layoutOf(fileName: string): SourceLayout {
  return /\.json$/i.test(fileName) ? "json" : "jsonl";
}

// Keys under which a `.json` document commonly keeps its list of trajectories.
const LIST_KEYS = ["data", "rows", "records", "items", "examples", "samples", "trajectories", "rollouts", "results", "conversations"];

function isTrajectoryLike(v: unknown): boolean {
  return detectRowFormat(v) !== null;
}

function holdsTrajectories(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.some(isTrajectoryLike);
}

/** A list of rows: JSON objects (pivot rows, rollouts), when it holds no trajectory. */
function holdsRows(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.some(isObject);
}

/**
 * The trajectories (or rows) a `.json` document holds: a list of them, one trajectory (an object, or a bare
 * message list), or an object keeping the list under some key (`data`, `rows`, … or any other). An object with
 * several such lists (`{"train": […], "test": […]}`) is ambiguous: the string says so, rather than one list
 * being read and the others dropped without a word. null: no list at all.
 */
export function recordsOf(doc: unknown): unknown[] | string | null {
  if (Array.isArray(doc)) return holdsTrajectories(doc) || !isTrajectoryLike(doc) ? doc : [doc];
  if (!isObject(doc)) return null;
  const listed = LIST_KEYS.map((k) => doc[k]).find(holdsTrajectories);
  if (listed) return listed;
  if (isTrajectoryLike(doc)) return [doc];
  for (const holds of [holdsTrajectories, holdsRows]) {
    const keys = Object.keys(doc).filter((k) => holds(doc[k]));
    if (keys.length > 1) return `the document holds ${keys.length} lists (${keys.join(", ")}): save the one to read as its own .json file`;
    if (keys.length === 1) return doc[keys[0]!] as unknown[];
  }
  return null;
}

function emit(result: RowConversion, at: Omit<RowError, "message">, sink: ConversionSink, stats?: ConversionStats): void {
  if (stats) addRowToStats(stats, result);
  if (result.error !== undefined) sink.rowError({ ...at, message: result.error });
  for (const c of result.candidates) sink.pivot(c);
  for (const s of result.skipped) sink.skipped(s);
}

export async function convertSource(
  source: ByteSource,
  fileName: string,
  run: StreamingRun,
  sink: ConversionSink,
  stats?: ConversionStats,
  layout: SourceLayout = layoutOf(fileName),
): Promise<void> {
  if (stats) stats.files++;
  if (layout === "json") return convertJsonDocument(source, fileName, run, sink, stats);
  const fail = (line: number, message: string) => {
    if (stats) addRowErrorToStats(stats);
    sink.rowError({ file: fileName, line, message });
  };
  await scanLines(source, {
    line(l) {
      if (l.text === null) return fail(l.line, "not valid UTF-8");
      let row: unknown;
      try {
        row = JSON.parse(l.text);
      } catch (e) {
        return fail(l.line, `invalid JSON: ${(e as Error).message}`);
      }
      const at: RowSource = { file: fileName, line: l.line, rowHash: run.hashBytes(l.bytes.subarray(l.at, l.at + l.length)), text: l.text };
      emit(convertRow(row, at, run), { file: fileName, line: l.line }, sink, stats);
    },
    tooLong(line, _offset, length) {
      fail(line, `line is ${length} bytes, over the line-length limit; skipped`);
    },
  });
}

/** A document's records, each with its JSON text (one line, number tokens as the document wrote them). */
export type DocumentRecords = { ok: true; records: unknown[]; texts: string[] } | { ok: false; line: number; message: string };

/**
 * A `.json` document's records (`recordsOf`), or what is wrong with it and on which line: parsed as Python's
 * json.loads, whose messages name the line and column (V8's do not). The CLI and the app read documents so.
 * Each record's text keeps the document's number tokens (`1.0`, long ints), as a JSONL line would: the record
 * is converted from that text, so object arguments keep them too (exactNumbers).
 */
export function documentRecords(text: string): DocumentRecords {
  const body = text.replace(/^\uFEFF/, "");
  const doc = pythonJsonLoads(body);
  if (!doc.ok) return { ok: false, line: Number(/: line (\d+) column/.exec(doc.error)?.[1] ?? 1), message: `invalid JSON: ${doc.error}` };
  const records = recordsOf(doc.value);
  if (records === null) return { ok: false, line: 1, message: "the document holds no list of trajectories or rows" };
  if (typeof records === "string") return { ok: false, line: 1, message: records };
  return { ok: true, records, texts: exactRecordTexts(doc.value, records, body) ?? records.map((r) => JSON.stringify(r)) };
}

/** The records' texts from a lossless reading of the document, found where `recordsOf` found them; null if it cannot. */
function exactRecordTexts(doc: unknown, records: unknown[], text: string): string[] | null {
  let exact: unknown;
  try {
    exact = losslessParse(text);
  } catch {
    return null; // NaN, Infinity, duplicate keys: what lossless-json refuses, JSON.stringify of the record writes
  }
  let list: unknown;
  if (records === doc) list = exact;
  else if (records.length === 1 && records[0] === doc) list = [exact];
  else if (isObject(doc) && isObject(exact)) list = exact[Object.keys(doc).find((k) => doc[k] === records) ?? ""];
  if (!Array.isArray(list) || list.length !== records.length) return null;
  return list.map((r) => losslessStringify(r) ?? "null");
}

async function convertJsonDocument(source: ByteSource, fileName: string, run: StreamingRun, sink: ConversionSink, stats?: ConversionStats): Promise<void> {
  const doc = documentRecords(new TextDecoder().decode(await source.read(0, source.size)));
  if (!doc.ok) {
    if (stats) addRowErrorToStats(stats);
    sink.rowError({ file: fileName, line: doc.line, message: doc.message });
    return;
  }
  doc.texts.forEach((text, i) => {
    // Converted from its text, as the app converts the record's JSONL line.
    const at: RowSource = { file: fileName, record: i, rowHash: run.hashText(text), text };
    emit(convertRow(JSON.parse(text), at, run), { file: fileName, record: i }, sink, stats);
  });
}
