/**
 * Reject reason codes: a default list the user can extend. Codes are stable snake_case identifiers (they go into
 * logs, exports and SQL); labels are for people. An imported log may carry codes this browser does not know, so
 * every lookup falls back to the code itself instead of failing.
 */
export interface ReasonCode {
  code: string;
  label: string;
}

export const REASON_CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export const DEFAULT_REASONS: readonly ReasonCode[] = [
  { code: "wrong_tool", label: "Wrong tool" },
  { code: "wrong_arguments", label: "Wrong arguments" },
  { code: "should_be_message", label: "Should be a message" },
  { code: "should_be_tool_call", label: "Should be a tool call" },
  { code: "ambiguous_context", label: "Ambiguous context" },
  { code: "duplicate", label: "Duplicate" },
  { code: "bad_source_trajectory", label: "Bad source trajectory" },
  { code: "too_easy", label: "Too easy" },
  { code: "too_hard", label: "Too hard" },
  { code: "other", label: "Other" },
];

export class InvalidReasonCodeError extends Error {
  constructor(readonly code: string) {
    super(`Reason code "${code}" must be snake_case: a lowercase letter, then lowercase letters, digits or _ (at most 64).`);
    this.name = "InvalidReasonCodeError";
  }
}

/** The defaults followed by the user's own codes; a custom code equal to a default relabels it in place. */
export function withCustomReasons(custom: readonly ReasonCode[], defaults: readonly ReasonCode[] = DEFAULT_REASONS): ReasonCode[] {
  const byCode = new Map(defaults.map((r) => [r.code, r]));
  for (const r of custom) {
    if (!REASON_CODE_PATTERN.test(r.code)) throw new InvalidReasonCodeError(r.code);
    byCode.set(r.code, { code: r.code, label: r.label.trim() || r.code });
  }
  return [...byCode.values()];
}

export function reasonLabel(reasons: readonly ReasonCode[], code: string): string {
  return reasons.find((r) => r.code === code)?.label ?? code;
}

/** `r` then a digit picks a reason: 1–9 are the first nine, 0 the tenth (keyboard order). */
export function reasonForDigit(reasons: readonly ReasonCode[], digit: string): ReasonCode | undefined {
  if (!/^[0-9]$/.test(digit)) return undefined;
  const index = digit === "0" ? 9 : Number(digit) - 1;
  return reasons[index];
}
