/**
 * The reviewer's decisions as the export reads them, from a replayed decision log (`ReviewState`), a plain
 * map, or one verdict for every row; and what the manifest records about where they came from. The page and
 * the CLI both build their `ExportDecisions` here, so the same log gives the same bundle.
 */
import { decisionEntries } from "../review/decisionTable";
import { serializeEventLog } from "../review/eventLog";
import type { ReviewEvent } from "../review/events";
import type { ReviewState } from "../review/reviewState";
import { decisionOf } from "../review/selectors";
import { type Sha256Factory, wasmSha256 } from "./hashing";
import type { ExportDecisions, ReviewAudit, Verdict } from "./sourceRows";

/** The manifest's `decision_log_digest` when no decision log is given. */
export const NO_DECISION_LOG = "none";
/** The manifest's `decision_log_digest` when every row counts as accepted (the CLI's `--accept-all`). */
export const ACCEPT_ALL_DIGEST = "accept-all";

/**
 * The manifest's `decision_log_digest`: SHA-256 of the log in its canonical serialization (the bytes the app
 * writes when it saves the log), so a re-saved or re-keyed copy of the same events has the same digest.
 * `sha256`: how to hash (Node passes its native hash, which has no WebAssembly to compile first).
 */
export async function decisionLogDigest(events: readonly ReviewEvent[], sha256: Sha256Factory = wasmSha256): Promise<string> {
  const hash = await sha256();
  hash.update(new TextEncoder().encode(serializeEventLog(events)));
  return `sha256:${hash.digest()}`;
}

/** One row's decision as plain data: a verdict and the reviewer's record behind it. */
export type DecisionRecord = ReviewAudit & { verdict: Verdict };

function auditOfDecision(d: { reason?: string; note?: string; reviewer: string; at: string }): ReviewAudit {
  return { ...(d.reason !== undefined && { reason: d.reason }), ...(d.note && { note: d.note }), reviewer: d.reviewer, at: d.at };
}

/**
 * The export's view of a replayed log. `matched`, when given, collects the content hashes the export asked
 * about that have a decision (so a caller can report decisions that matched no input row).
 */
export function decisionsFromState(state: ReviewState, matched?: Set<string>): ExportDecisions {
  return {
    verdictOf(hash) {
      const d = decisionOf(state, hash);
      if (d === undefined) return "unreviewed";
      matched?.add(hash);
      return d.verdict;
    },
    auditOf(hash) {
      const d = decisionOf(state, hash);
      return d === undefined ? undefined : auditOfDecision(d);
    },
  };
}

/** Every decision of a replayed log as a map: plain data, for worker threads (`decisionsFromMap` reads it back). */
export function decisionRecordsFromState(state: ReviewState): Map<string, DecisionRecord> {
  const records = new Map<string, DecisionRecord>();
  for (const [hash, d] of decisionEntries(state.decisions)) records.set(hash, { verdict: d.verdict, ...auditOfDecision(d) });
  return records;
}

/** Decisions from a map of hash → `{verdict, reason?, note?, reviewer?, at?}` (e.g. a decision log's latest state). */
export function decisionsFromMap(map: ReadonlyMap<string, DecisionRecord>, matched?: Set<string>): ExportDecisions {
  return {
    verdictOf(hash) {
      const d = map.get(hash);
      if (d === undefined) return "unreviewed";
      matched?.add(hash);
      return d.verdict;
    },
    auditOf: (hash) => map.get(hash),
  };
}

/** Every row has one verdict; a convenience for "all accepted" exports and tests. */
export function uniformDecisions(verdict: Verdict): ExportDecisions {
  return { verdictOf: () => verdict, blanket: true };
}

/**
 * Decisions as plain data, which worker threads can receive: a decision per row, a replayed log as it is (no
 * copy of its thousands of decisions to make first), or one verdict for all.
 */
export type DecisionsData = { records: ReadonlyMap<string, DecisionRecord> } | { state: ReviewState } | { uniform: Verdict };

export function decisionsFromData(data: DecisionsData, matched?: Set<string>): ExportDecisions {
  if ("records" in data) return decisionsFromMap(data.records, matched);
  return "state" in data ? decisionsFromState(data.state, matched) : uniformDecisions(data.uniform);
}
