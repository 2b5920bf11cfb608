/**
 * `export` inputs as the app opens them: pivot JSONL as it is, trajectory files (judged from their first rows,
 * as the app judges them) converted into candidates with the conversion flags, `.json` documents read record
 * by record. So the same files, decision log and options give the app's bundle, byte for byte.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { ConvertOptions, PivotTool } from "../lib/convert";
import type { CandidateInput } from "../lib/export/candidateSource";
import { conversionRecord } from "../lib/export/conversionRecord";
import type { JsonlInput } from "../lib/export/jsonlRows";
import { describeInputFiles } from "../lib/export/node";
import type { InputFileInfo } from "../lib/export/sourceRows";
import { firstRows, isTrajectoryFile } from "../lib/ingest/conversionMode";
import { rowFile } from "../lib/node/rowFileSource";
import { isObject } from "../lib/formats/json";
import { agentNameProblem } from "../lib/export/options";
import type { ByteSource } from "../lib/jsonl/byteSource";

export interface ExportInput extends JsonlInput {
  path: string;
  /** A `.json` document: its rows are its records (`open` gives them as JSONL), not the file's lines. */
  document: boolean;
  /** Set for a trajectory file: its rows are its candidates. */
  conversion: CandidateInput["conversion"] | null;
}

/** The conversion every trajectory input gets: the flags' options and the `--tools` file, if any. */
export interface InputConversion {
  options: ConvertOptions;
  tools?: { name: string; bytes: Uint8Array; tools: PivotTool[] };
}

export async function prepareExportInputs(paths: readonly string[], conversion: InputConversion): Promise<ExportInput[]> {
  const tools = conversion.tools;
  const toolsFileDigest = tools && { name: tools.name, size: tools.bytes.length, sha256: createHash("sha256").update(tools.bytes).digest("hex") };
  const out: ExportInput[] = [];
  for (const file of paths) {
    const name = path.basename(file);
    const { document, open } = await rowFile(file);
    const source = await open();
    const trajectories = isTrajectoryFile(await firstRows(source));
    await source.close?.();
    out.push({
      path: file,
      name,
      document,
      open,
      conversion: trajectories ? { options: conversion.options, document, toolsFile: tools?.tools, toolsFileDigest } : null,
    });
  }
  return out;
}

/** The manifest's inputs: each file as given (a document, not its records), with how it was converted. */
export async function describeExportInputs(inputs: readonly ExportInput[]): Promise<InputFileInfo[]> {
  const infos = await describeInputFiles(inputs.map((i) => i.path));
  return infos.map((info, k) => {
    const c = inputs[k]!.conversion;
    return c ? { ...info, conversion: conversionRecord(c) } : info;
  });
}

/**
 * The bundle's agent name when none is given, as the app's export panel suggests it: the first usable
 * `agent_ref.name` of the rows, files in the order given and rows in file order (a trajectory file's rows carry
 * the conversion's name). Rows without one are passed over on a substring test, so a file whose rows all name
 * their agent costs one line. Null when no row names a usable one.
 */
export async function rowsAgentName(inputs: readonly ExportInput[]): Promise<string | null> {
  for (const input of inputs) {
    if (input.conversion) {
      if (agentNameProblem(input.conversion.options.agentName) === null) return input.conversion.options.agentName;
      continue;
    }
    const source = await input.open();
    try {
      const name = await firstAgentName(source);
      if (name !== null) return name;
    } finally {
      await source.close?.();
    }
  }
  return null;
}

const BLOCK = 8 << 20;
const PATTERN = Buffer.from('"agent_ref"');

/**
 * Searches the bytes for `"agent_ref"` and parses only the lines that hold it: a file whose rows name no agent is
 * scanned at memchr speed, whatever its line lengths.
 */
async function firstAgentName(source: ByteSource): Promise<string | null> {
  for (let from = 0; from < source.size; ) {
    const to = Math.min(from + BLOCK, source.size);
    const i = Buffer.from(await source.read(from, to)).indexOf(PATTERN);
    if (i < 0) {
      if (to >= source.size) break;
      from = to - (PATTERN.length - 1); // a match across the boundary is found in the next block
      continue;
    }
    const [start, end] = await lineAround(source, from + i);
    const name = agentNameOf(new TextDecoder().decode(await source.read(start, end)));
    if (name !== null) return name;
    from = end + 1; // each line is parsed once, however long
  }
  return null;
}

/** The byte range of the line holding byte `p` (without its newline). */
async function lineAround(source: ByteSource, p: number): Promise<[number, number]> {
  const STEP = 1 << 20;
  let start = 0;
  for (let hi = p; hi > 0; hi -= STEP) {
    const lo = Math.max(0, hi - STEP);
    const nl = (await source.read(lo, hi)).lastIndexOf(10);
    if (nl >= 0) {
      start = lo + nl + 1;
      break;
    }
  }
  let end = source.size;
  for (let lo = p; lo < source.size; lo += STEP) {
    const nl = (await source.read(lo, Math.min(lo + STEP, source.size))).indexOf(10);
    if (nl >= 0) {
      end = lo + nl;
      break;
    }
  }
  return [start, end];
}

function agentNameOf(line: string): string | null {
  let row: unknown;
  try {
    row = JSON.parse(line.replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
  const ref = isObject(row) ? row.agent_ref : null;
  const name = isObject(ref) && typeof ref.name === "string" ? ref.name : null;
  return name !== null && agentNameProblem(name) === null ? name : null;
}
