/**
 * lib/convert: trajectories in, candidate pivot rows out (issue 6). Framework-free: runs in Node (CLI),
 * workers and the page.
 *
 * Terms:
 * - source format: how a trajectory is written (`SourceFormat`), detected per row or set by the user.
 * - trajectory: one source row's conversation, normalized into Responses items grouped as steps.
 * - turn: one assistant action — a chat assistant message, or a Responses run of reasoning / message / calls.
 * - candidate (decision point): one turn. It becomes a pivot row or a skipped candidate with a `SkipReason`;
 *   every candidate of the input lands in exactly one of the two.
 * - pivot row: Gym's single-step contract — `responses_create_params` {input = the exact prefix before the
 *   action, tools (flat, full list), tool_choice "auto", parallel_tool_calls}, `expected_action`,
 *   `agent_ref`, and one `provenance` object.
 * - turn / step / depth: counted over the prefix as Gym's generic_pivot_dataset_reference does.
 * - seeded greeting: a text turn before the first user message (τ²), kept as context, never a candidate.
 * - source-task reward group: mixed / all-pass / all-fail / single-sample, per task id.
 */
export {
  DEFAULT_AGENT_NAME,
  DEFAULT_CONVERT_OPTIONS,
  SOURCE_FORMATS,
  isSourceFormat,
  resolveOptions,
  type ConvertOptions,
  type SourceFormat,
} from "./options";
export {
  SKIP_REASONS,
  type ActionType,
  type AgentRef,
  type ExpectedAction,
  type ExpectedCall,
  type FlatTool,
  type InputItem,
  type PivotParams,
  type PivotProvenance,
  type PivotRow,
  type PivotTool,
  type SkipReason,
  type SkippedCandidate,
} from "./pivotRow";
export {
  candidatesInOrder,
  convertRow,
  pivotId,
  walkCandidates,
  type CandidateVerdict,
  type CandidateVisit,
  type ConversionRun,
  type RowContext,
  type RowConversion,
  type RowSource,
  type RowWalk,
} from "./convertRow";
export { DuplicateIndex, PrefixKeys, duplicateKey, type BytesHash } from "./duplicates";
export { detectListFormat, detectRowFormat } from "./detectFormat";
export { findMessageList, findReward, findTaskId, findTrajectoryId } from "./findByMeaning";
export { parseToolsFile, toPivotTool, toPivotTools } from "./tools";
export { pyJsonDumps } from "./pythonDumps";
export {
  convertSource,
  createConversionRun,
  layoutOf,
  documentRecords,
  recordsOf,
  type ConversionSink,
  type RowError,
  type SourceLayout,
  type StreamingRun,
} from "./convertSource";
export { addRowErrorToStats, addRowToStats, emptyStats, formatStats, type ConversionStats } from "./stats";
export {
  REWARD_GROUPS,
  SourceTaskGroups,
  defaultTaskKey,
  passRewardOf,
  sourceTaskGroups,
  summarizeRewardGroups,
  type RewardGroup,
  type RewardGroupCounts,
  type RewardGroupOptions,
} from "./rewardGroups";
