/**
 * A `.json` file (one JSON document holding a list of trajectories or rows) as JSONL: one line per record, each
 * `JSON.stringify(record)`. The app then loads it like any JSONL file, in parallel ranges, and reads any record
 * back by its byte range. The record's text is exactly what `pivot-studio convert` hashes for a `.json` source
 * (lib/convert/convertSource), so candidates get the same ids and decisions the same keys in both.
 */
import { layoutOf, recordsOf, type RowSource } from "../convert";
import { pythonJsonLoads } from "../formats/pythonJson";
import type { RangeConversion } from "./parseRange";

export type DocumentLines = { ok: true; text: string; records: number } | { ok: false; line: number; message: string };

/** Whether a file is read as one JSON document rather than as JSONL: the CLI's rule, by its name. */
export function isJsonDocument(fileName: string): boolean {
  return layoutOf(fileName) === "json";
}

/** The document's records as JSONL text, or what is wrong with it and on which line. */
export function documentLines(text: string): DocumentLines {
  // Python's json.loads messages name the line and column, which V8's do not.
  const doc = pythonJsonLoads(text.replace(/^\uFEFF/, ""));
  if (!doc.ok) return { ok: false, line: Number(/: line (\d+) column/.exec(doc.error)?.[1] ?? 1), message: `invalid JSON: ${doc.error}` };
  const records = recordsOf(doc.value);
  if (records === null) return { ok: false, line: 1, message: "the document holds no list of trajectories or rows" };
  let out = "";
  for (const record of records) out += JSON.stringify(record) + "\n";
  return { ok: true, text: out, records: records.length };
}

/**
 * Where a converted row sits in its source, as the candidates' provenance records it: a JSONL line, or for a
 * `.json` document the record's 0-based position (`line` counts records from 1 in the app).
 */
export function sourceOfRow(conversion: Pick<RangeConversion, "fileName" | "document">, line: number, rowHash: string): RowSource {
  return conversion.document ? { file: conversion.fileName, record: line - 1, rowHash } : { file: conversion.fileName, line, rowHash };
}
