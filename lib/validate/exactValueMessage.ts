/**
 * The script's errors that print a row value (`found 1.0`) with that value as Python's `json.loads` read it. The
 * rules see the row through `JSON.parse`, where `1.0` is `1`, `-0` is `-0.0`, `2**70` is its nearest double and
 * an object's integer-like keys come first; here the line is read again, exactly, to print the value. Only on
 * the way to an error: a clean row never pays for it.
 */
import { type PyValue, parsePythonJson } from "../formats/pythonJson";
import type { Finding } from "./finding";
import { VALUE_MESSAGES } from "./gymRules";
import { pyValueRepr } from "./pythonText";

const hasValueMessage = (code: string): code is keyof typeof VALUE_MESSAGES => Object.hasOwn(VALUE_MESSAGES, code);

/** The value at a finding path such as `expected_action.calls[0].type` (identifier keys and indexes only). */
function valueAt(root: PyValue, path: string): PyValue | undefined {
  let value: PyValue | undefined = root;
  for (const step of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (step.startsWith("[")) value = Array.isArray(value) ? value[Number(step.slice(1, -1))] : undefined;
    else value = value instanceof Map ? value.get(step) : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

/** `finding` with its value printed as Python would, when its message prints one; `text` is the row's line. */
export function withExactValue(finding: Finding, text: string): Finding {
  if (!hasValueMessage(finding.code)) return finding;
  let value: PyValue | undefined;
  try {
    value = valueAt(parsePythonJson(text), finding.path);
  } catch {
    return finding; // Python's plain ValueError (an int of over 4300 digits): the script would crash anyway.
  }
  return value === undefined ? finding : { ...finding, message: VALUE_MESSAGES[finding.code](pyValueRepr(value)) };
}
