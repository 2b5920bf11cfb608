import { create } from "zustand";
import { getDb } from "@/lib/db/browserDb";
import {
  DEFAULT_REASONS,
  applyEvent,
  countRows,
  createEventFactory,
  createReviewState,
  fingerprintOf,
  keysTouchedBy,
  openDecisionStore,
  reattach,
  redoTarget,
  serializeEventLog,
  undoTarget,
  verdictOf,
  type DecisionStore,
  type ReattachReport,
  type ReasonCode,
  type ReviewEvent,
  type ReviewState,
} from "@/lib/review";
import { mirrorAll, mirrorKeys, type MirrorUpdate } from "@/lib/review/decisionMirror";
import { nextUndecided } from "@/lib/view/navigation";
import { viewUsesDecisions } from "@/lib/view/viewState";
import { refreshKeys } from "./actions";
import { useStudio } from "./studioStore";

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
  reasons: readonly ReasonCode[];
  /** Set when browser storage failed: decisions still apply here, and the log must be downloaded. */
  storageProblem: string | null;
  unsaved: number;
  report: ReattachReport | null;
  /** A bulk or import is being written. */
  busy: boolean;
  /** The reject reason picker is open (after `r` or the reject button): a digit or a click picks. */
  picking: boolean;
  helpOpen: boolean;
}

const REVIEWER_KEY = "pivot-studio:reviewer";

function savedReviewer(): string {
  try {
    return localStorage.getItem(REVIEWER_KEY) ?? "";
  } catch {
    return "";
  }
}

export const useReview = create<ReviewUi>(() => ({
  state: createReviewState(),
  events: [],
  fingerprint: null,
  reviewer: typeof window === "undefined" ? "" : savedReviewer(),
  reasons: DEFAULT_REASONS,
  storageProblem: null,
  unsaved: 0,
  report: null,
  busy: false,
  picking: false,
  helpOpen: false,
}));

let store: Promise<DecisionStore> | null = null;
function decisionStore(): Promise<DecisionStore> {
  store ??= openDecisionStore().catch((e: Error) => {
    store = null;
    throw e;
  });
  return store;
}

/** Opens browser storage ahead of the first file (part of the page's warm-up). */
export function warmReview(): void {
  decisionStore().catch(() => undefined);
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

/** After files load: the log of every earlier session, replayed and re-attached to the open rows by content hash. */
export async function attachReview(): Promise<void> {
  const db = await getDb();
  const cols = await db.queryColumns("SELECT content_hash FROM rows");
  const hashes = Array.from(cols.content_hash as unknown as ArrayLike<string>);
  const fingerprint = fingerprintOf(hashes);
  let events: ReviewEvent[] = [];
  let storageProblem: string | null = null;
  try {
    const s = await decisionStore();
    const logs = await s.listLogs();
    events = logs.length ? await s.load(logs.map((l) => l.file)) : [];
  } catch (e) {
    storageProblem = `Decisions cannot be saved in this browser: ${(e as Error).message} Download the log to keep them.`;
  }
  const { state, report } = reattach(events, fingerprint, countRows(hashes));
  await applyMirror(mirrorAll(state));
  useReview.setState({ state, events, fingerprint, report, storageProblem, unsaved: 0 });
}

/** DuckDB writes for the mirror, in order, off the decision's critical path. */
let mirrorChain: Promise<unknown> = Promise.resolve();
function mirrorInBackground(update: MirrorUpdate): Promise<void> {
  const run = mirrorChain.then(async () => {
    await applyMirror(update);
    // Metrics and findings do not read decisions; only the table, the audit and decision-filtered views re-run.
    if (viewUsesDecisions(useStudio.getState().view)) {
      useStudio.setState((s) => ({ dataVersion: s.dataVersion + 1 }));
      await refreshKeys();
    } else useStudio.setState((s) => ({ decisionVersion: s.decisionVersion + 1 }));
  });
  mirrorChain = run.catch(() => undefined);
  return run;
}

/**
 * Writes one event durably (the UI shows it as done only after that), applies it, and hands the DuckDB mirror to
 * the background: what the reviewer sees next does not wait for SQL.
 */
async function record(event: ReviewEvent): Promise<void> {
  let problem: string | null = null;
  performance.mark("review:record");
  try {
    await (await decisionStore()).append([event], { fileName: useStudio.getState().files.map((f) => f.name).join(", ") });
  } catch (e) {
    problem = `The last decision could not be saved in browser storage (${(e as Error).message}). It is kept in this tab; download the log to keep it.`;
  }
  performance.measure("review:append", "review:record");
  const before = useReview.getState();
  const touched = keysTouchedBy(before.state, event);
  const state = applyEvent(before.state, event);
  useReview.setState({
    state,
    events: [...before.events, event],
    ...(problem ? { storageProblem: problem, unsaved: before.unsaved + 1 } : {}),
  });
  void mirrorInBackground(mirrorKeys(state, touched));
}

/** Resolves once every decision so far is in the DuckDB mirror (bulk actions wait for it: their view changes). */
export function mirrorSettled(): Promise<unknown> {
  return mirrorChain;
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
  const next = nextUndecided(keys, cursor, (h) => verdictOf(state, h) !== "unreviewed");
  if (next >= 0) useStudio.setState({ cursor: next });
}

export function accept(): Promise<void> {
  return serial(async () => {
    const key = currentHash();
    if (!key) return;
    // The next row renders while the decision is written; the decision shows as done only once it is stored.
    const written = record(factory().accept([key]));
    moveToNextUnreviewed();
    await written;
  });
}

export function reject(reason: string): Promise<void> {
  return serial(async () => {
    const key = currentHash();
    if (!key) return;
    const written = record(factory().reject([key], reason));
    moveToNextUnreviewed();
    await written;
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
      await record(verdict === "accepted" ? factory().accept(keys) : factory().reject(keys, reason ?? "other"));
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
    if (entries.length) await record(factory().merge(entries));
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
  useReview.setState({ state, events: [], unsaved: 0, report: null });
  await mirrorInBackground(mirrorAll(state));
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
