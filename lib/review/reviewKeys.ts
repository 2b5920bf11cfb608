/**
 * The review keyboard map, as a pure function of the key event so it is testable and the same everywhere:
 * a accept · r reject (then a digit picks the reason; r again shows the next ten reasons) · n next unreviewed · u / ctrl+z undo ·
 * shift+u / ctrl+shift+z redo · e edit note · ? key help · Escape closes the reason picker, else the key help.
 */
export type ReviewKeyAction =
  | { kind: "accept" }
  | { kind: "pick-reason" }
  | { kind: "reason"; digit: string }
  | { kind: "more-reasons" }
  | { kind: "cancel" }
  | { kind: "next-unreviewed" }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "edit-note" }
  | { kind: "help" }
  | { kind: "close-help" };

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function reviewKeyFor(e: KeyLike, picking: boolean, helpOpen = false): ReviewKeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && e.key.toLowerCase() === "z") return { kind: e.shiftKey ? "redo" : "undo" };
  if (mod || e.altKey) return null;
  if (picking && /^[0-9]$/.test(e.key)) return { kind: "reason", digit: e.key };
  if (picking && e.key === "Escape") return { kind: "cancel" };
  if (picking && e.key === "r") return { kind: "more-reasons" };
  if (helpOpen && e.key === "Escape") return { kind: "close-help" };
  switch (e.key) {
    case "a":
      return { kind: "accept" };
    case "r":
      return { kind: "pick-reason" };
    case "n":
      return { kind: "next-unreviewed" };
    case "u":
      return { kind: "undo" };
    case "U":
      return { kind: "redo" };
    case "e":
      return { kind: "edit-note" };
    case "?":
      return { kind: "help" };
    default:
      return null;
  }
}
