import { sha256 } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { createEventFactory, parseEventLog, replay, serializeEventLog, type ReviewEvent } from "../review";
import {
  ACCEPT_ALL_DIGEST,
  decisionLogDigest,
  decisionRecordsFromState,
  decisionsFromData,
  decisionsFromMap,
  decisionsFromState,
  NO_DECISION_LOG,
  uniformDecisions,
} from "./decisions";
import { nodeSha256 } from "./nodeHashing";

const KEYS = ["0000000000000001", "0000000000000002", "0000000000000003", "0000000000000004"] as const;
const [A, B, C, D] = KEYS;
const UNKNOWN = "00000000000000ff";

/** A review as the app records it: a bulk accept, a rejection with a note, a rejection undone, a note on its own. */
function review(): ReviewEvent[] {
  let id = 0;
  let clock = Date.parse("2026-09-01T10:00:00Z");
  const factory = createEventFactory({ file: "fp1:4:x", reviewer: "ana", now: () => new Date((clock += 60_000)), newId: () => `ev${++id}` });
  const accept = factory.accept([A, C]); // 10:01
  const reject = factory.reject([B], "wrong_arguments", "the city is wrong"); // 10:02
  const undone = factory.reject([C], "wrong_tool");
  return [accept, reject, undone, factory.undo(undone.id), factory.note(D, "check later")]; // the note at 10:05
}

describe("decisionLogDigest", () => {
  it("is the SHA-256 of the log's canonical serialization", async () => {
    const events = review();
    expect(await decisionLogDigest(events)).toBe(`sha256:${await sha256(serializeEventLog(events))}`);
    expect(await decisionLogDigest(events.slice(0, 2))).not.toBe(await decisionLogDigest(events));
  });

  it("is the same with Node's native hash", async () => {
    const events = review();
    expect(await decisionLogDigest(events, nodeSha256)).toBe(await decisionLogDigest(events));
  });

  it("is the same for a re-saved copy: CRLF, reordered keys, blank lines", async () => {
    const events = review();
    const shuffled = serializeEventLog(events)
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(l) as object).reverse())))
      .join("\r\n\r\n");
    const parsed = parseEventLog(shuffled);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(await decisionLogDigest(parsed.events)).toBe(await decisionLogDigest(events));
  });

  it("is never one of the markers for no log or --accept-all", async () => {
    expect([NO_DECISION_LOG, ACCEPT_ALL_DIGEST]).not.toContain(await decisionLogDigest([]));
  });
});

describe("decisions from a replayed log", () => {
  const state = replay(review());

  it("gives each row's verdict and the reviewer's record behind it", () => {
    const decisions = decisionsFromState(state);
    expect(KEYS.map((k) => decisions.verdictOf(k))).toEqual(["accepted", "rejected", "accepted", "unreviewed"]);
    expect(decisions.verdictOf(UNKNOWN)).toBe("unreviewed");
    expect(decisions.auditOf?.(B)).toEqual({ reason: "wrong_arguments", note: "the city is wrong", reviewer: "ana", at: "2026-09-01T10:02:00.000Z" });
    expect(decisions.auditOf?.(D)).toEqual({ note: "check later", reviewer: "ana", at: "2026-09-01T10:05:00.000Z" });
    expect(decisions.auditOf?.(UNKNOWN)).toBeUndefined();
  });

  it("collects the rows asked about that have a decision", () => {
    const matched = new Set<string>();
    const decisions = decisionsFromState(state, matched);
    for (const key of [A, B, UNKNOWN]) decisions.verdictOf(key);
    expect([...matched].sort()).toEqual([A, B]);
  });

  it("as plain data (for worker threads), answers exactly as the state does", () => {
    const fromState = decisionsFromState(state);
    const records = structuredClone(decisionRecordsFromState(state));
    for (const fromData of [decisionsFromMap(records), decisionsFromData({ records }), decisionsFromData({ state: structuredClone(state) })]) {
      for (const key of [...KEYS, UNKNOWN]) {
        expect(fromData.verdictOf(key), key).toBe(fromState.verdictOf(key));
        const audit = fromData.auditOf?.(key);
        expect(audit === undefined ? undefined : { ...audit, verdict: undefined }, key).toEqual(
          fromState.auditOf?.(key) === undefined ? undefined : { ...fromState.auditOf?.(key), verdict: undefined },
        );
      }
    }
  });

  it("one verdict for every row", () => {
    expect(decisionsFromData({ uniform: "accepted" }).verdictOf(UNKNOWN)).toBe("accepted");
    expect(uniformDecisions("rejected").auditOf).toBeUndefined();
  });
});
