import { describe, expect, it } from "vitest";
import { canonicalEvent, formatLogErrors, parseEventLog, serializeEvent, serializeEventLog } from "./eventLog";
import { replay } from "./reviewState";
import { FILE, keyOf, randomLog, testFactory } from "./testLogs";

function parsedEvents(text: string) {
  const parsed = parseEventLog(text);
  if (!parsed.ok) throw new Error(formatLogErrors(parsed.errors, parsed.errorCount));
  return parsed.events;
}

function errorsOf(text: string) {
  const parsed = parseEventLog(text);
  if (parsed.ok) throw new Error("expected the log to be rejected");
  return parsed.errors;
}

const f = testFactory();
const good = serializeEvent(f.reject([keyOf(1)], "wrong_tool"));

describe("event log JSONL", () => {
  it("writes one event per line with a fixed key order", () => {
    const g = testFactory();
    const line = serializeEvent(g.reject([keyOf(1), keyOf(2)], "wrong_arguments", "units missing"));
    expect(line).toBe(
      `{"v":1,"id":"alice-e1","at":"2026-01-01T00:00:01.000Z","kind":"decide","file":"${FILE}","reviewer":"alice",` +
        `"keys":["${keyOf(1)}","${keyOf(2)}"],"verdict":"rejected","reason":"wrong_arguments","note":"units missing"}`,
    );
    // Field order in memory does not matter.
    const shuffled = JSON.parse(line) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(shuffled).reverse());
    expect(serializeEvent(reordered as never)).toBe(line);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("seed %i: round-trips a generated log to the same events, bytes and state", (seed) => {
    const { events, state } = randomLog(seed, { steps: 200 });
    const text = serializeEventLog(events);
    const back = parsedEvents(text);
    expect(back).toEqual(events.map(canonicalEvent));
    expect(serializeEventLog(back)).toBe(text);
    expect(replay(back)).toEqual(state);
  });

  it("skips blank lines and accepts CRLF line ends and a BOM", () => {
    const text = `\uFEFF${good}\r\n\r\n${serializeEvent(f.accept([keyOf(2)]))}\r\n`;
    expect(parsedEvents(text)).toHaveLength(2);
  });

  it("reports which line is wrong and what is wrong with it", () => {
    const event = JSON.parse(good) as Record<string, unknown>;
    const lines = [
      good,
      "{not json",
      JSON.stringify({ ...event, id: "x2", keys: [keyOf(1), "ABC"] }),
      JSON.stringify({ ...event, id: "x3", reason: undefined }),
      JSON.stringify({ ...event, id: "x4", verdict: "accepted" }),
      JSON.stringify({ ...event, id: "x5", v: 2 }),
      JSON.stringify({ ...event, id: "x6", colour: "red" }),
      JSON.stringify({ ...event, id: "x7", kind: "shred" }),
      JSON.stringify({ ...event, id: "x8", at: "yesterday" }),
    ];
    const errors = errorsOf(lines.join("\n"));
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(errors[0]!.message).toMatch(/^not JSON/);
    expect(errors[1]!.message).toBe("keys[1]: must be a content hash: 16 lowercase hex digits");
    expect(errors[2]!.message).toMatch(/^reason: a rejected decision needs a reason/);
    expect(errors[3]!.message).toMatch(/^reason: /);
    expect(errors[4]!.message).toMatch(/^v: must be 1/);
    expect(errors[5]!.message).toMatch(/colour/);
    expect(errors[6]!.message).toMatch(/^kind: /);
    expect(errors[7]!.message).toBe("at: must be an ISO 8601 date-time");
    expect(formatLogErrors(errors)).toContain("line 3: keys[1]: must be a content hash");
  });

  it("rejects repeated ids and undo/redo that name no earlier undoable event", () => {
    const g = testFactory();
    const a = g.accept([keyOf(1)]);
    const undoA = g.undo(a.id);
    const lines = [a, undoA, { ...g.accept([keyOf(2)]), id: a.id }, g.undo("nowhere"), g.redo(undoA.id)].map(serializeEvent);
    const errors = errorsOf(lines.join("\n"));
    expect(errors).toEqual([
      { line: 3, message: `id "${a.id}" is used by an earlier event` },
      { line: 4, message: 'undo names "nowhere", which is not an earlier decision, note, restore or merge event' },
      { line: 5, message: `redo names "${undoA.id}", which is not an earlier decision, note, restore or merge event` },
    ]);
  });

  it("caps the reported errors but counts them all", () => {
    const parsed = parseEventLog(Array.from({ length: 120 }, () => "nope").join("\n"));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(50);
    expect(parsed.errorCount).toBe(120);
    expect(formatLogErrors(parsed.errors, parsed.errorCount)).toMatch(/… and 70 more$/);
  });
});
