/**
 * The content of `metrics.json`: row counts, the breakdowns of the exported and skipped rows, findings and
 * repairs, and Gym's `ng_prepare_data` numbers for each data file (as Gym would compute them on that file).
 */
import type { CheckResult, PivotsPassState } from "./passes";
import { percent } from "./bundleMetrics";
import type { ExportCounts } from "./manifest";
import { REPAIR_CODES } from "./normalizePlan";

export function buildMetrics(check: CheckResult, state: PivotsPassState, counts: ExportCounts): Record<string, unknown> {
  const m = state.rows;
  const exported = counts.exported;
  return {
    rows: {
      source: counts.sourceRows,
      exported,
      skipped: counts.skipped,
      rejected: counts.rejected,
      auto_skipped: counts.autoSkipped,
      not_exported_unreviewed: counts.notExported,
      ...Object.fromEntries([...state.gym].filter(([name]) => name !== "pivots.jsonl").map(([name, g]) => [name, g.rows])),
    },
    action_type: m.actionType.shares(),
    // One count per expected call; a message counts once as "(message)".
    tool_name: m.toolName.shares(),
    depth: m.depth.shares(),
    turn: m.turn.shares(),
    step: m.step.shares(),
    turn_step: m.turnStep.shares(),
    source_reward_group: m.rewardGroup.shares(),
    provenance_coverage: m.provenanceCoverage(),
    skip_reason: check.skipReasons.shares(),
    // Rows (of the exported ones) with each warning code; errors never reach an export.
    validation_finding: check.warningCodes.shares(exported),
    repairs: REPAIR_CODES.map((code) => {
      const n = check.repairs.get(code) ?? 0;
      return { key: code, n, pct: percent(n, exported) };
    }),
    gym_prepare_data: Object.fromEntries([...state.gym].map(([name, g]) => [name, g.toPyDict()])),
  };
}
