import { describe, expect, it } from "vitest";
import { pythonTextLines, runPivotValidatorScript } from "./gymScript";
import { validateFirstError, validatePivotRow } from "./rowValidation";
import { type Row, cleanRow, fixtureRows, fixtureText } from "./testRows";

/** What `gym eval run +agent_name=NAME` does to rows without agent_ref (setdefault), as JSONL text. */
function withAgentRef(rows: Row[], name: string): string {
  return rows.map((row) => JSON.stringify({ agent_ref: { type: "responses_api_agents", name }, ...row }) + "\n").join("");
}

const SINGLE_STEP_AGENT = "single_step_tool_use_with_argument_comparison_agent";

describe("Gym fixture: single_step_example.jsonl (metadata: null, no agent_ref)", () => {
  const rows = fixtureRows("single_step_example.jsonl");

  it("fails on line 1 where the script fails: the missing agent_ref comes before metadata", () => {
    const result = runPivotValidatorScript(fixtureText("single_step_example.jsonl"));
    expect(result).toMatchObject({ exitCode: 1, stdout: "" });
    expect(result.stderr).toBe("validation failed: line 1: missing required key 'agent_ref'\n");
    expect(result.error).toMatchObject({ code: "required_key_missing", path: "agent_ref", line: 1 });
  });

  it("collects the metadata error too, and the ~20 model_dump() nulls as one warning", () => {
    const findings = validatePivotRow(rows[0], { line: 1 });
    expect(findings.filter((f) => f.severity === "error").map((f) => f.code)).toEqual(["required_key_missing", "metadata_null"]);
    expect(findings.filter((f) => f.severity === "warning").map((f) => f.code)).toEqual(["params_null_fields"]);
    expect(findings.every((f) => f.line === 1)).toBe(true);
  });

  it("with agent_ref filled in, stops at metadata: null", () => {
    const result = runPivotValidatorScript(withAgentRef(rows, SINGLE_STEP_AGENT));
    expect(result.stderr).toBe("validation failed: line 1: responses_create_params.metadata must be omitted or non-null\n");
  });

  it("passes and prints the script's summary once metadata is dropped", () => {
    const fixed = rows.map((row) => {
      const params = { ...(row.responses_create_params as Row) };
      delete params.metadata;
      return { ...row, responses_create_params: params };
    });
    const result = runPivotValidatorScript(withAgentRef(fixed, SINGLE_STEP_AGENT));
    // 5+5+14+20+11 = 55 input items; 14 tools on every row.
    expect(result.stdout).toBe(
      "rows: 5\nagent_ref:\n  single_step_tool_use_with_argument_comparison_agent: 5\nexpected_tool:\n" +
        "  authenticate_user: 1\n  check_seat_availability: 1\n  transfer_to_human_agents: 1\n" +
        "expected_action_split:\n  function_call: 3 (60.00%)\n  message: 2 (40.00%)\navg_input_items: 11.00\navg_tools: 14.00\n",
    );
  });
});

describe("Gym fixture: swe_pivot_example.jsonl (no tools key)", () => {
  const text = fixtureText("swe_pivot_example.jsonl");

  it("fails on line 1 by default, as the script does", () => {
    expect(runPivotValidatorScript(text).stderr).toBe("validation failed: line 1: responses_create_params.tools must be a list\n");
  });

  it("passes with allowMissingTools, with no findings at all", () => {
    const result = runPivotValidatorScript(text, { allowMissingTools: true });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      "rows: 5\nagent_ref:\n  swe_pivot_tool_simulation_agent: 5\nexpected_tool:\n  str_replace_editor: 3\n  execute_bash: 2\n" +
        "expected_action_split:\n  function_call: 5 (100.00%)\n  message: 0 (0.00%)\navg_input_items: 2.00\navg_tools: 0.00\n",
    );
    for (const row of fixtureRows("swe_pivot_example.jsonl")) expect(validatePivotRow(row, { allowMissingTools: true })).toEqual([]);
  });
});

describe("Gym fixture: single_step_parallel_example.jsonl (function_call_batch)", () => {
  const rows = fixtureRows("single_step_parallel_example.jsonl");
  const routed = withAgentRef(rows, "parallel_agent");

  it("as shipped, fails on the missing agent_ref first", () => {
    expect(runPivotValidatorScript(fixtureText("single_step_parallel_example.jsonl")).stderr).toBe(
      "validation failed: line 1: missing required key 'agent_ref'\n",
    );
  });

  it("is rejected by default for its batch, as the script rejects it", () => {
    expect(runPivotValidatorScript(routed).stderr).toBe("validation failed: line 1: unsupported expected_action type 'function_call_batch'\n");
  });

  it("is accepted with allowBatch, every call checked, as the verifier accepts it", () => {
    const result = runPivotValidatorScript(routed, { allowBatch: true });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      "rows: 5\nagent_ref:\n  parallel_agent: 5\nexpected_tool:\n  get_weather: 5\n  get_stock_price: 3\nexpected_action_split:\n" +
        "  function_call: 1 (20.00%)\n  message: 1 (20.00%)\n  function_call_batch: 3 (60.00%)\navg_input_items: 2.00\navg_tools: 1.20\n",
    );
    for (const row of rows) {
      const errors = validatePivotRow({ agent_ref: { type: "responses_api_agents", name: "p" }, ...row }, { allowBatch: true });
      expect(errors).toEqual([]);
    }
  });
});

describe("Gym fixture: terminal_multi_harness_example.jsonl", () => {
  it("fails where the script fails: the batch on line 4, or nothing with allowBatch", () => {
    const text = fixtureText("terminal_multi_harness_example.jsonl");
    expect(runPivotValidatorScript(text).stderr).toBe("validation failed: line 4: unsupported expected_action type 'function_call_batch'\n");
    expect(runPivotValidatorScript(text, { allowBatch: true }).exitCode).toBe(0);
  });
});

describe("script emulation", () => {
  const clean = JSON.stringify(cleanRow());

  it("reads lines like Python text mode: \\r\\n, \\r and \\n all end a line; blank lines count but are skipped", () => {
    expect([...pythonTextLines("a\r\nb\rc\n\nd")]).toEqual(["a\n", "b\n", "c\n", "\n", "d"]);
    const result = runPivotValidatorScript(`${clean}\r\n \u00a0\r\n{"x": 1,}\r\n`);
    expect(result.stderr).toBe(
      "validation failed: line 3: invalid JSON: Illegal trailing comma before end of object: line 1 column 8 (char 7)\n",
    );
  });

  it("reports a JSON error at the line's end, trailing newline included", () => {
    expect(runPivotValidatorScript('{"a": \n').stderr).toBe("validation failed: line 1: invalid JSON: Expecting value: line 2 column 1 (char 7)\n");
  });

  it("fails an empty file with the path the script was given", () => {
    expect(runPivotValidatorScript("\n  \n", { path: "data/pivots.jsonl" }).stderr).toBe("validation failed: data/pivots.jsonl contains no JSONL rows\n");
  });

  it("passes the flags through: --agent-ref and --no-check-tool-names", () => {
    expect(runPivotValidatorScript(clean, { expectedAgentName: "other" }).stderr).toBe(
      "validation failed: line 1: agent_ref.name 'weather_agent' does not match expected 'other'\n",
    );
    const unknownTool = clean.replace('"name":"get_weather","arguments"', '"name":"get_forecast","arguments"');
    expect(runPivotValidatorScript(unknownTool).exitCode).toBe(1);
    expect(runPivotValidatorScript(unknownTool, { checkToolNames: false }).exitCode).toBe(0);
  });

  it("prints a row's value as Python's json.loads read it: 1.0 a float, -0 an int, big ints whole, dict keys in order", () => {
    // Each expected text is what the script printed for the same line (python3 validate_pivot_dataset.py).
    const withChoice = (raw: string) => clean.replace('"tool_choice":"auto"', `"tool_choice":${raw}`);
    const cases: [string, string][] = [
      ["1.0", "1.0"],
      ["1e5", "100000.0"],
      ["-0", "0"],
      ["-0.0", "-0.0"],
      ["1180591620717411303424", "1180591620717411303424"],
      ["9007199254740993", "9007199254740993"],
      ["[1.0, 2]", "[1.0, 2]"],
      ['{"b": 1.0, "1": NaN, "b": 2}', "{'b': 2, '1': nan}"],
    ];
    for (const [raw, repr] of cases) {
      expect(runPivotValidatorScript(withChoice(raw)).stderr).toBe(`validation failed: line 1: responses_create_params.tool_choice should be 'auto', found ${repr}\n`);
    }
    const typed = clean.replace('"type":"function_call","name":"get_weather"', '"type":2.50,"name":"get_weather"');
    expect(runPivotValidatorScript(typed).stderr).toBe("validation failed: line 1: unsupported expected_action type 2.5\n");
    expect(runPivotValidatorScript(clean.replace('"type":"function_call","name":"get_weather"', '"type":3.0,"name":"get_weather"')).stderr).toBe(
      "validation failed: line 1: unsupported expected_action type 3.0\n",
    );
  });

  it("with gymModels (like --gym-repo), request-model errors stop the run before the tool-name check", () => {
    const row = JSON.parse(clean.replace('"name":"get_weather","arguments"', '"name":"get_forecast","arguments"')) as Row;
    (row.responses_create_params as Row).seed = 1;
    expect(validateFirstError(row)?.code).toBe("expected_tool_not_in_tools");
    expect(validateFirstError(row, { gymModels: true })?.code).toBe("params_unknown_key");
  });
});
