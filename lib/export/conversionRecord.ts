/**
 * How a converted input's candidates were made, as the manifest records it beside the file: the conversion
 * options (named as `pivot-studio convert`'s flags and the app's conversion panel), whether the file is a
 * `.json` document read record by record, and the tools file attached to rows without tool schemas.
 */
import type { RangeConversion } from "../ingest/parseRange";

export function conversionRecord(c: Pick<RangeConversion, "options" | "document" | "toolsFile" | "toolsFileDigest">): Record<string, unknown> {
  const o = c.options;
  return {
    source_layout: c.document ? "json_document" : "jsonl",
    options: {
      format: o.format,
      min_reward: o.minReward,
      message_pivots: o.messagePivots,
      batch: o.batch,
      parallel_tool_calls: o.parallelToolCalls,
      doom_loop: o.doomLoop,
      drop_tool_errors: o.dropToolErrors,
      keep_reasoning: o.keepReasoning,
      drop_duplicates: o.dropDuplicates,
      agent_name: o.agentName,
    },
    tools_file: c.toolsFile ? { ...(c.toolsFileDigest ?? {}), tools: c.toolsFile.length } : null,
  };
}
