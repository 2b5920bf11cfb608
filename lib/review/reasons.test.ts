import { describe, expect, it } from "vitest";
import { DEFAULT_REASONS, InvalidReasonCodeError, reasonForDigit, reasonLabel, withCustomReasons } from "./reasons";

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
});
