"use client";
import { useSyncExternalStore } from "react";
import { DEFAULT_AGENT_NAME, GYM_DOMAINS, GYM_LICENSES, type ExportOptionsInput, type GymDomain, type GymLicense, type KeepPolicy, type ProvenanceMode } from "@/lib/export/options";
import { type ExportForm, useExportForm } from "../store/exportForm";
import { useRememberedOpen } from "../store/panelsOpen";
import { canPickFolder, cancelExport, pickFolder, runExport, useExport } from "../store/exportRun";
import { knobsSet, useVerifierKnobs } from "../store/verifierKnobs";
import { useStudio } from "../store/studioStore";
import { countText } from "../countText";
import { ExportResultView } from "./ExportResultView";
import { useQuery } from "../useQuery";

type Form = ExportForm;

/**
 * The form as export options. Verifier knobs the user set in the "try it" panel go to the config, so it
 * scores as tried; the others keep the export's defaults, as the CLI does without knob flags.
 */
function optionsOf(form: Form & { agentName: string }, contract: { batch: boolean; allowMissingTools: boolean }): ExportOptionsInput {
  return {
    keep: form.keep,
    agentName: form.agentName.trim(),
    split: form.split ? { train: Number(form.train), seed: Number(form.seed) } : null,
    provenance: form.provenance,
    batch: form.batch ?? contract.batch,
    allowMissingTools: form.allowMissingTools ?? contract.allowMissingTools,
    gym: { license: form.license, domain: form.domain, comparator: knobsSet() },
  };
}

const neverChanges = () => () => undefined;

// The first usable agent name of the rows, in file and row order, as `pivot-studio export` defaults to it
// (cli/exportInputs.ts rowsAgentName; the rule is agentNameProblem's).
const ROWS_AGENT_SQL = `SELECT agent_ref AS name FROM rows WHERE regexp_full_match(agent_ref, '[A-Za-z0-9_-]+_agent') ORDER BY file_id, line LIMIT 1`;

function useRowsAgentName(): string | null {
  const rows = useQuery(ROWS_AGENT_SQL).rows;
  const name = rows?.[0]?.name;
  return typeof name === "string" ? name : null;
}

/** Which verifier knobs the config gets from the "try it" panel (the rest are the export's defaults). */
function KnobsNote() {
  const set = useVerifierKnobs((s) => s.set);
  const knobs = useVerifierKnobs((s) => s.knobs);
  return (
    <p className="muted" data-testid="export-knobs">
      {set.length === 0
        ? "Comparator knobs: the export’s defaults (none set in “Try it”)."
        : `Comparator knobs set in “Try it”: ${set.map((k) => `${k} ${String(knobs[k])}`).join(", ")}; the export’s defaults for the rest.` +
          (set.some((k) => k.startsWith("parallel") || k.startsWith("allow_")) ? " Parallel knobs reach the config only with function_call_batch rows." : "")}
    </p>
  );
}

/** Export the curated set as one reproducible bundle (.zip): pivots, split, Gym config, audit, metrics, manifest. */
export function ExportPanel() {
  const run = useExport();
  const form = useExportForm();
  const panel = useRememberedOpen("export");
  // What the contract checks accept (batches, rows without tools), the export accepts too, unless changed here.
  const allowBatch = useStudio((s) => s.validation.allowBatch === true);
  const allowMissingTools = useStudio((s) => s.validation.allowMissingTools === true);
  const contract = { batch: form.batch ?? allowBatch, allowMissingTools: form.allowMissingTools ?? allowMissingTools };
  // The rows' own agent name (pivot rows' agent_ref, or the conversion's) unless the user typed one: no row is
  // then rewritten just to rename its agent.
  const rowsAgent = useRowsAgentName();
  const agentName = form.agentName ?? rowsAgent ?? DEFAULT_AGENT_NAME;
  const filled = { ...form, agentName };
  const set = (patch: Partial<Form>) => useExportForm.setState(patch);
  const stop = (e: React.KeyboardEvent) => e.stopPropagation();
  // A seed that is not a whole number would be a different split than the one asked for: say so, export nothing.
  const seedError = form.split && !(form.seed.trim() !== "" && Number.isSafeInteger(Number(form.seed))) ? "the seed must be a whole number" : null;
  const running = run.status === "running";
  const blocked = running || seedError !== null;
  // Known only in the browser (false in the server's HTML, then the browser's answer).
  const folders = useSyncExternalStore(neverChanges, canPickFolder, () => false);
  const filtered = useStudio((s) => s.view.filters.length > 0);
  const viewRows = useStudio((s) => s.keys.hashes.length);
  const scope = filtered && form.viewOnly ? "view" : "all";
  const p = run.progress;
  return (
    <details className="validation-options export-panel" data-testid="export-panel" {...panel}>
      <summary>Export bundle</summary>
      <label>
        keep{" "}
        <select data-testid="export-keep" value={form.keep} onChange={(e) => set({ keep: e.target.value as KeepPolicy })}>
          <option value="accepted">accepted rows</option>
          <option value="not-rejected">every row not rejected</option>
        </select>
      </label>
      <label>
        agent name <input data-testid="export-agent-name" value={agentName} size={66} onKeyDown={stop} onChange={(e) => set({ agentName: e.target.value })} />
        {form.agentName === null && rowsAgent !== null && <span className="muted"> (the rows’ agent_ref)</span>}
      </label>
      <div className="option-line">
        <label>
          <input type="checkbox" data-testid="export-split" checked={form.split} onChange={(e) => set({ split: e.target.checked })} /> train / validation
          split by trajectory:
        </label>{" "}
        <label>
          train <input data-testid="export-train" value={form.train} size={5} disabled={!form.split} onKeyDown={stop} onChange={(e) => set({ train: e.target.value })} />
        </label>{" "}
        (fraction or rows),{" "}
        <label>
          seed{" "}
          <input
            data-testid="export-seed"
            value={form.seed}
            size={4}
            disabled={!form.split}
            aria-invalid={seedError !== null}
            onKeyDown={stop}
            onChange={(e) => set({ seed: e.target.value })}
          />
        </label>
        {seedError && (
          <span className="error-text" data-testid="export-seed-error">
            {" "}
            {seedError}
          </span>
        )}
      </div>
      <label>
        license{" "}
        <select data-testid="export-license" value={form.license} onChange={(e) => set({ license: e.target.value as GymLicense })}>
          {GYM_LICENSES.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label>
        domain{" "}
        <select data-testid="export-domain" value={form.domain} onChange={(e) => set({ domain: e.target.value as GymDomain })}>
          {GYM_DOMAINS.map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </label>
      <label>
        provenance{" "}
        <select data-testid="export-provenance" value={form.provenance} onChange={(e) => set({ provenance: e.target.value as ProvenanceMode })}>
          <option value="group">under one object</option>
          <option value="keep">as in the source</option>
          <option value="drop">dropped</option>
        </select>
      </label>
      <label>
        <input type="checkbox" data-testid="export-batch" checked={contract.batch} onChange={(e) => set({ batch: e.target.checked })} /> export function_call_batch
      </label>
      <label>
        <input type="checkbox" data-testid="export-missing-tools" checked={contract.allowMissingTools} onChange={(e) => set({ allowMissingTools: e.target.checked })} />{" "}
        accept rows without tools (swe_pivot, image rows)
      </label>
      {filtered && (
        <label>
          <input type="checkbox" data-testid="export-view-only" checked={form.viewOnly} onChange={(e) => set({ viewOnly: e.target.checked })} /> only the{" "}
          {countText(viewRows, "row")} of this view (its filter goes into the manifest)
        </label>
      )}
      <KnobsNote />
      <button type="button" className="button small" data-testid="export-run" disabled={blocked} onClick={() => void runExport(optionsOf(filled, contract), { kind: "zip", name: "pivot-bundle" }, scope)}>
        Export .zip
      </button>{" "}
      {folders && (
        <>
          <button
            type="button"
            className="button small"
            data-testid="export-folder"
            disabled={blocked}
            onClick={() => {
              const options = optionsOf(filled, contract);
              pickFolder().then(
                (dir) => runExport(options, { kind: "folder", dir }, scope),
                () => undefined, // the user closed the picker
              );
            }}
          >
            Save to folder…
          </button>{" "}
        </>
      )}
      {running && (
        <>
          <progress data-testid="export-progress" data-stage={p?.stage ?? "starting"} value={p?.totalRows ? p.rows : undefined} max={p?.totalRows ?? undefined} />{" "}
          <span className="muted">
            {p ? `${p.stage} (pass ${p.pass} of ${p.passes}): ${p.rows.toLocaleString("en-US")}${p.totalRows ? ` of ${p.totalRows.toLocaleString("en-US")}` : ""} rows` : "starting…"}
          </span>{" "}
          <button type="button" className="button small" data-testid="export-cancel" onClick={cancelExport}>
            Cancel
          </button>
        </>
      )}
      {run.message && (
        <p className={run.status === "refused" || run.status === "failed" ? "error-text" : "muted"} data-testid="export-message">
          {run.message}
        </p>
      )}
      {run.result && <ExportResultView result={run.result} download={run.download} />}
    </details>
  );
}
