import type { ReviewEvent } from "./events";

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

/** The digits pick among ten reasons at a time: `r` opens the first ten, each further `r` the next ten. */
export const REASONS_PER_PAGE = 10;

export function reasonPageCount(reasons: readonly ReasonCode[]): number {
  return Math.max(1, Math.ceil(reasons.length / REASONS_PER_PAGE));
}

/** `r` then a digit picks a reason: 1–9 are the page's first nine, 0 its tenth (keyboard order). */
export function reasonForDigit(reasons: readonly ReasonCode[], digit: string, page = 0): ReasonCode | undefined {
  if (!/^[0-9]$/.test(digit)) return undefined;
  const index = digit === "0" ? 9 : Number(digit) - 1;
  return reasons[page * REASONS_PER_PAGE + index];
}

/** The digit that picks the reason at `index` on its page (see reasonForDigit). */
export function digitForIndex(index: number): string {
  return String(((index % REASONS_PER_PAGE) + 1) % 10);
}

/** A code for a reason the user names: "Leaks PII!" → `leaks_pii`. Null when the name has no letter or digit. */
export function reasonCodeFor(label: string): string | null {
  const words = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!words) return null;
  const code = (/^[a-z]/.test(words) ? words : `r_${words}`).slice(0, 64).replace(/_+$/, "");
  return REASON_CODE_PATTERN.test(code) ? code : null;
}

/** A readable label for a code no catalogue here names (e.g. from a colleague's log): `pii_leak` → "Pii leak". */
export function labelForCode(code: string): string {
  const words = code.replace(/_+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

/** The list followed by every code in use that it does not know, labelled from the code, in sorted order. */
export function withReasonsInUse(reasons: readonly ReasonCode[], inUse: Iterable<string>): ReasonCode[] {
  const known = new Set(reasons.map((r) => r.code));
  const extra = [...new Set(inUse)].filter((c) => !known.has(c)).sort();
  return [...reasons, ...extra.map((code) => ({ code, label: labelForCode(code) }))];
}

/** Every reason code a log's decisions use (rejections and merged rejections). */
export function reasonCodesIn(events: Iterable<ReviewEvent>): Set<string> {
  const codes = new Set<string>();
  for (const e of events) {
    if (e.kind === "decide" && e.reason !== undefined) codes.add(e.reason);
    else if (e.kind === "merge") for (const x of e.entries) if (x.reason !== undefined) codes.add(x.reason);
  }
  return codes;
}

/**
 * The user's own reasons as stored (JSON `[{code, label}]`). Tolerant: storage is the user's, so an entry that
 * does not read as a reason is dropped instead of failing the page.
 */
export function parseCustomReasons(json: string | null): ReasonCode[] {
  if (!json) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const out: ReasonCode[] = [];
  const seen = new Set<string>();
  for (const x of value as unknown[]) {
    if (typeof x !== "object" || x === null) continue;
    const { code, label } = x as { code?: unknown; label?: unknown };
    if (typeof code !== "string" || !REASON_CODE_PATTERN.test(code) || seen.has(code)) continue;
    seen.add(code);
    out.push({ code, label: typeof label === "string" && label.trim() ? label.trim().slice(0, 200) : code });
  }
  return out;
}
