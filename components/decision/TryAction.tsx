"use client";
import { useMemo, useState } from "react";
import type { ParallelToolCallRewardMode } from "@/lib/verify/compareAction";
import { tryAction, tryActionStart } from "@/lib/verify/tryAction";
import { isObject } from "@/lib/formats/json";
import { useRememberedOpen } from "../store/panelsOpen";
import { useQuery } from "../useQuery";
import { knobsFor, setKnob, useVerifierKnobs } from "../store/verifierKnobs";

const MODES: ParallelToolCallRewardMode[] = ["binary_strict", "fractional", "f1"];

/** Whether the loaded rows hold batch actions: the exported config then carries the parallel knobs. */
const BATCH_ROWS_SQL = "SELECT count(*)::INTEGER AS n FROM rows WHERE action_type = 'function_call_batch'";

/** Asked once per load by the decision view (which stays mounted), not by each decision point's panel. */
export function useHasBatchRows(): boolean {
  return Number(useQuery(BATCH_ROWS_SQL).rows?.[0]?.n ?? 0) > 0;
}

function NumberKnob({ name, label }: { name: "word_count_similarity_threshold" | "floating_point_comparison_threshold"; label: string }) {
  const value = useVerifierKnobs((k) => k.knobs[name]);
  const [text, setText] = useState(String(value));
  return (
    <label>
      {label}{" "}
      <input
        data-testid={`knob-${name}`}
        inputMode="decimal"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isFinite(n)) setKnob(name, n);
        }}
      />
    </label>
  );
}

function FlagKnob({ name, label, value }: { name: "parallel_tool_call_rewarding" | "allow_subset" | "allow_superset"; label: string; value: boolean }) {
  return (
    <label>
      <input type="checkbox" data-testid={`knob-${name}`} checked={value} onChange={(e) => setKnob(name, e.target.checked)} /> {label}
    </label>
  );
}

/**
 * "Try it": type or paste an action (or a whole response.output) and see the reward and category Gym's verifier
 * gives it against this row's expected action, under the knobs set here. Starts from the expected action (or,
 * for a rollout, from its recorded response.output).
 */
export function TryAction({ expectedAction, start, batchRows }: { expectedAction: unknown; start: unknown; batchRows: boolean }) {
  const [text, setText] = useState(() => tryActionStart(start));
  const state = useVerifierKnobs();
  // Open or closed as the reviewer left it on the previous decision point.
  const remembered = useRememberedOpen("try-action");
  // Scored as the exported config would score it: one config for the whole dataset, which gets the export's
  // parallel knobs when it holds batch rows (unless set here), and Gym's defaults otherwise.
  const batchRow = isObject(expectedAction) && expectedAction.type === "function_call_batch";
  const knobs = useMemo(() => knobsFor(state, batchRow || batchRows), [state, batchRow, batchRows]);
  const result = useMemo(() => tryAction(expectedAction, text, knobs), [expectedAction, text, knobs]);
  return (
    <details className="try-action" data-testid="try-panel" {...remembered}>
      <summary>Try an action against the verifier</summary>
      <textarea
        data-testid="try-action-input"
        aria-label="action to score"
        spellCheck={false}
        rows={Math.min(16, Math.max(4, text.split("\n").length))}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="knobs">
        <NumberKnob name="word_count_similarity_threshold" label="word-count similarity threshold" />
        <NumberKnob name="floating_point_comparison_threshold" label="float tolerance" />
        <FlagKnob name="parallel_tool_call_rewarding" label="parallel tool-call rewarding" value={knobs.parallel_tool_call_rewarding} />
        <FlagKnob name="allow_subset" label="allow subset" value={knobs.allow_subset} />
        <FlagKnob name="allow_superset" label="allow superset" value={knobs.allow_superset} />
        <label>
          mode{" "}
          <select
            data-testid="knob-parallel_tool_call_reward_mode"
            value={knobs.parallel_tool_call_reward_mode}
            onChange={(e) => setKnob("parallel_tool_call_reward_mode", e.target.value as ParallelToolCallRewardMode)}
          >
            {MODES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
      </div>
      {result.ok ? (
        <p className="try-result" data-testid="try-result" data-reward={String(result.reward)} data-category={result.category}>
          reward <strong>{result.reward.toFixed(3).replace(/0+$/, "").replace(/\.$/, ".0")}</strong> — {result.category}
        </p>
      ) : (
        <p className="error-text" data-testid="try-error">
          {result.error}
        </p>
      )}
    </details>
  );
}
