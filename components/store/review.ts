import { create } from "zustand";
import { getDb } from "@/lib/db/browserDb";
import {
  DEFAULT_REASONS,
  REASONS_PER_PAGE,
  applyEvent,
  countRows,
  createEventFactory,
  createReviewState,
  FingerprintAccumulator,
  keysTouchedBy,
  openDecisionStore,
  parseCustomReasons,
  reasonCodeFor,
  reasonCodesIn,
  reattach,
  redoTarget,
  scopeToRows,
  serializeEventLog,
  undoTarget,
  verdictOf,
  withCustomReasons,
  withReasonsInUse,
  type DecisionStore,
  type ReattachReport,
  type ReasonCode,
  type ReviewEvent,
  type ReviewState,
  type RowWeights,
} from "@/lib/review";
import { mirrorAll, mirrorKeys, type MirrorUpdate } from "@/lib/review/decisionMirror";
import { nextUndecided } from "@/lib/view/navigation";
import { loadRow, rowKey } from "@/lib/view/rowCache";
import { viewUsesDecisions } from "@/lib/view/viewState";
import { refreshKeys } from "./actions";
import { fileById, useStudio } from "./studioStore";

/**
 * Review decisions in the page: an append-only log in IndexedDB (written before a decision shows as done), its
 * replayed state here, and a mirror in DuckDB for SQL. Components read this store and call the actions below.
 */
export interface ReviewUi {
  state: ReviewState;
  /** The whole log as loaded and recorded this session (what "download log" writes). */
  events: ReviewEvent[];
  fingerprint: string | null;
  reviewer: string;
  /** The default reasons, the user's own, then any other code the log uses (e.g. from a colleague's log). */
  reasons: readonly ReasonCode[];
  /** Set when browser storage failed: decisions still apply here, and the log must be downloaded. */
  storageProblem: string | null;
  /** Events recorded here that browser storage has not accepted (retried with each next decision). */
  unsaved: number;
  report: ReattachReport | null;
  /** A bulk or import is being written. */
  busy: boolean;
  /** The reject reason picker is open (after `r` or the reject button): a digit or a click picks. */
  picking: boolean;
  /** Which ten reasons the digits pick (each further `r` shows the next ten). */
  pickPage: number;
  helpOpen: boolean;
}

const REVIEWER_KEY = "pivot-studio:reviewer";
const REASONS_KEY = "pivot-studio:reasons";

function savedReviewer(): string {
  try {
    return localStorage.getItem(REVIEWER_KEY) ?? "";
  } catch {
    return "";
  }
}

/** The user's own reasons, kept in this browser (localStorage, like the reviewer's name). */
function savedCustomReasons(): ReasonCode[] {
  try {
    return parseCustomReasons(localStorage.getItem(REASONS_KEY));
  } catch {
    return [];
  }
}

let customReasons: ReasonCode[] = typeof window === "undefined" ? [] : savedCustomReasons();
/** Reason codes the loaded log uses, so a colleague's own codes show (in the picker, the filter, the audit). */
const codesInLog = new Set<string>();
const reasonList = () => withReasonsInUse(withCustomReasons(customReasons), codesInLog);

export const useReview = create<ReviewUi>(() => ({
  state: createReviewState(),
  events: [],
  fingerprint: null,
  reviewer: typeof window === "undefined" ? "" : savedReviewer(),
  reasons: reasonList(),
  storageProblem: null,
  unsaved: 0,
  report: null,
  busy: false,
  picking: false,
  pickPage: 0,
  helpOpen: false,
}));

/** Adds codes used by these events to the reason list (nothing changes for known codes). */
function noteReasonsOf(events: readonly ReviewEvent[]): void {
  const known = new Set(useReview.getState().reasons.map((r) => r.code));
  const added = [...reasonCodesIn(events)].filter((c) => !known.has(c));
  if (added.length === 0) return;
  for (const c of added) codesInLog.add(c);
  useReview.setState({ reasons: reasonList() });
}

/**
 * Adds a reason of the user's own (kept in this browser) and returns it; the picker then shows the ten reasons
 * it is among, so its digit picks it at once. Throws, with a message for the user, when the name gives no code
 * or the code is already a reason.
 */
export function addReason(name: string): ReasonCode {
  const label = name.trim().replace(/\s+/g, " ").slice(0, 200);
  const code = reasonCodeFor(label);
  if (!code) throw new Error("A reason needs a name with at least one letter or digit.");
  // A code only seen in a log may be named here; a default or an own reason is not added twice.
  const existing = [...DEFAULT_REASONS, ...customReasons].find((r) => r.code === code);
  if (existing) throw new Error(`"${existing.label}" is already a reason (${code}).`);
  const reason = { code, label };
  customReasons = [...customReasons, reason];
  try {
    localStorage.setItem(REASONS_KEY, JSON.stringify(customReasons));
  } catch {
    // Private mode: the reason lasts for this tab only (decisions made with it keep its code in the log).
  }
  const reasons = reasonList();
  useReview.setState({ reasons, pickPage: Math.floor(reasons.findIndex((r) => r.code === code) / REASONS_PER_PAGE) });
  return reason;
}

let store: Promise<DecisionStore> | null = null;
function decisionStore(): Promise<DecisionStore> {
  store ??= openDecisionStore().catch((e: Error) => {
    store = null;
    throw e;
  });
  return store;
}

const cannotSave = (e: Error) => `Decisions cannot be saved in this browser: ${e.message} Download the log to keep them.`;

/** Opens browser storage ahead of the first file (part of the page's warm-up); a failure is shown at once. */
export function warmReview(): void {
  decisionStore().catch((e: Error) => useReview.setState({ storageProblem: cannotSave(e) }));
}

export function setReviewer(name: string): void {
  useReview.setState({ reviewer: name });
  try {
    localStorage.setItem(REVIEWER_KEY, name);
  } catch {
    // Private mode: the name lasts for this tab only.
  }
}

async function applyMirror(update: MirrorUpdate): Promise<void> {
  const db = await getDb();
  if (update.sql) await db.exec(update.sql);
  if (update.ipc) await db.insertIpc("decisions", update.ipc);
}

/** Bumped by each attach: weights read for an earlier load are not applied to a later one's state. */
let attachments = 0;

/** After files load: the log of every earlier session, replayed and re-attached to the open rows by content hash. */
export async function attachReview(): Promise<void> {
  const attachment = ++attachments;
  // The parse workers summed the rows' hashes as they made them: no hash is read back here.
  const sums = new FingerprintAccumulator();
  for (const f of useStudio.getState().files) if (f.fingerprint) sums.mergeSums(f.fingerprint);
  const fingerprint = sums.digest();
  let events: ReviewEvent[] = [];
  let storageProblem: string | null = null;
  try {
    const s = await decisionStore();
    const logs = await s.listLogs();
    events = logs.length ? await s.load(logs.map((l) => l.file)) : [];
  } catch (e) {
    storageProblem = cannotSave(e as Error);
  }
  // Decisions of this tab that storage refused stay in the log (and are retried): they are not dropped.
  const loaded = unsavedEvents.length ? [...events, ...unsavedEvents] : events;
  // A log re-attaches by the rows' weights (how many rows carry each hash). Without one, only the counts of
  // decisions to come need them: they are read once the rows show (`weighRows`), not while the user waits.
  const weights = loaded.length ? await readRowWeights() : null;
  if (attachment !== attachments) return;
  const { state, report } = reattach(loaded, fingerprint, weights);
  await applyMirror(mirrorAll(state));
  useReview.setState({
    state,
    events: loaded,
    fingerprint,
    report,
    storageProblem: storageProblem ?? (unsavedEvents.length ? useReview.getState().storageProblem : null),
    unsaved: unsavedEvents.length,
  });
  noteReasonsOf(loaded);
}

async function readRowWeights(): Promise<RowWeights> {
  const cols = await (await getDb()).queryColumns("SELECT content_hash FROM rows");
  return countRows(Array.from(cols.content_hash as unknown as ArrayLike<string>));
}

/**
 * Reads the rows' weights when attaching did not (no log to re-attach); called once the loaded rows show. Until
 * then each decided hash counts as one row, which only differs for identical lines decided in that moment.
 */
export async function weighRows(): Promise<void> {
  const attachment = attachments;
  if (useReview.getState().state.rows !== null) return;
  const weights = await readRowWeights();
  if (attachment !== attachments) return;
  useReview.setState((s) => ({ state: scopeToRows(s.state, weights) }));
}

/**
 * The DuckDB mirror, off the decision's critical path. A single decision's keys are written after the next paint
 * (the row it moves to is on screen first); writes run in order on one chain, and keys touched meanwhile are
 * written together, from the state as it is then. Views that read decisions (the table's verdicts, the audit, a
 * verdict filter) refresh a moment after the last decision, so a reviewer deciding row after row is not slowed
 * by queries whose results they are not looking at; bulk actions and imports write and refresh at once.
 */
let mirrorChain: Promise<unknown> = Promise.resolve();
const mirrorPending = new Set<string>();
let flushPending: (() => void) | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const REFRESH_AFTER_MS = 250;

function flushMirror(refreshNow: boolean): Promise<void> {
  flushPending = null;
  const run = mirrorChain.then(async () => {
    if (mirrorPending.size) {
      const batch = [...mirrorPending];
      mirrorPending.clear();
      await applyMirror(mirrorKeys(useReview.getState().state, batch));
    }
    if (refreshNow) await refreshDecisionViews();
  });
  mirrorChain = run.catch(() => undefined);
  return run;
}

/** Runs `fn` once, after the next frame is painted (or after 100 ms where frames do not run, e.g. a hidden tab). */
function afterNextPaint(fn: () => void): () => void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    fn();
  };
  const fallback = setTimeout(once, 100);
  requestAnimationFrame(() => setTimeout(once, 0));
  return once;
}

function mirrorInBackground(keys: readonly string[], refresh: "now" | "soon"): Promise<void> {
  for (const k of keys) mirrorPending.add(k);
  if (refresh === "now") return flushMirror(true);
  flushPending ??= afterNextPaint(() => void flushMirror(false));
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    const again = mirrorChain.then(refreshDecisionViews);
    mirrorChain = again.catch(() => undefined);
  }, REFRESH_AFTER_MS);
  return Promise.resolve();
}

async function refreshDecisionViews(): Promise<void> {
  clearTimeout(refreshTimer);
  // Metrics and findings do not read decisions; only the table, the audit and decision-filtered views re-run.
  if (viewUsesDecisions(useStudio.getState().view)) {
    useStudio.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
    await refreshKeys();
  } else useStudio.setState((s) => ({ decisionVersion: s.decisionVersion + 1 }));
}

/** Events recorded in this tab that browser storage refused; each next write retries them first, in order. */
let unsavedEvents: ReviewEvent[] = [];
/** Whether the banner's problem is a refused write (which a later successful write clears). */
let problemFromWrite = false;

/**
 * Writes one event durably (with any earlier ones storage refused, in one transaction), then applies it and runs
 * `then` in the same tick (the cursor moves in the same render that shows the decision as done). The UI shows a
 * decision as done only once it is stored; when storage fails it is kept here, counted as unsaved, retried with
 * the next decision and included in the downloadable log: never dropped.
 */
async function record(event: ReviewEvent, then?: () => void, refresh: "now" | "soon" = "soon"): Promise<void> {
  const batch = [...unsavedEvents, event];
  let problem: string | null = null;
  performance.mark("review:record");
  try {
    await (await decisionStore()).append(batch, { fileName: useStudio.getState().files.map((f) => f.name).join(", ") });
    unsavedEvents = [];
  } catch (e) {
    unsavedEvents = batch;
    const n = batch.length;
    problem = `${n === 1 ? "A decision" : `${n} decisions`} could not be saved in browser storage (${(e as Error).message}). ${n === 1 ? "It is" : "They are"} kept in this tab and retried with your next decision; download the log to keep ${n === 1 ? "it" : "them"}.`;
  }
  performance.measure("review:append", "review:record");
  const before = useReview.getState();
  const touched = keysTouchedBy(before.state, event);
  const state = applyEvent(before.state, event);
  const storageProblem = problem ?? (problemFromWrite ? null : before.storageProblem);
  problemFromWrite = problem !== null;
  useReview.setState({ state, events: [...before.events, event], storageProblem, unsaved: unsavedEvents.length });
  then?.();
  void mirrorInBackground(touched, refresh);
}

/** Resolves once every decision so far is in the DuckDB mirror (writing any still waiting for a paint now). */
export function mirrorSettled(): Promise<unknown> {
  return flushPending ? flushMirror(false) : mirrorChain;
}

/**
 * Review actions run one after another: a key pressed while the previous decision is still being written acts
 * on the row that decision moved to, as a fast reviewer expects, never on the same row twice.
 */
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(action: () => Promise<T> | T): Promise<T> {
  const run = queue.then(action, action);
  queue = run.catch(() => undefined);
  return run;
}

function factory() {
  const { fingerprint, reviewer } = useReview.getState();
  return createEventFactory({ file: fingerprint ?? "none", reviewer: reviewer.trim() || "anonymous" });
}

function currentHash(): string | null {
  const { keys, cursor } = useStudio.getState();
  return cursor >= 0 ? (keys.hashes[cursor] ?? null) : null;
}

/** Moves to the next row still unreviewed (after the current one, wrapping); stays when none is left. */
export function goToNextUnreviewed(): Promise<void> {
  return serial(moveToNextUnreviewed);
}

function moveToNextUnreviewed(): void {
  const { keys, cursor } = useStudio.getState();
  const state = useReview.getState().state;
  const isDecided = (h: string) => verdictOf(state, h) !== "unreviewed";
  const next = nextUndecided(keys, cursor, isDecided);
  if (next < 0) return;
  useStudio.setState({ cursor: next });
  // The row after it is read ahead (the decision-point view reads only the direct neighbours), so the next
  // decision's row is in memory before its key is pressed.
  const after = nextUndecided(keys, next, (h) => h === keys.hashes[next] || isDecided(h));
  const file = after >= 0 ? fileById(useStudio.getState(), keys.fileIds[after]!) : undefined;
  if (file && after !== next + 1) loadRow(rowKey(file.fileId, keys.lines[after]!), file.file, keys.offsets[after]!, keys.lengths[after]!).catch(() => undefined);
}

/**
 * Accept and reject write the decision, then show it as done and the next unreviewed row in one render: a
 * write takes well under a millisecond, a render two; one render, not two, is what keeps the key fast.
 */
export function accept(): Promise<void> {
  return serial(async () => {
    const key = currentHash();
    if (key) await record(factory().accept([key]), moveToNextUnreviewed);
  });
}

export function reject(reason: string): Promise<void> {
  return serial(async () => {
    const key = currentHash();
    if (key) await record(factory().reject([key], reason), moveToNextUnreviewed);
  });
}

export function editNote(note: string): Promise<void> {
  return serial(async () => {
    const key = currentHash();
    if (key) await record(factory().note(key, note));
  });
}

export function restore(keys: string[]): Promise<void> {
  return serial(async () => {
    if (keys.length) await record(factory().restore(keys));
  });
}

/** One decision for every row of the current view (not just the visible page): one event, one undo step. */
export function bulkDecide(verdict: "accepted" | "rejected", reason?: string): Promise<void> {
  return serial(async () => {
    const keys = useStudio.getState().keys.hashes;
    if (keys.length === 0) return;
    useReview.setState({ busy: true });
    try {
      await record(verdict === "accepted" ? factory().accept(keys) : factory().reject(keys, reason ?? "other"), undefined, "now");
      await mirrorSettled();
    } finally {
      useReview.setState({ busy: false });
    }
  });
}

export function undo(): Promise<void> {
  return serial(async () => {
    const target = undoTarget(useReview.getState().state);
    if (target) await record(factory().undo(target));
  });
}

export function redo(): Promise<void> {
  return serial(async () => {
    const target = redoTarget(useReview.getState().state);
    if (target) await record(factory().redo(target));
  });
}

export function recordMerge(entries: Parameters<ReturnType<typeof createEventFactory>["merge"]>[0]): Promise<void> {
  return serial(async () => {
    if (!entries.length) return;
    const event = factory().merge(entries);
    noteReasonsOf([event]);
    await record(event, undefined, "now");
  });
}

/** Forgets every stored decision (for a fresh start, e.g. before importing a log). */
export async function clearReviewStorage(): Promise<void> {
  try {
    await (await decisionStore()).clear();
  } catch (e) {
    useReview.setState({ storageProblem: (e as Error).message });
  }
  const state = createReviewState(useReview.getState().state.rows);
  unsavedEvents = [];
  useReview.setState({ state, events: [], unsaved: 0, report: null });
  flushPending = null;
  const cleared = mirrorChain.then(async () => {
    mirrorPending.clear();
    await applyMirror(mirrorAll(useReview.getState().state));
    await refreshDecisionViews();
  });
  mirrorChain = cleared.catch(() => undefined);
  await cleared;
}

export function downloadLog(): void {
  const text = serializeEventLog(useReview.getState().events);
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-ndjson" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = "pivot-studio-decisions.jsonl";
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
