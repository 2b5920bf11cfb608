import { describe, expect, it } from "vitest";
import { gymFormatsSpec } from "../testing/fixtures";
import { isStepRewardCategory, StepRewardCategory, stepRewardCategoryName } from "./categories";

describe("StepRewardCategory", () => {
  it("serializes every enum member to the exact string of the spec's table (§4.5, from Gym's enum)", () => {
    const spec = gymFormatsSpec();
    const section = spec.slice(spec.indexOf("### 4.5 `StepRewardCategory`"), spec.indexOf("### 4.6"));
    const table = Object.fromEntries([...section.matchAll(/^\| `([A-Z_]+)` \| "([^"]+)" \|$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(table)).toHaveLength(13);
    expect(StepRewardCategory).toEqual(table);
  });

  it("maps a rollout's category string back to its enum name", () => {
    expect(stepRewardCategoryName("A chat message was found as expected")).toBe("EXPECTED_CHAT_MESSAGE_FOUND");
    expect(stepRewardCategoryName(StepRewardCategory.FUNCTION_CALL_BATCH_LENGTH_DIFFERENT)).toBe(
      "FUNCTION_CALL_BATCH_LENGTH_DIFFERENT",
    );
  });

  it("does not recognise other servers' strings, enum names, or near misses", () => {
    // terminal_multi_harness writes this; it is not a single-step category.
    expect(stepRewardCategoryName("A chat message that matches the expected message was found")).toBeUndefined();
    expect(stepRewardCategoryName("NO_ACTION_FOUND")).toBeUndefined();
    expect(isStepRewardCategory("a chat message was found as expected")).toBe(false);
    expect(isStepRewardCategory("A chat message was found as expected")).toBe(true);
  });
});
