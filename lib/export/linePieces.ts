/**
 * A rewritten line as pieces: spans of the source line's text, copied as they are, and new text, in order.
 * The same pieces become a string (`joinPieces`) or, in a worker thread, bytes copied straight from the source
 * line's bytes — so a normalized row is never built as a string there only to be encoded again.
 */
import type { EncodedLine } from "./sink";

/** New text, or the span [start, end) of the source line's text. */
export type LinePiece = string | readonly [start: number, end: number];

/** An object in Python's `json.dumps` layout (`{"k": v, "k2": v2}`), from its members' key and value pieces. */
export function objectPieces(members: readonly (readonly [key: LinePiece, value: readonly LinePiece[]])[]): LinePiece[] {
  const out: LinePiece[] = ["{"];
  members.forEach(([key, value], i) => {
    if (i > 0) out.push(", ");
    out.push(key, ": ", ...value);
  });
  out.push("}");
  return out;
}

/** An array in `json.dumps` layout (`[a, b]`). */
export function arrayPieces(elements: readonly (readonly LinePiece[])[]): LinePiece[] {
  const out: LinePiece[] = ["["];
  elements.forEach((element, i) => {
    if (i > 0) out.push(", ");
    out.push(...element);
  });
  out.push("]");
  return out;
}

export function joinPieces(text: string, pieces: readonly LinePiece[]): string {
  const only = pieces.length === 1 ? pieces[0] : undefined;
  if (only !== undefined && typeof only !== "string" && only[0] === 0 && only[1] === text.length) return text;
  return pieces.map((p) => (typeof p === "string" ? p : text.slice(p[0], p[1]))).join("");
}

/** Turns a kept row's pieces into the line to write: text by default; bytes in a worker thread. */
export type LineEncoder = (text: string, pieces: readonly LinePiece[]) => string | EncodedLine;
