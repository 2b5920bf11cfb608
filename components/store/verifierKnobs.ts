import { create } from "zustand";
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

/** The knobs the user set, with their values, for the export's comparator config. */
export function knobsSet(s: VerifierKnobs = useVerifierKnobs.getState()): Partial<ToolCallComparatorConfig> {
  return Object.fromEntries(s.set.map((key) => [key, s.knobs[key]]));
}
