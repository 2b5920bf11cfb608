import { describe, expect, it } from "vitest";
import { createEventFactory } from "./events";
import {
  DEFAULT_REASONS,
  InvalidReasonCodeError,
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

describe("reason codes", () => {
  it("maps digits 1–9 then 0 onto the ten defaults", () => {
    expect(DEFAULT_REASONS).toHaveLength(10);
    expect(reasonForDigit(DEFAULT_REASONS, "1")?.code).toBe("wrong_tool");
    expect(reasonForDigit(DEFAULT_REASONS, "9")?.code).toBe("too_hard");
    expect(reasonForDigit(DEFAULT_REASONS, "0")?.code).toBe("other");
    expect(reasonForDigit(DEFAULT_REASONS, "x")).toBeUndefined();
  });

  it("lets the user add and relabel codes, but only snake_case ones", () => {
    const reasons = withCustomReasons([
      { code: "pii_leak", label: "Leaks PII" },
      { code: "other", label: "Something else" },
    ]);
    expect(reasons.map((r) => r.code)).toEqual([...DEFAULT_REASONS.map((r) => r.code), "pii_leak"]);
    expect(reasonLabel(reasons, "other")).toBe("Something else");
    expect(reasonLabel(reasons, "from_a_colleague")).toBe("from_a_colleague");
    expect(() => withCustomReasons([{ code: "Bad Code", label: "x" }])).toThrow(InvalidReasonCodeError);
  });

  it("pages the digits ten reasons at a time, so an eleventh reason is r, r, 1", () => {
    const reasons = withCustomReasons([
      { code: "pii_leak", label: "Leaks PII" },
      { code: "off_topic", label: "Off topic" },
    ]);
    expect(reasonPageCount(DEFAULT_REASONS)).toBe(1);
    expect(reasonPageCount(reasons)).toBe(2);
    expect(reasonForDigit(reasons, "1", 1)?.code).toBe("pii_leak");
    expect(reasonForDigit(reasons, "2", 1)?.code).toBe("off_topic");
    expect(reasonForDigit(reasons, "3", 1)).toBeUndefined();
    expect([0, 8, 9, 10, 11].map(digitForIndex)).toEqual(["1", "9", "0", "1", "2"]);
    expect(reasonPageCount([])).toBe(1);
  });

  it("derives a code from the name the user types, or none when it has no letter or digit", () => {
    expect(reasonCodeFor("Leaks PII!")).toBe("leaks_pii");
    expect(reasonCodeFor("  Réponse  trop   longue ")).toBe("reponse_trop_longue");
    expect(reasonCodeFor("3rd-party tool")).toBe("r_3rd_party_tool");
    expect(reasonCodeFor("?!")).toBeNull();
    expect(reasonCodeFor("x".repeat(100))).toHaveLength(64);
    for (const label of ["a", "Z z", "__a__", "a".repeat(63) + " b"]) expect(reasonCodeFor(label)).toMatch(/^[a-z][a-z0-9_]{0,63}$/);
  });

  it("lists codes a log uses but this browser does not know, labelled from the code", () => {
    const f = createEventFactory({ file: "fp1:x", reviewer: "bob", newId: () => "e1" });
    const events = [
      f.reject(["0000000000000001"], "pii_leak"),
      f.accept(["0000000000000002"]),
      f.merge([{ key: "0000000000000003", verdict: "rejected", reason: "from_bob", reviewer: "bob", at: "2026-01-01T00:00:00.000Z" }]),
      f.reject(["0000000000000004"], "duplicate"),
    ];
    expect([...reasonCodesIn(events)].sort()).toEqual(["duplicate", "from_bob", "pii_leak"]);
    const list = withReasonsInUse(DEFAULT_REASONS, reasonCodesIn(events));
    expect(list.slice(10)).toEqual([
      { code: "from_bob", label: "From bob" },
      { code: "pii_leak", label: "Pii leak" },
    ]);
    expect(labelForCode("a__b_")).toBe("A b");
  });

  it("reads stored custom reasons tolerantly", () => {
    expect(parseCustomReasons(null)).toEqual([]);
    expect(parseCustomReasons("{not json")).toEqual([]);
    expect(parseCustomReasons('{"code":"x"}')).toEqual([]);
    expect(parseCustomReasons('[{"code":"pii_leak","label":" Leaks PII "},{"code":"Bad Code","label":"x"},7,{"code":"pii_leak","label":"again"},{"code":"no_label"}]')).toEqual([
      { code: "pii_leak", label: "Leaks PII" },
      { code: "no_label", label: "no_label" },
    ]);
  });
});
