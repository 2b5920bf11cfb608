import { create } from "zustand";
import type { FileDetection } from "@/lib/formats/fileKind";
import type { IngestProgress } from "@/lib/ingest/ingestFiles";
import type { LoadError } from "@/lib/ingest/summaryBatch";
import { NO_KEYS, type ViewKeys } from "@/lib/view/navigation";
import type { GymRuleOptions } from "@/lib/validate/gymRules";
import { EMPTY_VIEW, type ViewState } from "@/lib/view/viewState";
import type { RangeConversion } from "@/lib/ingest/parseRange";
import type { FingerprintSums } from "@/lib/review/fileFingerprint";
import type { AttachedTools } from "./toolsFile";
import { DEFAULT_CONVERT_OPTIONS, type ConvertOptions } from "@/lib/convert/options";

export type LoadState = "idle" | "loading" | "ready" | "error";

export interface LoadedFile {
  fileId: number;
  name: string;
  size: number;
  /** What is loaded: the file itself, or a `.json` document's records as JSONL. */
  file: File;
  /** The `.json` document the user opened, when `file` holds its records. */
  document: File | null;
  detection: FileDetection | null;
  rows: number;
  errorTotal: number;
  errors: LoadError[];
  /** Set when the file's trajectories were converted: its rows are their candidates. */
  conversion: RangeConversion | null;
  /** The file's share of the load's fingerprint, once it has loaded (lib/review/fileFingerprint). */
  fingerprint: FingerprintSums | null;
}

export interface StudioState {
  loadState: LoadState;
  message: string;
  progress: IngestProgress | null;
  dbReady: boolean;
  files: LoadedFile[];
  view: ViewState;
  keys: ViewKeys;
  /** Index of the current decision point in `keys`, or -1. */
  cursor: number;
  /** Bumped whenever rows change, so every query re-runs. */
  dataVersion: number;
  /** Bumped when review decisions change: only queries that read `decisions` re-run. */
  decisionVersion: number;
  /** A deep link waiting for its file to be opened: `?file=…&line=…`. */
  /** `copy`: which of the open files of that name (1 = the first), when several share it. */
  pendingLink: { file: string; line: number; copy: number } | null;
  /** Contract-check options for pivot rows (Gym's script defaults unless the user changes them). */
  validation: Pick<GymRuleOptions, "allowBatch" | "allowMissingTools" | "checkToolNames" | "expectedAgentName">;
  /** How trajectory files become decision points (the conversion panel; Gym's converters' defaults). */
  conversion: ConvertOptions;
  /** Tool schemas for trajectories that carry none, from a tools file the user attached. */
  toolsFile: AttachedTools | null;
}

export const useStudio = create<StudioState>(() => ({
  loadState: "idle",
  message: "",
  progress: null,
  dbReady: false,
  files: [],
  view: EMPTY_VIEW,
  keys: NO_KEYS,
  cursor: -1,
  dataVersion: 0,
  decisionVersion: 0,
  pendingLink: null,
  validation: { allowBatch: false, allowMissingTools: false, checkToolNames: true },
  conversion: { ...DEFAULT_CONVERT_OPTIONS },
  toolsFile: null,
}));

export const totalRows = (s: StudioState) => s.files.reduce((n, f) => n + f.rows, 0);
export const totalErrors = (s: StudioState) => s.files.reduce((n, f) => n + f.errorTotal, 0);
export const fileById = (s: StudioState, id: number) => s.files.find((f) => f.fileId === id);
