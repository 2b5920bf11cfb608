import { isObject, type JsonObject } from "./json";

/**
 * Gym's `expected_action` union (common/verification_utils.py), read loosely as pydantic does (extra keys allowed):
 * a `function_call` with `name` (a string) and `arguments`, a `function_call_batch` whose `calls` all have a string
 * `name`, a `message` with `content`, or — image_tools pivots (spec §11.2) — an untyped `{name, arguments}` call,
 * shown as a function call. Checked by hand, not with a schema library: the export's worker threads summarize
 * every kept row and need not load one. `expectedAction.test.ts` holds it to the same answers as that union
 * written as a zod schema.
 */

export type ActionType = "function_call" | "function_call_batch" | "message" | "other";

/** What a decision point's action is, in the terms the table and metrics use. */
export interface ActionSummary {
  actionType: ActionType;
  /** Tool names in call order: one for a call, several for a batch, none for a message. */
  toolNames: string[];
}

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

export function summarizeExpectedAction(value: unknown): ActionSummary {
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
