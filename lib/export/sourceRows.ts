/**
 * What the export reads: source rows (one pivot row or converted candidate each, with where it came from and
 * its content hash) and the reviewer's decisions keyed by that hash. Plain data, so the page (IndexedDB
 * decisions, rows read back from the File) and the CLI (a decision-log file, rows from disk) feed the same
 * pipeline. Ways to build `ExportDecisions` are in `decisions.ts`.
 */
import type { PivotProvenance } from "../convert";
import type { Finding } from "../validate";

export interface SourceRow {
  /** The source file's name as shown to users (a base name, so bundles do not depend on local paths). */
  file: string;
  /** 1-based physical line in that file. */
  line: number;
  /** The line's text without its terminator; null when the bytes are not valid UTF-8. */
  text: string | null;
  /** Content hash (lib/jsonl/rowHash): the key of the reviewer's decision. */
  hash: string;
  /** Set when conversion already ruled the candidate out (multi_tool, malformed_arguments, …). */
  autoSkip?: AutoSkip;
  /** For a converted candidate (whose `line` numbers candidates): where its trajectory is in the source. */
  origin?: CandidateOrigin;
  /** For a converted candidate: what names its source task (its reward group is known once every row is read). */
  task?: SourceTask;
}

/** A candidate's source task, as `SourceTaskGroups` (lib/convert/rewardGroups) keys and classifies it. */
export type SourceTask = Pick<PivotProvenance, "task_id" | "task_index" | "source_file" | "source_line" | "source_record" | "source_reward"> & {
  /** The input's number in the export: two inputs of one name are two files (`SourceTaskGroups.add`). */
  input: number;
};

/** A candidate's trajectory: its line (JSONL) or 0-based record (`.json` document), and the action's index. */
export interface CandidateOrigin {
  line?: number;
  record?: number;
  /** Absent for a source row that could not be read as a trajectory (it has no candidates). */
  actionIndex?: number;
}

export interface AutoSkip {
  reason: string;
  note?: string;
  findings?: readonly Finding[];
  /** Who skipped it: conversion (the default), or the export's contract check (an error it cannot repair). */
  by?: "converter" | "validator";
}

export type Verdict = "accepted" | "rejected" | "unreviewed";

/** The reviewer's record behind a verdict (the decision log's fields; all optional). */
export interface ReviewAudit {
  reason?: string;
  note?: string;
  reviewer?: string;
  /** ISO 8601. */
  at?: string;
}

export interface ExportDecisions {
  verdictOf(contentHash: string): Verdict;
  auditOf?(contentHash: string): ReviewAudit | undefined;
  /**
   * One verdict for every row (the CLI's `--accept-all`), not a reviewer's look at each: it does not override
   * conversion's skips, as a decision on the row itself does.
   */
  blanket?: true;
}

/** An input file as the manifest records it. */
export interface InputFileInfo {
  name: string;
  size: number;
  sha256: string;
  /** How a trajectory file's rows became candidates (conversionRecord.ts); absent for pivot files. */
  conversion?: Record<string, unknown>;
}
