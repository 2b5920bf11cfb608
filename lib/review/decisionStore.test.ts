import { IDBDatabase, IDBFactory, IDBObjectStore } from "fake-indexeddb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type DecisionStore, openDecisionStore } from "./decisionStore";
import { type ReviewEvent } from "./events";
import { replay } from "./reviewState";
import { DecisionStoreError, toStoreError } from "./storeError";
import { keys, randomLog, testFactory } from "./testLogs";

const opened: DecisionStore[] = [];
async function open(factory: IDBFactory): Promise<DecisionStore> {
  const store = await openDecisionStore({ factory, name: "test" });
  opened.push(store);
  return store;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const s of opened.splice(0)) s.close();
});

async function rejection(p: Promise<unknown>): Promise<DecisionStoreError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DecisionStoreError);
    return err as DecisionStoreError;
  }
  throw new Error("expected the store call to fail");
}

describe("decision store (IndexedDB)", () => {
  it("round-trips a log: a fresh connection loads the same events in order and replays the same state", async () => {
    const factory = new IDBFactory();
    const { events, state } = randomLog(11, { steps: 150 });
    const store = await open(factory);
    await store.append(events.slice(0, 1));
    await store.append(events.slice(1), { fileName: "pivots.jsonl" });
    const again = await open(factory);
    const loaded = await again.load(events[0]!.file);
    expect(loaded).toEqual(events);
    expect(replay(loaded)).toEqual(state);
    expect(await again.listLogs()).toEqual([
      { file: events[0]!.file, fileName: "pivots.jsonl", eventCount: events.length, firstAt: events[0]!.at, lastAt: events.at(-1)!.at },
    ]);
  });

  it("stores a bulk of 5,000 rows as one record, written with strict durability", async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    const transaction = vi.spyOn(IDBDatabase.prototype, "transaction");
    const add = vi.spyOn(IDBObjectStore.prototype, "add");
    const bulk = testFactory().reject(keys(5000), "duplicate");
    await store.append([bulk]);
    expect(add).toHaveBeenCalledTimes(1);
    expect(transaction.mock.calls.some(([, mode, opts]) => mode === "readwrite" && opts?.durability === "strict")).toBe(true);
    expect(await store.load(bulk.file)).toEqual([bulk]);
  });

  it("writes all of an append or none of it when the transaction dies part-way (page killed, disk error)", async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    const f = testFactory();
    const kept = f.accept(keys(3));
    await store.append([kept]);

    const batch = [f.reject(keys(5000), "too_easy"), f.accept(keys(2, 10)), f.note(keys(1)[0]!, "x")];
    const realAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, "add").mockImplementation(function (this: IDBObjectStore, value, key) {
      const req = realAdd.call(this, value, key);
      if (++calls === 2) this.transaction.abort(); // dies after the bulk record was added
      return req;
    });
    const err = await rejection(store.append(batch));
    expect(err.code).toBe("aborted");
    vi.restoreAllMocks();
    expect(await (await open(factory)).load(kept.file)).toEqual([kept]);
    expect((await store.listLogs())[0]?.eventCount).toBe(1);
  });

  it("rolls back and reports a full disk as a quota error", async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    vi.spyOn(IDBObjectStore.prototype, "add").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    const e = testFactory().accept(keys(1));
    const err = await rejection(store.append([e]));
    expect(err.code).toBe("quota");
    expect(err.message).toMatch(/storage is full/);
    vi.restoreAllMocks();
    expect(await store.load(e.file)).toEqual([]);
  });

  it("rejects an event that cannot be stored without writing the rest of its batch", async () => {
    const store = await open(new IDBFactory());
    const f = testFactory();
    const good = f.accept(keys(1));
    const bad = { ...f.accept(keys(1, 5)), note: (() => "not cloneable") as unknown as string } as ReviewEvent;
    const err = await rejection(store.append([good, bad]));
    expect(err.code).toBe("failed");
    expect(await store.load(good.file)).toEqual([]);
  });

  it("loads several fingerprints interleaved in append order; clears one or all", async () => {
    const store = await open(new IDBFactory());
    const a = testFactory("alice", "fp1:1:aa");
    const b = testFactory("alice", "fp1:1:bb");
    const events = [a.accept(keys(1)), b.accept(keys(1, 1)), a.accept(keys(1, 2)), b.reject(keys(1, 3), "other")];
    await store.append(events);
    expect(await store.load(["fp1:1:bb", "fp1:1:aa"])).toEqual(events);
    expect((await store.listLogs()).map((l) => [l.file, l.eventCount])).toEqual([["fp1:1:aa", 2], ["fp1:1:bb", 2]]);
    await store.clear("fp1:1:aa");
    expect(await store.load(["fp1:1:aa", "fp1:1:bb"])).toEqual([events[1], events[3]]);
    await store.clear();
    expect(await store.load("fp1:1:bb")).toEqual([]);
    expect(await store.listLogs()).toEqual([]);
  });

  it("reports a stored record that is not an event as corrupt", async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    const db = await rawDb(factory);
    await new Promise<void>((resolve) => {
      const tx = db.transaction("events", "readwrite");
      tx.objectStore("events").add({ file: "fp1:1:aa", kind: "mystery" });
      tx.oncomplete = () => resolve();
    });
    db.close();
    const err = await rejection(store.load("fp1:1:aa"));
    expect(err.code).toBe("corrupt");
  });

  it("says IndexedDB is unavailable when there is none or it refuses to open", async () => {
    expect((await rejection(openDecisionStore({ factory: undefined }))).code).toBe("unavailable");
    const refusing = {
      open: () => {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    } as unknown as IDBFactory;
    expect((await rejection(openDecisionStore({ factory: refusing }))).code).toBe("unavailable");
  });

  it("classifies IndexedDB errors", () => {
    expect(toStoreError(new DOMException("x", "QuotaExceededError"), "saving").code).toBe("quota");
    expect(toStoreError(new DOMException("x", "InvalidStateError"), "opening").code).toBe("unavailable");
    expect(toStoreError(new DOMException("x", "AbortError"), "saving").code).toBe("aborted");
    expect(toStoreError(new Error("boom"), "saving")).toMatchObject({ code: "failed", message: "Browser storage failed while saving: Error: boom" });
  });
});

/** A second raw connection to the test database, for poking at records directly. */
function rawDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open("test");
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
