import { describe, expect, it } from "vitest";
import { reviewKeyFor } from "./reviewKeys";

const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: key.length === 1 && key !== key.toLowerCase(),
  altKey: false,
  ...mods,
});

describe("review keys", () => {
  it("maps the documented keys", () => {
    expect(["a", "r", "n", "u", "U", "e", "?"].map((key) => reviewKeyFor(k(key), false)?.kind)).toEqual([
      "accept",
      "pick-reason",
      "next-unreviewed",
      "undo",
      "redo",
      "edit-note",
      "help",
    ]);
    expect(reviewKeyFor(k("z", { ctrlKey: true }), false)).toEqual({ kind: "undo" });
    expect(reviewKeyFor(k("Z", { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: "redo" });
    expect(reviewKeyFor(k("z", { metaKey: true, shiftKey: true }), false)).toEqual({ kind: "redo" });
  });

  it("reads digits and Escape only while the reason picker is open", () => {
    expect(reviewKeyFor(k("3"), true)).toEqual({ kind: "reason", digit: "3" });
    expect(reviewKeyFor(k("0"), true)).toEqual({ kind: "reason", digit: "0" });
    expect(reviewKeyFor(k("3"), false)).toBeNull();
    expect(reviewKeyFor(k("Escape"), true)).toEqual({ kind: "cancel" });
    expect(reviewKeyFor(k("Escape"), false)).toBeNull();
  });

  it("Escape closes the key help when it is open (the reason picker first, when both are)", () => {
    expect(reviewKeyFor(k("Escape"), false, true)).toEqual({ kind: "close-help" });
    expect(reviewKeyFor(k("Escape"), true, true)).toEqual({ kind: "cancel" });
    expect(reviewKeyFor(k("?"), false, true)).toEqual({ kind: "help" });
  });

  it("r opens the picker, and r again while it is open shows the next ten reasons", () => {
    expect(reviewKeyFor(k("r"), false)).toEqual({ kind: "pick-reason" });
    expect(reviewKeyFor(k("r"), true)).toEqual({ kind: "more-reasons" });
  });

  it("leaves other keys and modified letters alone (j/k belong to navigation; ctrl+a selects text)", () => {
    expect(reviewKeyFor(k("j"), false)).toBeNull();
    expect(reviewKeyFor(k("a", { ctrlKey: true }), false)).toBeNull();
    expect(reviewKeyFor(k("a", { altKey: true }), false)).toBeNull();
  });
});
