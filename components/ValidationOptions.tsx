"use client";
import { useState } from "react";
import { setValidation } from "./store/actions";
import { useStudio } from "./store/studioStore";

/**
 * Contract-check options, for where Gym's validator script and its verifier or skill docs disagree. Defaults are
 * the script's; applying re-checks the open files.
 */
export function ValidationOptions() {
  const current = useStudio((s) => s.validation);
  const [draft, setDraft] = useState(current);
  const changed = JSON.stringify(draft) !== JSON.stringify(current);
  return (
    <details className="validation-options" data-testid="validation-options">
      <summary>Contract checks</summary>
      <label>
        <input
          type="checkbox"
          data-testid="opt-allow-batch"
          checked={!!draft.allowBatch}
          onChange={(e) => setDraft({ ...draft, allowBatch: e.target.checked })}
        />{" "}
        accept function_call_batch (Gym&apos;s verifier does; its validator script does not)
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="opt-allow-missing-tools"
          checked={!!draft.allowMissingTools}
          onChange={(e) => setDraft({ ...draft, allowMissingTools: e.target.checked })}
        />{" "}
        accept rows without tools (swe_pivot)
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="opt-check-tool-names"
          checked={draft.checkToolNames !== false}
          onChange={(e) => setDraft({ ...draft, checkToolNames: e.target.checked })}
        />{" "}
        expected tools must be in tools
      </label>
      <label>
        expected agent_ref.name{" "}
        <input
          data-testid="opt-agent-name"
          placeholder="any"
          value={draft.expectedAgentName ?? ""}
          onChange={(e) => setDraft({ ...draft, expectedAgentName: e.target.value.trim() || undefined })}
          onKeyDown={(e) => e.stopPropagation()}
        />
      </label>
      <button type="button" className="button small" data-testid="opt-apply" disabled={!changed} onClick={() => void setValidation(draft)}>
        Re-check open files
      </button>
    </details>
  );
}
