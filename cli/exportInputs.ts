/**
 * `export` inputs as the app opens them: pivot JSONL as it is, trajectory files (judged from their first rows,
 * as the app judges them) converted into candidates with the conversion flags, `.json` documents read record
 * by record. So the same files, decision log and options give the app's bundle, byte for byte.
 */
import { createHash } from "node:crypto";
import type { ConvertOptions, PivotTool } from "../lib/convert";
import type { CandidateInput } from "../lib/export/candidateSource";
import { conversionRecord } from "../lib/export/conversionRecord";
import type { JsonlInput } from "../lib/export/jsonlRows";
import { describeInputFiles } from "../lib/export/node";
import type { InputFileInfo } from "../lib/export/sourceRows";
import { firstRows, isTrajectoryFile } from "../lib/ingest/conversionMode";
import { rowFile } from "../lib/node/rowFileSource";
import { inputNames } from "./inputNames";

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
  const names = inputNames(paths);
  for (const [i, file] of paths.entries()) {
    const name = names[i]!;
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
