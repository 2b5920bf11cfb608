/**
 * lib/export: the export bundle, framework-free (runs in the page, a worker and Node).
 *
 * Terms:
 * - bundle: `pivots.jsonl`, optional `train.jsonl` / `validation.jsonl`, `example.jsonl`, `skipped.jsonl`,
 *   `<prefix>.yaml` (the Gym config), `metrics.json`, `README.md`, `manifest.json`.
 * - source row: one line (or converted candidate) with its file, line and content hash; the unit of review.
 * - kept row: accepted, or (with `keep: "not-rejected"`) unreviewed and not auto-skipped; it is written.
 * - skipped row: rejected by a reviewer, or auto-skipped by conversion and not accepted (a reviewer's decision
 *   overrides conversion); it goes to the skipped-row audit.
 * - normalization: rewriting a kept row to the export contract; a `repair` is one kind of change, counted in
 *   the manifest. Rows with nothing to change keep their original bytes.
 * - offending row: a kept row with an error finding left after normalization; any one refuses the export.
 * - split group: trajectory id, else task id, else the row's hash; a group is never on both sides.
 * - sink: where files go (a zip stream, a directory); Node helpers live in `lib/export/node.ts`.
 * - processed row: one row's per-row work (`processRow`), done once per pass wherever rows are read (this
 *   thread, or Node worker threads); passes consume processed rows in source order.
 *
 * The page's entry: `exportBundleFromFiles` (files + review state → sink, e.g. `createZipSink`). Any other
 * row source (converted candidates): `exportBundle` with `rows`. Node only (not exported here): `node.ts`
 * (native SHA-256, folder and zip-file sinks, and the worker-thread processor the CLI uses for big inputs).
 */
export {
  type ExportHooks,
  type ExportProgress,
  type ExportRequest,
  type ExportResult,
  exportBundle,
} from "./exportBundle";
export { type FilesExportInput, exportBundleFromFiles } from "./fromFiles";
export type { RowProblem } from "./passes";
export {
  ACCEPT_ALL_DIGEST,
  type DecisionRecord,
  decisionLogDigest,
  decisionRecordsFromState,
  decisionsFromData,
  type DecisionsData,
  decisionsFromMap,
  decisionsFromState,
  NO_DECISION_LOG,
  uniformDecisions,
} from "./decisions";
export { type Sha256, type Sha256Factory, wasmSha256 } from "./hashing";
export { type JsonlInput, jsonlSourceRowsOf, LineTooLongError } from "./jsonlRows";
export { type ProcessedRow, processRow, type RowWork } from "./processRow";
export { inlineRowProcessor, type RowProcessor } from "./rowProcessor";
export type { ExportCounts } from "./manifest";
export { BUNDLE_FORMAT, countsRecord, repairsMade } from "./manifest";
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
export { type AutoSkip, type ExportDecisions, type InputFileInfo, type ReviewAudit, type SourceRow, type Verdict } from "./sourceRows";
export { chooseValidationGroups, groupScore, splitGroupKey, type SplitSide, validationTarget } from "./split";
export { type DatasetFiles, type GymConfigInput, gymConfigFileName, gymConfigObject, gymConfigYaml } from "./gymConfig";
export { AvgMinMax, GymDatasetMetrics, gymDatasetConfig, pyRound } from "./gymMetrics";
export { requestWordCount } from "./dumpedItems";
export { pyJsonDumps } from "./pyJsonDumps";
export { PROVENANCE_FIELD_NAMES, type ProvenanceField, type RewardGroup, rowFacts, type RowFacts } from "./rowFacts";
export { type BundleSink, type EncodedLine, type FileSink, memorySink, type WrittenFile } from "./sink";
export { type ByteWriter, createZipSink, type ZipSinkOptions } from "./zipSink";
export { describeInput } from "./inputDigest";
export { REVIEWER_REJECTED } from "./skippedRow";
