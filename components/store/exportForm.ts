import { create } from "zustand";
import type { GymDomain, GymLicense, KeepPolicy, ProvenanceMode } from "@/lib/export/options";

export interface ExportForm {
  keep: KeepPolicy;
  /** As typed; null until the user types one: the rows' own agent name is suggested (`useRowsAgentName`). */
  agentName: string | null;
  split: boolean;
  /** A fraction in (0, 1) or a number of rows: the train size. */
  train: string;
  seed: string;
  license: GymLicense;
  domain: GymDomain;
  provenance: ProvenanceMode;
  /** Set here, or (null) what the contract checks accept. */
  batch: boolean | null;
  allowMissingTools: boolean | null;
  /** Export only the rows of the filtered view. */
  viewOnly: boolean;
}

/**
 * The export panel's form, kept outside the panel: "Convert again" reloads the files and mounts the panel anew,
 * and what the user set (agent name, split, license, …) must still be there.
 */
export const useExportForm = create<ExportForm>(() => ({
  keep: "accepted",
  agentName: null,
  split: false,
  train: "0.9",
  seed: "0",
  license: "TBD",
  domain: "agent",
  provenance: "group",
  batch: null,
  allowMissingTools: null,
  viewOnly: false,
}));
