import { create } from "zustand";
import { EXPORT_COMPARATOR_DEFAULTS } from "@/lib/export/options";
import { defaultComparatorConfig, type ToolCallComparatorConfig } from "@/lib/verify/compareAction";

type Knob = keyof ToolCallComparatorConfig;

interface VerifierKnobs {
  /** What the "try it" panel scores with; kept across rows. Defaults: Gym's single-step config. */
  knobs: ToolCallComparatorConfig;
  /** The knobs the user set (even back to their default): the export writes these, and its defaults for the rest. */
  set: readonly Knob[];
}

export const useVerifierKnobs = create<VerifierKnobs>(() => ({ knobs: defaultComparatorConfig(0.1), set: [] }));

export function setKnob<K extends Knob>(key: K, value: ToolCallComparatorConfig[K]) {
  useVerifierKnobs.setState((s) => ({ knobs: { ...s.knobs, [key]: value }, set: s.set.includes(key) ? s.set : [...s.set, key] }));
}

const PARALLEL_KNOBS = ["parallel_tool_call_rewarding", "allow_subset", "allow_superset", "parallel_tool_call_reward_mode"] as const;

/**
 * The knobs "try it" scores a row with: the ones the user set, and for the rest what the exported config would
 * say. With batch rows the config gets the export's parallel knobs (it writes them only then); without, a
 * config has none of those keys and Gym scores with its defaults.
 */
export function knobsFor(s: VerifierKnobs, withBatchRows: boolean): ToolCallComparatorConfig {
  if (!withBatchRows) return s.knobs;
  const out = { ...s.knobs };
  for (const key of PARALLEL_KNOBS) if (!s.set.includes(key)) (out as Record<string, unknown>)[key] = EXPORT_COMPARATOR_DEFAULTS[key];
  return out;
}

/** The knobs the user set, with their values, for the export's comparator config. */
export function knobsSet(s: VerifierKnobs = useVerifierKnobs.getState()): Partial<ToolCallComparatorConfig> {
  return Object.fromEntries(s.set.map((key) => [key, s.knobs[key]]));
}
