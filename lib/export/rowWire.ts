/**
 * A range's processed rows on their way from a worker thread to the main thread (`nodeChunk.ts`). The
 * structured clone of thousands of small objects (a dozen per kept row) costs both threads more than it should,
 * the worker (the export's busiest thread) serializing them and the main thread building them again: so a row
 * of the usual shape crosses as a run of plain values in one flat list, and is built again from it. Any other
 * row (skipped, with findings, with provenance extras, …) crosses as it is. The rows come out equal either way.
 */
import type { ActionType } from "../formats/expectedAction";
import type { GymRowStats } from "./gymMetrics";
import { REPAIR_CODES, type RepairCode } from "./normalizePlan";
import type { KeptRowResult, ProcessedRow } from "./processRow";
import { PROVENANCE_FIELD_NAMES, type ProvenanceField, type RewardGroup } from "./rowFacts";

/** What crosses: a tag, then the row's values (or the row itself), row after row. */
export type PackedRows = unknown[];

// Tags of a row.
const AS_IS = 0; // the row object follows
const BARE = 1; // a row without results (left out): its key index, line and kind
const KEPT = 2; // a kept row without findings: as BARE, then its results (`packKept`)

// Tags of a kept row's line.
const NO_LINE = 0;
const ENCODED = 1; // the index of its buffer, its offset and length there, and its characters
const TEXT = 2;

/**
 * The rows, each of `file` and the hash at its index in `hashes` (`indexes`, one per row); `buffers` holds the
 * encoded lines.
 */
export function packRows(rows: readonly ProcessedRow[], indexes: readonly number[], file: string, hashes: readonly string[], buffers: readonly ArrayBuffer[]): PackedRows {
  const out: unknown[] = [];
  rows.forEach((row, i) => {
    const index = indexes[i] as number;
    const plain = row.file === file && row.hash === hashes[index] && row.autoSkip === undefined && row.origin === undefined && row.skipped === undefined;
    if (plain && row.kept === undefined) out.push(BARE, index, row.line, row.kind);
    else if (plain && row.kept !== undefined && packable(row.kept, buffers)) {
      out.push(KEPT, index, row.line, row.kind);
      packKept(row.kept, buffers, out);
    } else out.push(AS_IS, row);
  });
  return out;
}

/** The rows `packRows` packed. */
export function unpackRows(packed: PackedRows, file: string, hashes: readonly string[], buffers: readonly ArrayBuffer[]): ProcessedRow[] {
  const rows: ProcessedRow[] = [];
  const read = new Reader(packed);
  while (!read.done()) {
    const tag = read.number();
    if (tag === AS_IS) {
      rows.push(read.next() as ProcessedRow);
      continue;
    }
    const hash = hashes[read.number()] as string;
    const row: ProcessedRow = { file, line: read.number(), hash, kind: read.number() };
    if (tag === KEPT) row.kept = unpackKept(read, buffers);
    rows.push(row);
  }
  return rows;
}

/** A kept row's results are packed when they have no findings and no provenance extras, as is usual. */
function packable(kept: KeptRowResult, buffers: readonly ArrayBuffer[]): boolean {
  if (kept.errors.length > 0 || kept.warnings.length > 0 || !inOrder(kept.repairs, REPAIR_CODES)) return false;
  if (kept.line !== undefined && typeof kept.line !== "string" && !buffers.includes(kept.line.bytes.buffer as ArrayBuffer)) return false;
  const m = kept.metrics;
  return m === undefined || (inOrder(m.facts.present, PROVENANCE_FIELD_NAMES) && (m.gym === null || m.gym.extras.length === 0));
}

/** Whether `items` are some of `all`, in their order there, so a bit mask (31 bits) gives them back. */
function inOrder<T>(items: readonly T[], all: readonly T[]): boolean {
  if (all.length > 31) return false;
  let last = -1;
  for (const item of items) {
    const at = all.indexOf(item);
    if (at <= last) return false;
    last = at;
  }
  return true;
}

const mask = <T>(items: readonly T[], all: readonly T[]) => items.reduce((bits, item) => bits | (1 << all.indexOf(item)), 0);
const unmask = <T>(bits: number, all: readonly T[]) => all.filter((_, i) => bits & (1 << i));

function packKept(kept: KeptRowResult, buffers: readonly ArrayBuffer[], out: unknown[]): void {
  out.push(kept.changed, mask(kept.repairs, REPAIR_CODES), kept.score);
  const line = kept.line;
  if (line === undefined) out.push(NO_LINE);
  else if (typeof line === "string") out.push(TEXT, line);
  else out.push(ENCODED, buffers.indexOf(line.bytes.buffer as ArrayBuffer), line.bytes.byteOffset, line.bytes.length, line.chars);
  const m = kept.metrics;
  out.push(m !== undefined);
  if (m === undefined) return;
  out.push(m.action.actionType, m.action.toolNames.length, ...m.action.toolNames);
  const f = m.facts;
  out.push(f.trajectoryId, f.taskId, f.turn, f.step, f.depth, f.rewardGroup, mask(f.present, PROVENANCE_FIELD_NAMES));
  out.push(m.gym !== null);
  if (m.gym !== null) out.push(m.gym.tools, m.gym.words, m.gym.turns, m.gym.temperature);
}

function unpackKept(read: Reader, buffers: readonly ArrayBuffer[]): KeptRowResult {
  const kept: KeptRowResult = { changed: read.next() as boolean, repairs: unmask<RepairCode>(read.number(), REPAIR_CODES), errors: [], warnings: [], score: read.number() };
  const lineTag = read.number();
  if (lineTag === TEXT) kept.line = read.next() as string;
  else if (lineTag === ENCODED) {
    const bytes = new Uint8Array(buffers[read.number()] as ArrayBuffer, read.number(), read.number());
    kept.line = { bytes, chars: read.number() };
  }
  if (!(read.next() as boolean)) return kept;
  const actionType = read.next() as ActionType;
  const toolNames = read.take(read.number()) as string[];
  const facts = {
    trajectoryId: read.next() as string | null,
    taskId: read.next() as string | null,
    turn: read.next() as number | null,
    step: read.next() as number | null,
    depth: read.next() as number | null,
    rewardGroup: read.next() as RewardGroup,
    sourceRow: null, // only the split reads it, and the row's split score travels instead
    present: unmask<ProvenanceField>(read.number(), PROVENANCE_FIELD_NAMES),
  };
  let gym: GymRowStats | null = null;
  if (read.next() as boolean) {
    gym = { tools: read.next() as number | null, words: read.number(), turns: read.next() as number | null, temperature: read.next() as number | null, extras: [] };
  }
  kept.metrics = { action: { actionType, toolNames }, facts, gym };
  return kept;
}

class Reader {
  private at = 0;

  constructor(private readonly values: readonly unknown[]) {}

  done(): boolean {
    return this.at >= this.values.length;
  }

  next(): unknown {
    return this.values[this.at++];
  }

  number(): number {
    return this.values[this.at++] as number;
  }

  take(count: number): unknown[] {
    this.at += count;
    return this.values.slice(this.at - count, this.at);
  }
}
