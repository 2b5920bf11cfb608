/**
 * lib/export: the export bundle, framework-free (runs in the page, a worker and Node).
 *
 * Terms:
 * - bundle: `pivots.jsonl`, optional `train.jsonl` / `validation.jsonl`, `example.jsonl`, `skipped.jsonl`,
 *   `<prefix>.yaml` (the Gym config), `metrics.json`, `README.md`, `manifest.json`.
 * - source row: one line (or converted candidate) with its file, line and content hash; the unit of review.
 * - kept row: accepted (or, with `keep: "not-rejected"`, not rejected) and not auto-skipped; it is written.
 * - skipped row: rejected by a reviewer or auto-skipped by conversion; it goes to the skipped-row audit.
 * - normalization: rewriting a kept row to the export contract; a `repair` is one kind of change, counted in
 *   the manifest. Rows with nothing to change keep their original bytes.
 * - offending row: a kept row with an error finding left after normalization; any one refuses the export.
 * - split group: trajectory id, else task id, else the row's hash; a group is never on both sides.
 * - sink: where files go (a zip stream, a directory); Node helpers live in `lib/export/node.ts`.
 */
export {
  type ExportHooks,
  type ExportProgress,
  type ExportRequest,
  type ExportResult,
  exportBundle,
} from "./exportBundle";
export type { RowProblem } from "./checkPass";
export type { ExportCounts } from "./manifest";
export { BUNDLE_FORMAT } from "./manifest";
export {
  AGENT_TYPE,
  type ComparatorKnobs,
  DEFAULT_AGENT_NAME,
  type ExportOptions,
  type ExportOptionsInput,
  ExportOptionsError,
  GYM_DOMAINS,
  GYM_LICENSES,
  type GymConfigOptions,
  type GymDomain,
  type GymLicense,
  gymInstanceNames,
  type KeepPolicy,
  type ProvenanceMode,
  resolveExportOptions,
  type SplitOptions,
  VERIFIER_TYPE,
} from "./options";
export { type NormalizedRow, normalizePivotRow } from "./normalizeRow";
export { type NormalizeOptions, REPAIR_CODES, type RepairCode } from "./normalizePlan";
export { normalizeOptionsOf } from "./rowParsing";
export {
  type AutoSkip,
  decisionsFromMap,
  type ExportDecisions,
  type InputFileInfo,
  type ReviewAudit,
  type SourceRow,
  uniformDecisions,
  type Verdict,
} from "./sourceRows";
export { chooseValidationGroups, groupScore, splitGroupKey, type SplitSide, validationTarget } from "./split";
export { type DatasetFiles, type GymConfigInput, gymConfigFileName, gymConfigObject, gymConfigYaml } from "./gymConfig";
export { AvgMinMax, GymDatasetMetrics, gymDatasetConfig, jsonDumpsWordCount, pyRound } from "./gymMetrics";
export { pyJsonDumps } from "./pyJsonDumps";
export { PROVENANCE_FIELD_NAMES, type ProvenanceField, type RewardGroup, rowFacts, type RowFacts } from "./rowFacts";
export { type BundleSink, type FileSink, memorySink, type WrittenFile } from "./sink";
export { type ByteWriter, createZipSink, type ZipSinkOptions } from "./zipSink";
export { describeInput } from "./inputDigest";
export { REVIEWER_REJECTED } from "./skippedRow";
