/**
 * lib/review: the review workflow's framework-free core (decisions, their log, persistence, exchange).
 *
 * Terms:
 * - key / content hash: a row's xxHash64 hex (lib/jsonl/rowHash.ts). Decisions are keyed by it, never by line.
 * - file fingerprint: `fp1:…`, an order-independent digest of a file's row hashes (fileFingerprint.ts).
 * - decision: a key's verdict (`accepted`, `rejected` with a reason code, or `unreviewed`), note, reviewer, time.
 * - event: one append-only log record (decide, note, restore, merge, undo, redo). Not "action" or "op".
 * - log: a file's events in order. State = `replay(log)`; `applyEvent` advances it one event at a time.
 * - bulk: one `decide` or `restore` event over many keys: one record, one write, one undo step.
 * - auto entry: an audit entry derived from a conversion skip or a validation error; never in the log.
 * - orphan: a decision whose key matches no row of the open file (the file changed).
 * - merge: combining another reviewer's decisions into this log as one `merge` event, conflicts chosen by hand.
 */
export { type ContentHash, type Decision, type Verdict, CONTENT_HASH_PATTERN, VERDICTS, sameVerdict } from "./decision";
export {
  type ReasonCode,
  DEFAULT_REASONS,
  InvalidReasonCodeError,
  REASON_CODE_PATTERN,
  REASONS_PER_PAGE,
  digitForIndex,
  labelForCode,
  parseCustomReasons,
  reasonCodeFor,
  reasonCodesIn,
  reasonForDigit,
  reasonLabel,
  reasonPageCount,
  withCustomReasons,
  withReasonsInUse,
} from "./reasons";
export { type FileFingerprint, FingerprintAccumulator, type FingerprintSums, fingerprintOf } from "./fileFingerprint";
export { type DecisionTable, decisionEntries } from "./decisionTable";
export {
  type DecideEvent,
  type EventContext,
  type EventFactory,
  type MergeEntry,
  type MergeEvent,
  type NoteEvent,
  type RedoEvent,
  type RestoreEvent,
  type ReviewEvent,
  type ReviewEventKind,
  type UndoEvent,
  type UndoableEvent,
  LOG_FORMAT_VERSION,
  createEventFactory,
  isUndoable,
  newEventId,
} from "./events";
export {
  type ReviewState,
  type RowWeights,
  type Stack,
  type UndoStep,
  type VerdictCounts,
  applyEvent,
  countRows,
  createReviewState,
  keysTouchedBy,
  replay,
  scopeToRows,
} from "./reviewState";
export { type Progress, type ReasonCount, decisionOf, progress, reasonCounts, redoTarget, undoTarget, verdictOf } from "./selectors";
export {
  type AuditEntry,
  type AutoAuditEntry,
  type FindingLike,
  type ReviewAuditEntry,
  type SkipLike,
  auditCountsByReason,
  auditEntriesFromFindings,
  auditEntriesFromSkips,
  reviewAuditEntries,
} from "./audit";
export { type LogLineError, type ParsedEventLog, formatLogErrors, parseEventLog, serializeEvent, serializeEventLog } from "./eventLog";
export { reviewEventSchema } from "./eventSchema";
export { type ConflictChoice, type KeyPair, type MergeReport, type OneSided, type ReviewerCounts, UnresolvedConflictsError, compareReviews, resolveMerge } from "./merge";
export { type ReattachReport, reattach } from "./reattach";
export { type DecisionStore, type LogSummary, type OpenStoreOptions, openDecisionStore } from "./decisionStore";
export { type StoreErrorCode, DecisionStoreError } from "./storeError";
