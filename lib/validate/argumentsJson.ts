/**
 * `JSON.parse` of a function call's `arguments` text, shared by the checks that read it: the script's rules
 * (is it JSON?) and the beyond-Gym checks (does it fit the tool's schema? does it repeat the last call?) run one
 * after the other on the same row, so the last text and its value are kept and a repeat costs a comparison.
 */
export const NOT_JSON: unique symbol = Symbol("not JSON");

let lastText: string | null = null;
let lastValue: unknown = NOT_JSON;

/** The value of `text` as `JSON.parse` reads it, or NOT_JSON for a non-string or a text it rejects. Read-only. */
export function parseArguments(text: unknown): unknown {
  if (typeof text !== "string") return NOT_JSON;
  if (text === lastText) return lastValue;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = NOT_JSON;
  }
  lastText = text;
  lastValue = value;
  return value;
}
