import { describe, expect, it } from "vitest";
import { createEventFactory } from "./events";
import { FILE, keys } from "./testLogs";

describe("event factory", () => {
  const f = createEventFactory({ file: FILE, reviewer: "  alice " });

  it("stamps events with a random id, the time, the file and the trimmed reviewer", () => {
    const a = f.accept(keys(1));
    const b = f.accept(keys(1));
    expect(a.id).toMatch(/^[0-9a-f]{24}$/);
    expect(a.id).not.toBe(b.id);
    expect(a).toMatchObject({ v: 1, kind: "decide", file: FILE, reviewer: "alice", verdict: "accepted" });
    expect(new Date(a.at).toISOString()).toBe(a.at);
    expect(a).not.toHaveProperty("note");
  });

  it("de-duplicates keys and refuses empty bulks, bad reason codes and a missing reviewer", () => {
    const [k1, k2] = keys(2) as [string, string];
    expect(f.reject([k1, k2, k1], "duplicate").keys).toEqual([k1, k2]);
    expect(() => f.accept([])).toThrow(/at least one row/);
    expect(() => f.reject([k1], "Not A Code")).toThrow(/reason code/);
    expect(() => createEventFactory({ file: FILE, reviewer: " " })).toThrow(/reviewer/);
  });
});
