import type { Finding } from "../validate";

/** An export option that accepts rows the default contract refuses. */
export type RefusalRemedy = "batch" | "allow_missing_tools";

/**
 * The options that would accept a refused export's error rows, from their findings: rows without tools
 * (swe_pivot, image rows) and `function_call_batch` actions. The CLI names them as flags, the app as its boxes.
 */
export function refusalRemedies(findings: readonly Finding[]): RefusalRemedy[] {
  const out: RefusalRemedy[] = [];
  if (findings.some((f) => f.code === "tools_not_list" && f.message.endsWith("must be a list"))) out.push("allow_missing_tools");
  if (findings.some((f) => f.code === "expected_action_type_unsupported" && f.message.includes("function_call_batch"))) out.push("batch");
  return out;
}
