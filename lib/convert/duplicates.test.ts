import { createXXHash64 } from "hash-wasm";
import { describe, expect, it } from "vitest";
import { CanonicalWriter, sameJson } from "./canonicalBytes";
import { DuplicateIndex, LINK_BYTES, duplicateKey } from "./duplicates";
import type { ExpectedAction, InputItem, PivotTool } from "./pivotRow";
import { prng } from "../testing/prng";

/** The definition, as JSON text: items without top-level id / status, string call ids by order of appearance. */
function reference(input: readonly InputItem[], tools: readonly PivotTool[], action: ExpectedAction): string {
  const order = new Map<string, number>();
  const items = input.map((item) => {
    const { id: _id, status: _status, ...rest } = item;
    if (typeof rest.call_id === "string") {
      if (!order.has(rest.call_id)) order.set(rest.call_id, order.size);
      rest.call_id = order.get(rest.call_id);
    }
    return rest;
  });
  return JSON.stringify([items, tools, action]);
}

function bytesOf(v: unknown): string {
  const w = new CanonicalWriter();
  w.value(v);
  return Array.from(w.written()).join(",");
}

const STRINGS = ["", "a", "b", "ab", "é", "日本", "\ud800", "\udc00", "\ufffd", '"', "\\", "\n", "x".repeat(70), "y".repeat(70) + "é"];
const NUMBERS = [0, -0, 1, -1, 0.5, 1e21, 2 ** 53, 1 / 3];

function randomValue(random: () => number, depth = 0): unknown {
  const r = random();
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  if (depth > 2 || r < 0.45) return pick<unknown>([...STRINGS, ...NUMBERS, true, false, null, undefined]);
  const n = Math.floor(random() * 3);
  if (r < 0.7) return Array.from({ length: n }, () => randomValue(random, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) o[pick(["a", "b", "c", "1", "é"])] = randomValue(random, depth + 1);
  return o;
}

describe("canonical bytes", () => {
  it("are equal exactly when JSON.stringify writes the same text", () => {
    const random = prng(3);
    const values = Array.from({ length: 400 }, () => randomValue(random)).filter((v) => v !== undefined);
    const encoded = values.map((v) => ({ v, bytes: bytesOf(v), json: JSON.stringify(v) }));
    for (const a of encoded) {
      for (const b of encoded) {
        if ((a.bytes === b.bytes) !== (a.json === b.json)) expect.fail(`${a.json} vs ${b.json}`);
        if (sameJson(a.v, b.v) && a.bytes !== b.bytes) expect.fail(`sameJson(${a.json}, ${b.json})`);
      }
    }
  });

  it("tell key order, lone surrogates and types apart", () => {
    expect(bytesOf({ a: 1, b: 2 })).not.toBe(bytesOf({ b: 2, a: 1 }));
    expect(bytesOf("\ud800")).not.toBe(bytesOf("\ufffd"));
    expect(bytesOf("1")).not.toBe(bytesOf(1));
    expect(bytesOf(["a", "b"])).not.toBe(bytesOf(["ab"]));
    expect(bytesOf({ a: undefined, b: 1 })).toBe(bytesOf({ b: 1 }));
    expect(bytesOf([undefined])).toBe(bytesOf([null]));
    expect(bytesOf(-0)).toBe(bytesOf(0));
  });
});

describe("duplicate keys", async () => {
  const hasher = await createXXHash64(0, 0);
  const hash = (bytes: Uint8Array) => {
    hasher.init();
    hasher.update(bytes);
    return hasher.digest("hex");
  };
  const index = () => new DuplicateIndex(hash);
  const fc = (callId: string, name: string, id?: string): InputItem => ({ type: "function_call", call_id: callId, name, arguments: "{}", ...(id ? { id } : {}), status: "completed" });
  const out = (callId: string, output: string): InputItem => ({ type: "function_call_output", call_id: callId, output });
  const user = (content: string): InputItem => ({ type: "message", role: "user", content });
  const tool = (name: string, description = "d"): PivotTool => ({ type: "function", name, description, parameters: { type: "object" }, strict: true });
  const call: ExpectedAction = { type: "function_call", name: "f", arguments: "{}" };

  it("follow the definition: ids and call ids do not matter, their pattern does", () => {
    const cases: [InputItem[], PivotTool[], ExpectedAction][] = [
      [[user("hi"), fc("c1", "f", "fc_1"), out("c1", "ok")], [tool("f")], call],
      [[user("hi"), fc("zz", "f", "fc_9"), out("zz", "ok")], [tool("f")], call],
      [[user("hi"), fc("c1", "f"), out("c2", "ok")], [tool("f")], call],
      [[user("hi"), fc("c1", "f"), out("c1", "ok")], [tool("f", "other")], call],
      [[user("hi"), fc("c1", "f"), out("c1", "ok")], [tool("f")], { type: "message", content: "done" }],
      [[user("hi"), fc("c1", "f"), out("c1", "ok")], [], call],
      [[user("hi")], [tool("f")], call],
      [[user("hi"), user("hi")], [tool("f")], call],
      [[{ ...user("hi"), id: "m1" }], [tool("f")], call],
      [[{ role: "user", type: "message", content: "hi" }], [tool("f")], call],
    ];
    const key = ([input, tools, action]: (typeof cases)[number]) => duplicateKey(index(), tools, input, action);
    for (const a of cases) {
      for (const b of cases) {
        const same = key(a) === key(b);
        expect(same, `${reference(...a)} vs ${reference(...b)}`).toBe(reference(...a) === reference(...b));
      }
    }
  });

  it("are the same computed incrementally, along a row's growing prefixes, as for each prefix alone", () => {
    const items = [user("hi"), fc("a", "f"), out("a", "1"), fc("b", "f"), out("b", "2"), user("more")];
    const tools = [tool("f")];
    const keys = index().forRow(tools);
    for (const n of [1, 3, 3, 5, 6]) expect(keys.key(items.slice(0, n), call)).toBe(duplicateKey(index(), tools, items.slice(0, n), call));
  });

  it("follow the definition across links: prefixes of items big and small, made along rows or alone", () => {
    const random = prng(11);
    // Few distinct items, so that rows often share prefixes; sizes around a link's, so links fall anywhere.
    const pool = [user("a"), user("a".repeat(LINK_BYTES - 30)), user("b".repeat(3 * LINK_BYTES)), fc("c1", "f"), out("c1", "x".repeat(LINK_BYTES)), out("c1", "ok")];
    const pick = () => pool[Math.floor(random() * pool.length)]!;
    const rows = Array.from({ length: 80 }, () => Array.from({ length: 1 + Math.floor(random() * 6) }, pick));
    const tools = [tool("f")];
    const idx = index();
    const seen = new Map<string, string>();
    let made = 0;
    for (const row of rows) {
      const keys = idx.forRow(tools);
      for (let n = 1; n <= row.length; n++) {
        const prefix = row.slice(0, n);
        const key = keys.key(prefix, call);
        const ref = reference(prefix, tools, call);
        const before = seen.get(key);
        if (before !== undefined) expect(before).toBe(ref);
        seen.set(key, ref);
        if (n === row.length) expect(duplicateKey(index(), tools, prefix, call)).toBe(key);
        made++;
      }
    }
    expect(new Set(seen.values()).size).toBe(seen.size);
    expect(seen.size).toBeLessThan(made * 0.8); // some prefixes were met more than once
  });

  it("are made one row at a time", () => {
    const idx = index();
    const first = idx.forRow([tool("f")]);
    idx.forRow([tool("f")]);
    expect(() => first.key([user("hi")], call)).toThrow(/another row/);
  });

  it("reuse the previous row's tools key only for equal tools", () => {
    const idx = index();
    const items = [user("hi")];
    const a = idx.forRow([tool("f")]).key(items, call);
    expect(idx.forRow([tool("f")]).key(items, call)).toBe(a);
    expect(idx.forRow([tool("f", "changed")]).key(items, call)).not.toBe(a);
    expect(idx.forRow([tool("f")]).key(items, call)).toBe(a);
  });
});
