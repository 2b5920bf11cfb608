/**
 * Error findings of a source row (as the app's validation reports them) that the export's normalization always
 * repairs, whatever its options: a row whose only errors are these is written, not skipped. The on-screen
 * skipped-row audit leaves them out, so that it lists what the export skips (repairedFindings.test.ts holds
 * each one to that).
 */
export const REPAIRED_FINDING_CODES = [
  "metadata_null", // the null metadata is dropped
  "tool_choice_not_auto", // tool_choice is set to "auto"
  "agent_ref_not_object", // agent_ref is set to the bundle's agent
  "agent_ref_type_invalid",
  "agent_ref_name_invalid",
  "agent_ref_name_mismatch",
  "function_call_arguments_not_string", // an arguments object is written as its JSON text
] as const;

/** `required_key_missing` at this key is repaired too: the export writes every row's agent_ref. */
export const REPAIRED_MISSING_KEY = "agent_ref";
