/**
 * `summarizeExpectedAction` (lib/formats/expectedAction.ts) without zod: the same summary of any value, by hand.
 * The export summarizes every kept row, in worker threads that then need not load zod (a large share of their
 * start-up) nor run a schema union per row. `actionSummary.test.ts` holds the two to the same answers.
 */
import type { ActionSummary } from "../formats/expectedAction";
import { isObject, type JsonObject } from "../formats/json";

const other = (): ActionSummary => ({ actionType: "other", toolNames: [] });

/** As zod's `looseObject` checks a shape: an object (not an array) with every key present (`in`, like zod). */
function hasKeys(value: unknown, keys: readonly string[]): value is JsonObject {
  return isObject(value) && keys.every((k) => k in value);
}

const isNamed = (call: unknown): call is JsonObject & { name: string } => hasKeys(call, ["name"]) && typeof call.name === "string";

/** The calls' names, or null unless every element (holes too, as zod reads them) is a named call. */
function callNames(calls: readonly unknown[]): string[] | null {
  const names: string[] = [];
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i];
    if (!isNamed(call)) return null;
    names.push(call.name);
  }
  return names;
}

export function actionSummary(value: unknown): ActionSummary {
  if (!hasKeys(value, ["type"])) return other();
  switch (value.type) {
    case "function_call":
      return hasKeys(value, ["name", "arguments"]) && typeof value.name === "string" ? { actionType: "function_call", toolNames: [value.name] } : other();
    case "function_call_batch": {
      const names = "calls" in value && Array.isArray(value.calls) ? callNames(value.calls) : null;
      return names ? { actionType: "function_call_batch", toolNames: names } : other();
    }
    case "message":
      return "content" in value ? { actionType: "message", toolNames: [] } : other();
    case undefined:
      // The schema's untyped call: zod wants the `type` key present (and undefined), so a parsed row's call
      // without `type` is "other" there, and here.
      return isNamed(value) ? { actionType: "function_call", toolNames: [value.name] } : other();
    default:
      return other();
  }
}
