import { type ReviewEvent } from "./events";
import { reviewEventSchema } from "./eventSchema";
import { type FileFingerprint } from "./fileFingerprint";
import { DecisionStoreError, toStoreError } from "./storeError";

/**
 * The review log in IndexedDB. Events are records in one store (auto-increment key = log order, indexed by
 * file fingerprint); a `logs` store keeps one summary per fingerprint so a changed file can find the log it came
 * from. Every append is one transaction with strict durability, and its promise settles only on `complete`
 * (written) or `abort` (nothing written): the UI shows a decision as done only after that.
 */
export interface LogSummary {
  file: FileFingerprint;
  fileName?: string;
  eventCount: number;
  firstAt: string;
  lastAt: string;
}

export interface DecisionStore {
  /** Appends events in order, all in one transaction: all are stored or none. */
  append(events: readonly ReviewEvent[], info?: { fileName?: string }): Promise<void>;
  /** Events recorded against these fingerprints, in the order they were appended. */
  load(files: FileFingerprint | readonly FileFingerprint[]): Promise<ReviewEvent[]>;
  listLogs(): Promise<LogSummary[]>;
  /** Deletes one fingerprint's events and summary, or everything. */
  clear(file?: FileFingerprint): Promise<void>;
  close(): void;
}

export interface OpenStoreOptions {
  /** Defaults to the global `indexedDB`; tests pass fake-indexeddb's. */
  factory?: IDBFactory;
  name?: string;
}

const EVENTS = "events";
const LOGS = "logs";
const BY_FILE = "by_file";
const SCHEMA_VERSION = 1;

export async function openDecisionStore(options: OpenStoreOptions = {}): Promise<DecisionStore> {
  const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) throw new DecisionStoreError("unavailable", "Browser storage (IndexedDB) is not available in this browser or window.");
  const db = await openDatabase(factory, options.name ?? "pivot-studio-review");
  // Another tab upgrading the schema must not be blocked by us; this tab then errors on its next write.
  db.onversionchange = () => db.close();

  return {
    append: (events, info) => (events.length === 0 ? Promise.resolve() : appendEvents(db, events, info?.fileName)),
    load: (files) => loadEvents(db, typeof files === "string" ? [files] : files),
    listLogs: () => run(db, [LOGS], "readonly", "listing logs", (tx) => request<LogSummary[]>(tx.objectStore(LOGS).getAll())),
    clear: (file) => clearEvents(db, file),
    close: () => db.close(),
  };
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(name, SCHEMA_VERSION);
    } catch (err) {
      reject(toStoreError(err, "opening the decision store"));
      return;
    }
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore(EVENTS, { autoIncrement: true }).createIndex(BY_FILE, "file");
      db.createObjectStore(LOGS, { keyPath: "file" });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(toStoreError(req.error, "opening the decision store"));
  });
}

/**
 * Runs `body` in one transaction and settles when the transaction does: `complete` resolves with the body's
 * result, `abort` or `error` rejects, so a caller never sees success for a write that was rolled back.
 */
function run<T>(db: IDBDatabase, stores: string[], mode: IDBTransactionMode, doing: string, body: (tx: IDBTransaction) => Promise<T> | void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(stores, mode, { durability: mode === "readwrite" ? "strict" : "default" });
    } catch (err) {
      reject(toStoreError(err, doing));
      return;
    }
    let result: T | undefined;
    let failure: unknown;
    tx.oncomplete = () => (failure === undefined ? resolve(result as T) : reject(toStoreError(failure, doing)));
    // tx.error is the browser's reason (e.g. QuotaExceededError at commit); null when abort() was called.
    tx.onabort = () => reject(toStoreError(tx.error ?? failure ?? new DOMException("Transaction aborted", "AbortError"), doing));
    try {
      body(tx)?.then(
        (r) => (result = r),
        (err: unknown) => (failure = err),
      );
    } catch (err) {
      failure = err;
      try {
        tx.abort();
      } catch {
        // Already aborted (e.g. the error was TransactionInactiveError): onabort reports it.
      }
    }
  });
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}

function appendEvents(db: IDBDatabase, events: readonly ReviewEvent[], fileName: string | undefined): Promise<void> {
  return run(db, [EVENTS, LOGS], "readwrite", "saving decisions", (tx) => {
    const store = tx.objectStore(EVENTS);
    // A put that throws (e.g. DataCloneError) escapes to `run`, which aborts the transaction: none are written.
    for (const e of events) store.add(e);
    const logs = tx.objectStore(LOGS);
    for (const [file, batch] of groupByFile(events)) {
      const get = logs.get(file);
      get.onsuccess = () => {
        const prev = get.result as LogSummary | undefined;
        const name = fileName ?? prev?.fileName;
        logs.put({
          file,
          ...(name !== undefined && { fileName: name }),
          eventCount: (prev?.eventCount ?? 0) + batch.length,
          firstAt: prev?.firstAt ?? batch[0]!.at,
          lastAt: batch[batch.length - 1]!.at,
        } satisfies LogSummary);
      };
    }
  });
}

function groupByFile(events: readonly ReviewEvent[]): Map<FileFingerprint, ReviewEvent[]> {
  const groups = new Map<FileFingerprint, ReviewEvent[]>();
  for (const e of events) {
    const g = groups.get(e.file);
    if (g) g.push(e);
    else groups.set(e.file, [e]);
  }
  return groups;
}

async function loadEvents(db: IDBDatabase, files: readonly FileFingerprint[]): Promise<ReviewEvent[]> {
  const perFile = await run(db, [EVENTS], "readonly", "loading decisions", (tx) => {
    const index = tx.objectStore(EVENTS).index(BY_FILE);
    return Promise.all(
      [...new Set(files)].map(async (file) => {
        const [keys, values] = await Promise.all([request<IDBValidKey[]>(index.getAllKeys(file)), request<unknown[]>(index.getAll(file))]);
        // getAllKeys on an index gives the primary keys, in the same order as getAll's values.
        return values.map((value, i) => ({ seq: keys[i] as number, value }));
      }),
    );
  });
  // Records of several fingerprints interleave in append order, which the auto-increment key keeps.
  const records = perFile.flat().sort((a, b) => a.seq - b.seq);
  return records.map(({ seq, value }) => {
    const parsed = reviewEventSchema.safeParse(value);
    if (!parsed.success) throw new DecisionStoreError("corrupt", `Stored decision record ${seq} is not a valid event: ${parsed.error.issues[0]?.message ?? "unknown"}`);
    return parsed.data;
  });
}

function clearEvents(db: IDBDatabase, file: FileFingerprint | undefined): Promise<void> {
  return run(db, [EVENTS, LOGS], "readwrite", "clearing decisions", (tx) => {
    const events = tx.objectStore(EVENTS);
    const logs = tx.objectStore(LOGS);
    if (file === undefined) {
      events.clear();
      logs.clear();
      return;
    }
    const cursor = events.index(BY_FILE).openKeyCursor(file);
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      events.delete(c.primaryKey);
      c.continue();
    };
    logs.delete(file);
  });
}
