import { describe, expect, it } from "vitest";
import { isObject, type JsonObject } from "../formats/json";
import { prng } from "../testing/prng";
import { idText, PROVENANCE_FIELD_NAMES, PROVENANCE_FIELDS, provenanceKeys, rewardGroup, rowFacts } from "./rowFacts";

// The reference: each field searched for on its own, level by level (what `rowFacts` does in one walk).
const MAX_DEPTH = 3;

/** The provenance as levels for a breadth-first search: its top-level keys, then the objects nested in them. */
function provenanceLevels(row: JsonObject): JsonObject[][] {
  const levels: JsonObject[][] = [];
  let level: JsonObject[] = [Object.fromEntries(provenanceKeys(row).map((k) => [k, row[k]]))];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    levels.push(level);
    level = level.flatMap((obj) => Object.values(obj).filter(isObject));
  }
  return levels;
}

function findIn(levels: readonly JsonObject[][], aliases: readonly string[]): unknown {
  for (const level of levels) {
    for (const obj of level) {
      for (const alias of aliases) {
        const v = Object.prototype.hasOwnProperty.call(obj, alias) ? obj[alias] : undefined;
        if (v !== undefined && v !== null) return v;
      }
    }
  }
  return undefined;
}

/** The first non-null value under any of `aliases`, searched breadth-first through the provenance. */
function findProvenance(row: JsonObject, aliases: readonly string[]): unknown {
  return findIn(provenanceLevels(row), aliases);
}

const ALIASES = [...PROVENANCE_FIELD_NAMES.flatMap((f) => PROVENANCE_FIELDS[f]), "source_row_hash"];

/** A row whose provenance nests aliases (some null, some repeated at several depths) in random places. */
function randomRow(random: () => number): JsonObject {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const value = (depth: number): unknown => {
    const r = random();
    if (depth < 4 && r < 0.3) return object(depth + 1);
    if (r < 0.4) return null;
    if (r < 0.5) return [1, { turn: 9 }];
    if (r < 0.7) return Math.floor(random() * 5) - 1;
    if (r < 0.8) return random() < 0.5 ? "" : `id${Math.floor(random() * 9)}`;
    return random() * 2;
  };
  const object = (depth: number): JsonObject => {
    const out: JsonObject = {};
    const n = Math.floor(random() * 5);
    for (let i = 0; i < n; i++) out[random() < 0.6 ? pick(ALIASES) : pick(["info", "meta", "x", "7", "expected_action"])] = value(depth);
    return out;
  };
  return { responses_create_params: { input: [] }, expected_action: { turn: 5 }, ...object(0) };
}

describe("rowFacts", () => {
  it("finds each field as findProvenance does: breadth-first, then by key order, then by alias order", () => {
    const random = prng(7);
    for (let i = 0; i < 3000; i++) {
      const row = randomRow(random);
      const find = (field: keyof typeof PROVENANCE_FIELDS) => findProvenance(row, PROVENANCE_FIELDS[field]);
      const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : null);
      expect(rowFacts(row), JSON.stringify(row)).toEqual({
        trajectoryId: idText(find("trajectory_id")),
        taskId: idText(find("task_id")),
        turn: int(find("turn")),
        step: int(find("step")),
        depth: int(find("depth")),
        rewardGroup: rewardGroup(find("source_reward")),
        sourceRow: idText(findProvenance(row, ["source_row_hash"])),
        present: PROVENANCE_FIELD_NAMES.filter((f) => find(f) !== undefined),
      });
    }
  });

  it("reads our conversion's provenance: its source reward, and its source trajectory's row (not a coverage field)", () => {
    const row = { responses_create_params: {}, provenance: { source_reward: 0, source_row_hash: "ab12", turn: 1 } };
    expect(rowFacts(row)).toMatchObject({ rewardGroup: "all_fail", sourceRow: "ab12", present: ["source_reward", "turn"] });
  });

  it("reads a __proto__ key as a key", () => {
    const row = JSON.parse('{"__proto__": {"turn": 3}, "info": {"step": 2}, "responses_create_params": {}}') as JsonObject;
    expect(rowFacts(row)).toMatchObject({ turn: 3, step: 2, present: ["turn", "step"] });
  });
});
