import { create } from "zustand";

/**
 * Which collapsible panels the user left open, by name: a panel that is mounted again (the next decision point's
 * "try it", the conversion panel after a reload of the files) opens as the user left it.
 */
export const usePanelsOpen = create<Record<string, boolean>>(() => ({}));

export function setPanelOpen(name: string, open: boolean): void {
  if (usePanelsOpen.getState()[name] !== open) usePanelsOpen.setState({ [name]: open });
}

/** Props for a `<details>` that remembers whether it is open. */
export function useRememberedOpen(name: string): { open: boolean; onToggle: (e: React.SyntheticEvent<HTMLDetailsElement>) => void } {
  const open = usePanelsOpen((s) => s[name] ?? false);
  return { open, onToggle: (e) => setPanelOpen(name, e.currentTarget.open) };
}
