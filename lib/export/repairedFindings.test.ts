import { beforeAll, describe, expect, it } from "vitest";
import { createRowHasher, type RowHasher } from "../jsonl/rowHash";
import { validatePivotRow } from "../validate";
import { cleanRow, withValue, without, type Row } from "../validate/testRows";
import { uniformDecisions } from "./decisions";
import { exportBundle } from "./exportBundle";
import { REPAIRED_FINDING_CODES, REPAIRED_MISSING_KEY } from "./repairedFindings";
import { memorySink } from "./sink";

const AGENT = "repair_check_agent";
let hasher: RowHasher;
beforeAll(async () => {
  hasher = await createRowHasher();
});

/** A row with each problem alone; the app's validation (with an expected agent name) flags it as an error. */
const broken: Record<(typeof REPAIRED_FINDING_CODES)[number], Row> = {
  metadata_null: withValue("responses_create_params.metadata", null),
  tool_choice_not_auto: withValue("responses_create_params.tool_choice", "required"),
  agent_ref_not_object: withValue("agent_ref", "someone"),
  agent_ref_type_invalid: withValue("agent_ref.type", "other"),
  agent_ref_name_invalid: withValue("agent_ref.name", ""),
  agent_ref_name_mismatch: withValue("agent_ref.name", "another_agent"),
  function_call_arguments_not_string: withValue("expected_action.arguments", { city: "Paris" }),
};

async function exportOne(row: Row) {
  const text = JSON.stringify(row);
  const request = {
    rows: async function* () {
      yield { file: "one.jsonl", line: 1, text, hash: hasher(new TextEncoder().encode(text)) };
    },
    decisions: uniformDecisions("accepted"),
    decisionLogDigest: "none",
    inputs: [{ name: "one.jsonl", size: text.length, sha256: "00".repeat(32) }],
    appVersion: "test",
  };
  return exportBundle(request, { agentName: AGENT }, memorySink());
}

describe("the findings the on-screen audit leaves out are the ones the export repairs", () => {
  it("starts from a clean row", async () => {
    expect(validatePivotRow(cleanRow(), { expectedAgentName: AGENT }).filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["agent_ref_name_mismatch"]);
    expect((await exportOne(cleanRow())).status).toBe("written");
  });

  for (const code of REPAIRED_FINDING_CODES) {
    it(`${code}: an error on load, repaired on export`, async () => {
      const row = broken[code];
      expect(validatePivotRow(row, { expectedAgentName: AGENT }).filter((f) => f.severity === "error").map((f) => f.code)).toContain(code);
      const result = await exportOne(row);
      expect(result.status).toBe("written");
      expect(result.counts).toMatchObject({ exported: 1, repairedRows: 1 });
    });
  }

  it(`required_key_missing at ${REPAIRED_MISSING_KEY}: the export writes agent_ref`, async () => {
    const row = without(REPAIRED_MISSING_KEY);
    expect(validatePivotRow(row).map((f) => [f.code, f.path])).toContainEqual(["required_key_missing", REPAIRED_MISSING_KEY]);
    expect((await exportOne(row)).status).toBe("written");
  });

  it("a multi-call batch is not repaired (batch export off): it is an error the audit keeps", async () => {
    const row = withValue("expected_action", { type: "function_call_batch", calls: [cleanRow().expected_action, cleanRow().expected_action] });
    expect(validatePivotRow(row).map((f) => f.code)).toContain("expected_action_type_unsupported");
    expect((await exportOne(row)).status).toBe("refused");
  });
});
