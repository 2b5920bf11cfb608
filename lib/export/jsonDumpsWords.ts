/** Word counts of Python's `json.dumps` output (Gym's `json_dumped_number_of_words`), without building the text. */
import { isObject } from "../formats/json";

/**
 * Words of Python's `json.dumps(value)` split on whitespace. Python escapes every control and non-ASCII
 * character, so only literal spaces split: the `", "` and `": "` separators and spaces inside strings. Each run
 * of spaces in the dump is followed by more text, so the words are one more than the runs.
 */
export function jsonDumpsWordCount(value: unknown): number {
  return 1 + spaceRuns(value);
}

/** Runs of spaces in `json.dumps(value)`: one per separator, plus those inside its strings (keys too). */
export function spaceRuns(value: unknown): number {
  if (typeof value === "string") return stringSpaceRuns(value);
  if (Array.isArray(value)) {
    let runs = value.length > 0 ? value.length - 1 : 0; // ", "
    for (const item of value) runs += spaceRuns(item);
    return runs;
  }
  if (isObject(value)) {
    let members = 0;
    let runs = 0;
    // for-in over a parsed object: its own keys in order (JSON objects inherit nothing enumerable), no array
    for (const key in value) {
      members++;
      runs += stringSpaceRuns(key) + spaceRuns(value[key]);
    }
    return members > 0 ? runs + 2 * members - 1 : 0; // ": " per member, ", " between members
  }
  return 0;
}

export function stringSpaceRuns(s: string): number {
  let runs = 0;
  for (let i = s.indexOf(" "); i !== -1; i = s.indexOf(" ", i + 1)) if (s.charCodeAt(i + 1) !== 0x20) runs++;
  return runs;
}
