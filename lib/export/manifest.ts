/**
 * `manifest.json`: everything needed to reproduce the bundle and check it — app version, input files with
 * SHA-256, the resolved options and knobs, the filter SQL, the decision-log digest, counts, repairs, and each
 * output file's rows and SHA-256. Keys are in a fixed order and nothing depends on the clock unless a
 * timestamp is passed in, so identical exports give identical manifests.
 */
import type { ExportOptions } from "./options";
import { REPAIR_CODES, type RepairCode } from "./normalizePlan";
import { toPyValue, pyJsonDumps } from "./pyJsonDumps";
import type { WrittenFile } from "./sink";
import type { InputFileInfo } from "./sourceRows";

export const BUNDLE_FORMAT = "pivot-studio-bundle/1";

export interface ExportCounts {
  sourceRows: number;
  /** Rows written to pivots.jsonl. */
  exported: number;
  /**
   * Rows written to skipped.jsonl: rejected by a reviewer, or auto-skipped (by conversion, or for an error
   * normalization does not repair) and not accepted.
   */
  skipped: number;
  rejected: number;
  autoSkipped: number;
  /** Unreviewed rows (without errors) left out by `keep: "accepted"`. */
  notExported: number;
  repairedRows: number;
  rowsWithWarnings: number;
  offendingRows: number;
}

export interface ManifestInput {
  appVersion: string;
  createdAt: string | null;
  inputs: readonly InputFileInfo[];
  decisionLogDigest: string;
  filterSql: string | null;
  options: ExportOptions;
  counts: ExportCounts;
  repairs: ReadonlyMap<RepairCode, number>;
  /** Warning code → rows with it. */
  warnings: ReadonlyMap<string, number>;
  notes: readonly string[];
  files: readonly WrittenFile[];
}

function optionsRecord(o: ExportOptions): Record<string, unknown> {
  const c = o.gym.comparator;
  return {
    agent_name: o.agentName,
    keep: o.keep,
    batch: o.batch,
    allow_missing_tools: o.allowMissingTools,
    parallel_tool_calls: o.parallelToolCalls,
    provenance: o.provenance,
    provenance_key: o.provenanceKey,
    split: o.split === null ? null : { train: o.split.train ?? null, validation: o.split.validation ?? null, seed: o.split.seed },
    example_rows: o.exampleRows,
    gym: {
      domain: o.gym.domain,
      license: o.gym.license,
      description: o.gym.description,
      value: o.gym.value,
      verified: o.gym.verified,
      jsonl_path_prefix: o.gym.jsonlPathPrefix,
      tool_call_comparator_config: {
        word_count_similarity_threshold: c.word_count_similarity_threshold,
        floating_point_comparison_threshold: c.floating_point_comparison_threshold ?? null,
        parallel_tool_call_rewarding: c.parallel_tool_call_rewarding,
        allow_subset: c.allow_subset,
        allow_superset: c.allow_superset,
        parallel_tool_call_reward_mode: c.parallel_tool_call_reward_mode,
      },
    },
  };
}

/** The counts as the manifest writes them (snake_case keys, in this order). */
export function countsRecord(c: ExportCounts): Record<string, number> {
  return {
    source_rows: c.sourceRows,
    exported: c.exported,
    skipped: c.skipped,
    rejected: c.rejected,
    auto_skipped: c.autoSkipped,
    not_exported_unreviewed: c.notExported,
    repaired_rows: c.repairedRows,
    rows_with_warnings: c.rowsWithWarnings,
  };
}

export function buildManifest(m: ManifestInput): Record<string, unknown> {
  const c = m.counts;
  return {
    format: BUNDLE_FORMAT,
    app: { name: "pivot-studio", version: m.appVersion },
    ...(m.createdAt !== null ? { created_at: m.createdAt } : {}),
    inputs: m.inputs.map((i) => ({ name: i.name, size: i.size, sha256: i.sha256, ...(i.conversion ? { conversion: i.conversion } : {}) })),
    decision_log_digest: m.decisionLogDigest,
    filter_sql: m.filterSql,
    options: optionsRecord(m.options),
    counts: countsRecord(c),
    repairs: Object.fromEntries(REPAIR_CODES.map((code) => [code, m.repairs.get(code) ?? 0])),
    warnings: Object.fromEntries([...m.warnings].sort(([a], [b]) => (a < b ? -1 : 1))),
    notes: m.notes,
    files: m.files.map((f) => ({ name: f.name, rows: f.rows, bytes: f.bytes, sha256: f.sha256 })),
  };
}

/** The repairs a written manifest counts, those that were made (n > 0), in the manifest's order. */
export function repairsMade(manifest: Record<string, unknown>): [string, number][] {
  return Object.entries(manifest.repairs as Record<string, number>).filter(([, n]) => n > 0);
}

/** The JSON layout of every JSON file in the bundle: Python `json.dumps(…, indent=2)` plus a final newline. */
export function jsonFileText(value: unknown): string {
  return pyJsonDumps(toPyValue(value), { indent: 2 }) + "\n";
}
