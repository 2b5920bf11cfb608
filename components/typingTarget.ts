/** Inputs that take no typed text or arrow keys: a key pressed on them is the page's (a ticked checkbox keeps focus). */
const KEYLESS_INPUTS = new Set(["checkbox", "button", "submit", "reset", "file", "color", "image"]);

/** Whether a key event comes from a text field, where letters and ctrl+z belong to the field, not to shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.tagName === "INPUT") return !KEYLESS_INPUTS.has((el as HTMLInputElement).type);
  return el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable;
}

/** Whether the page's shortcuts leave a key alone: it is typed into a field, or a modal dialog is open. */
export function shortcutsPaused(e: KeyboardEvent): boolean {
  return isTypingTarget(e.target) || document.querySelector('[aria-modal="true"]') !== null;
}
