import { describe, expect, it } from "vitest";
import { addPivotRow, createPivotSummary, formatPivotSummary, summarizePivotRows } from "./gymSummary";
import { type Row, cleanRow, withValue } from "./testRows";

const agent = (name: string, row: Row = cleanRow()) => withValue("agent_ref.name", name, row);
const tool = (name: string) => ({ type: "function", name, parameters: null, strict: true });
const message = (row: Row = cleanRow()) => withValue("expected_action", { type: "message", content: "Anything else?" }, row);

describe("validate_pivot_dataset.py summary", () => {
  it("prints the script's format on a small clean set", () => {
    // 3 rows with 2+3+2 = 7 input items (avg 2.33) and 1+1+3 = 5 tools (avg 1.67).
    const threeItems = withValue("responses_create_params.input[2]", { role: "assistant", content: "Which units?" });
    const threeTools = withValue("responses_create_params.tools", [tool("get_weather"), tool("b_tool"), tool("a_tool")]);
    const rows = [agent("weather_agent"), message(agent("b_agent", threeItems)), agent("weather_agent", threeTools)];
    expect(formatPivotSummary(summarizePivotRows(rows))).toBe(
      [
        "rows: 3",
        "agent_ref:",
        "  weather_agent: 2",
        "  b_agent: 1",
        "expected_tool:",
        "  get_weather: 2",
        "expected_action_split:",
        "  function_call: 2 (66.67%)",
        "  message: 1 (33.33%)",
        "avg_input_items: 2.33",
        "avg_tools: 1.67",
        "",
      ].join("\n"),
    );
  });

  it("breaks count ties by name in code-point order and omits empty sections", () => {
    const rows = ["é_agent", "z_agent", "😀_agent", "\uffff_agent"].map((name) => message(agent(name)));
    const text = formatPivotSummary(summarizePivotRows(rows));
    expect(text).toContain("agent_ref:\n  z_agent: 1\n  é_agent: 1\n  \uffff_agent: 1\n  😀_agent: 1\nexpected_action_split:");
    expect(text).not.toContain("expected_tool:");
    expect(text).toContain("  function_call: 0 (0.00%)\n  message: 4 (100.00%)\n");
  });

  it("rounds averages half-to-even like Python (9 items over 8 rows is 1.12, not toFixed's 1.13)", () => {
    const summary = createPivotSummary();
    for (let i = 0; i < 8; i++) {
      const row = withValue("responses_create_params.input", i === 0 ? [{ role: "user", content: "a" }, { role: "user", content: "b" }] : [{ role: "user", content: "a" }]);
      addPivotRow(summary, withValue("responses_create_params.tools", i === 0 ? [tool("get_weather")] : [], row));
    }
    const text = formatPivotSummary(summary);
    expect(text).toContain("avg_input_items: 1.12\n");
    expect(text).toContain("avg_tools: 0.12\n");
    expect(text).toContain("function_call: 8 (100.00%)");
  });

  it("counts a missing tools key as zero tools and adds a batch line only when batches were admitted", () => {
    const noTools = cleanRow();
    delete (noTools.responses_create_params as Row).tools;
    const batch = withValue("expected_action", {
      type: "function_call_batch",
      calls: [
        { type: "function_call", name: "get_weather", arguments: "{}" },
        { type: "function_call", name: "get_weather", arguments: "{}" },
      ],
    });
    const text = formatPivotSummary(summarizePivotRows([noTools, batch]));
    expect(text).toContain("expected_tool:\n  get_weather: 3\n");
    expect(text).toContain("  message: 0 (0.00%)\n  function_call_batch: 1 (50.00%)\navg_input_items: 2.00\navg_tools: 0.50\n");
  });

  it("refuses to format zero rows, which the script never prints", () => {
    expect(() => formatPivotSummary(createPivotSummary())).toThrow(RangeError);
  });
});
