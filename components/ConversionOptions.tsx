"use client";
import { useState } from "react";
import { DEFAULT_CONVERT_OPTIONS, SOURCE_FORMATS, type ConvertOptions } from "@/lib/convert/options";
import { setConversion, setToolsFile } from "./store/actions";
import { useStudio } from "./store/studioStore";
import { useRememberedOpen } from "./store/panelsOpen";

/** A number typed in a box, or null for an empty or unreadable one (Number("") would be 0). */
function typedNumber(text: string): number | null {
  return text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : null;
}

/**
 * How trajectory files become decision points: the CLI's `convert` flags, with Gym's converters' defaults.
 * Applying converts the open trajectory files again; the options are kept in this browser.
 */
export function ConversionOptions() {
  const current = useStudio((s) => s.conversion);
  const [draft, setDraft] = useState(current);
  const set = (patch: Partial<ConvertOptions>) => setDraft({ ...draft, ...patch });
  // The minimum as typed: an empty or unreadable box is not a minimum of 0; it holds the apply back.
  const [minText, setMinText] = useState(String(current.minReward ?? 1));
  const minValid = draft.minReward === null || typedNumber(minText) !== null;
  const changed = JSON.stringify(draft) !== JSON.stringify(current);
  const stop = (e: React.KeyboardEvent) => e.stopPropagation();
  // Still open after "Convert again" reloads the files (the panel is mounted anew).
  const remembered = useRememberedOpen("conversion");
  return (
    <details className="validation-options" data-testid="conversion-options" {...remembered}>
      <summary>Conversion</summary>
      <label>
        format{" "}
        <select data-testid="conv-format" value={draft.format} onChange={(e) => set({ format: e.target.value as ConvertOptions["format"] })}>
          {["auto", ...SOURCE_FORMATS].map((f) => (
            <option key={f} value={f}>
              {f === "auto" ? "detect per row" : f}
            </option>
          ))}
        </select>
      </label>
      <div className="option-line">
        <label>
          <input
            type="checkbox"
            data-testid="conv-reward-filter"
            checked={draft.minReward !== null}
            onChange={(e) => {
              set({ minReward: e.target.checked ? 1.0 : null });
              setMinText("1");
            }}
          />{" "}
          only trajectories with reward ≥
        </label>{" "}
        <input
          type="number"
          step="0.1"
          aria-label="minimum source reward"
          data-testid="conv-min-reward"
          disabled={draft.minReward === null}
          value={draft.minReward === null ? "1" : minText}
          onKeyDown={stop}
          onChange={(e) => {
            setMinText(e.target.value);
            const minReward = typedNumber(e.target.value);
            if (minReward !== null) set({ minReward });
          }}
          style={{ width: 60 }}
        />
      </div>
      <label>
        <input type="checkbox" data-testid="conv-messages" checked={draft.messagePivots} onChange={(e) => set({ messagePivots: e.target.checked })} /> text
        replies become message pivots
      </label>
      <label>
        <input type="checkbox" data-testid="conv-batch" checked={draft.batch} onChange={(e) => set({ batch: e.target.checked, parallelToolCalls: e.target.checked })} />{" "}
        multi-call turns become function_call_batch (else skipped as multi_tool_call)
      </label>
      <label>
        doom loop: keep the last of{" "}
        <input type="number" min={0} data-testid="conv-doom-loop" value={draft.doomLoop} onKeyDown={stop} onChange={(e) => set({ doomLoop: Math.max(0, Number(e.target.value) | 0) })} style={{ width: 50 }} /> identical
        calls (0 = off)
      </label>
      <label>
        <input type="checkbox" data-testid="conv-tool-errors" checked={draft.dropToolErrors} onChange={(e) => set({ dropToolErrors: e.target.checked })} /> skip
        calls whose tool response is an error
      </label>
      <label>
        <input type="checkbox" data-testid="conv-reasoning" checked={draft.keepReasoning} onChange={(e) => set({ keepReasoning: e.target.checked })} /> keep
        earlier reasoning in the prefix
      </label>
      <label>
        <input type="checkbox" data-testid="conv-duplicates" checked={draft.dropDuplicates} onChange={(e) => set({ dropDuplicates: e.target.checked })} /> skip
        duplicates (same prefix, tools and action)
      </label>
      <label>
        agent name{" "}
        <input data-testid="conv-agent-name" value={draft.agentName} size={56} onKeyDown={stop} onChange={(e) => set({ agentName: e.target.value })} />
      </label>
      <ToolsFile pending={changed && draft.agentName.trim() && minValid ? draft : undefined} />
      <button type="button" className="button small" data-testid="conv-apply" disabled={!changed || !draft.agentName.trim() || !minValid} onClick={() => void setConversion(draft)}>
        Convert again
      </button>{" "}
      <button
        type="button"
        className="button small"
        data-testid="conv-defaults"
        onClick={() => {
          setDraft({ ...DEFAULT_CONVERT_OPTIONS });
          setMinText(String(DEFAULT_CONVERT_OPTIONS.minReward ?? 1));
        }}
      >
        Defaults
      </button>
    </details>
  );
}

/**
 * The tools file attached to trajectories that carry no tool schemas: attaching or removing converts again,
 * with the options being edited (`pending`) applied too.
 */
function ToolsFile({ pending }: { pending: ConvertOptions | undefined }) {
  const attached = useStudio((s) => s.toolsFile);
  const [error, setError] = useState("");
  const apply = (file: File | null) => {
    setError("");
    setToolsFile(file, pending).catch((e: Error) => setError(e.message));
  };
  return (
    <div className="tools-file">
      tools for rows without schemas:{" "}
      {attached ? (
        <>
          <span data-testid="conv-tools-name" data-tools={String(attached.tools.length)}>
            {attached.digest.name} ({attached.tools.length} tools)
          </span>{" "}
          <button type="button" className="button small" data-testid="conv-tools-remove" onClick={() => apply(null)}>
            Remove
          </button>
        </>
      ) : (
        <label className="button small">
          Attach tools file…
          <input
            type="file"
            accept=".json,application/json"
            hidden
            data-testid="conv-tools-attach"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) apply(file);
            }}
          />
        </label>
      )}
      {error && (
        <p className="error-text" role="alert" data-testid="conv-tools-error">
          {error}
        </p>
      )}
    </div>
  );
}
