/** Test support: a pivot row every layer accepts, copies of it with one thing changed, fixtures, rule tables. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Finding, type FindingCode } from "./finding";
import { type GymRuleOptions } from "./gymRules";

export type Row = Record<string, unknown>;

export function cleanRow(): Row {
  return {
    responses_create_params: {
      input: [
        { role: "system", content: "You are a weather assistant." },
        { type: "message", role: "user", content: "Weather in Paris, in celsius?" },
      ],
      tools: [
        {
          type: "function",
          name: "get_weather",
          description: "Current weather for one city.",
          parameters: {
            type: "object",
            properties: { city: { type: "string" }, units: { type: "string", enum: ["c", "f"] } },
            required: ["city"],
            additionalProperties: false,
          },
          strict: true,
        },
      ],
      parallel_tool_calls: false,
      tool_choice: "auto",
    },
    expected_action: { type: "function_call", name: "get_weather", arguments: '{"city": "Paris", "units": "c"}' },
    agent_ref: { type: "responses_api_agents", name: "weather_agent" },
  };
}

function segments(p: string): (string | number)[] {
  return p
    .split(".")
    .flatMap((part) => part.split(/\[(\d+)\]/).filter((s) => s !== ""))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function parentOf(row: Row, p: string): [Record<string | number, unknown>, string | number] {
  const keys = segments(p);
  const last = keys.pop();
  if (last === undefined) throw new Error("empty path");
  let node: unknown = row;
  for (const key of keys) node = (node as Record<string | number, unknown>)[key];
  return [node as Record<string | number, unknown>, last];
}

/** A clean row (or `row`) with the value at a path like `responses_create_params.input[1].role` replaced. */
export function withValue(p: string, value: unknown, row: Row = cleanRow()): Row {
  const [parent, key] = parentOf(row, p);
  parent[key] = value;
  return row;
}

/** A clean row (or `row`) with the key at `p` removed. */
export function without(p: string, row: Row = cleanRow()): Row {
  const [parent, key] = parentOf(row, p);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return row;
}

/** Rows of a Gym fixture in ../shared, read from disk (never copied into the repo). */
export function fixtureText(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, "../../../shared/fixtures/nemo-gym", name), "utf8");
}

export function fixtureRows(name: string): Row[] {
  return fixtureText(name)
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Row);
}

/** One script rule: a row it rejects (first finding, exact wording) and rows it must accept. */
export interface RuleCase {
  code: FindingCode;
  name: string;
  fail: () => unknown;
  path: string;
  /** validate_pivot_dataset.py's wording, after its "line N: " prefix. */
  message: string;
  pass: (() => Row)[];
  options?: GymRuleOptions;
}

export function describeRuleCases(cases: RuleCase[], check: (row: unknown, options?: GymRuleOptions) => Finding[]): void {
  describe.each(cases)("$code: $name", ({ code, fail, path, message, pass, options }) => {
    it("fails with the script's wording at the right path", () => {
      expect(check(fail(), options)[0]).toEqual({ code, severity: "error", path, message });
    });
    it("passes the accepted variants", () => {
      for (const row of pass) expect(check(row(), options).map((f) => f.code)).not.toContain(code);
    });
  });
}
