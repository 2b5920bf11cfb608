import { create } from "zustand";
import { defaultComparatorConfig, type ToolCallComparatorConfig } from "@/lib/verify/compareAction";

/** The verifier knobs the "try it" panel scores with; kept across rows. Defaults: Gym's single-step config. */
export const useVerifierKnobs = create<ToolCallComparatorConfig>(() => defaultComparatorConfig(0.1));

export function setKnob<K extends keyof ToolCallComparatorConfig>(key: K, value: ToolCallComparatorConfig[K]) {
  useVerifierKnobs.setState({ [key]: value } as Pick<ToolCallComparatorConfig, K>);
}
