/**
 * A `.json` file (one JSON document holding a list of trajectories or rows) as JSONL: one line per record, each
 * `JSON.stringify(record)`. The app then loads it like any JSONL file, in parallel ranges, and reads any record
 * back by its byte range. The record's text is exactly what `pivot-studio convert` hashes for a `.json` source
 * (lib/convert/convertSource), so candidates get the same ids and decisions the same keys in both.
 */
import { documentRecords, layoutOf, type RowSource } from "../convert";
import type { RangeConversion } from "./parseRange";

export type DocumentLines = { ok: true; text: string; records: number } | { ok: false; line: number; message: string };

/** Whether a file is read as one JSON document rather than as JSONL: the CLI's rule, by its name. */
export function isJsonDocument(fileName: string): boolean {
  return layoutOf(fileName) === "json";
}

/** The document's records as JSONL text, or what is wrong with it and on which line. */
export function documentLines(text: string): DocumentLines {
  const doc = documentRecords(text);
  if (!doc.ok) return doc;
  let out = "";
  for (const line of doc.texts) out += line + "\n";
  return { ok: true, text: out, records: doc.texts.length };
}

/**
 * Where a converted row sits in its source, as the candidates' provenance records it: a JSONL line, or for a
 * `.json` document the record's 0-based position (`line` counts records from 1 in the app).
 */
export function sourceOfRow(conversion: Pick<RangeConversion, "fileName" | "document">, line: number, rowHash: string, text?: string): RowSource {
  const at: RowSource = conversion.document ? { file: conversion.fileName, record: line - 1, rowHash } : { file: conversion.fileName, line, rowHash };
  if (text !== undefined) at.text = text;
  return at;
}
