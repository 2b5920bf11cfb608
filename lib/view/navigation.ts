/**
 * Stepping through the rows in view. The view's order is held as two parallel arrays (file id, line), fetched
 * once per filter/sort, so a step never waits on a query.
 */
export interface ViewKeys {
  fileIds: Int32Array;
  lines: Int32Array;
  /** Where each row's bytes are in its file, so showing a row needs no query. */
  offsets: Float64Array;
  lengths: Int32Array;
  /** Each row's content hash: what review decisions are keyed by. */
  hashes: readonly string[];
  /** Converted trajectories: each row's candidate index and source line (-1 on rows loaded as they are). */
  candidates: Int32Array;
  sourceLines: Int32Array;
}

export const NO_KEYS: ViewKeys = {
  fileIds: new Int32Array(0),
  lines: new Int32Array(0),
  offsets: new Float64Array(0),
  lengths: new Int32Array(0),
  hashes: [],
  candidates: new Int32Array(0),
  sourceLines: new Int32Array(0),
};

/** The first row after `from` (wrapping around) whose decision is still open, or -1 when every row is decided. */
export function nextUndecided(keys: ViewKeys, from: number, isDecided: (hash: string) => boolean): number {
  const n = keys.hashes.length;
  for (let step = 1; step <= n; step++) {
    const i = (from + step) % n;
    if (!isDecided(keys.hashes[i]!)) return i;
  }
  return -1;
}

export function clampIndex(index: number, total: number): number {
  if (total === 0) return -1;
  return Math.min(Math.max(index, 0), total - 1);
}

export function indexOfRow(keys: ViewKeys, fileId: number, line: number): number {
  for (let i = 0; i < keys.lines.length; i++) {
    if (keys.lines[i] === line && keys.fileIds[i] === fileId) return i;
  }
  return -1;
}

/** The first row of `fileId` at or after `line` (jump to a line that was blank or bad lands on the next row). */
export function indexAtOrAfterLine(keys: ViewKeys, fileId: number, line: number): number {
  let best = -1;
  for (let i = 0; i < keys.lines.length; i++) {
    if (keys.fileIds[i] !== fileId) continue;
    const l = keys.lines[i]!;
    if (l >= line && (best < 0 || l < keys.lines[best]!)) best = i;
  }
  return best;
}

export type NavKey = "next" | "prev" | "first" | "last";

/** Keyboard bindings: j/k and arrows step, g/G go to the ends. */
export function navKeyFor(key: string): NavKey | null {
  switch (key) {
    case "j":
    case "ArrowDown":
    case "ArrowRight":
      return "next";
    case "k":
    case "ArrowUp":
    case "ArrowLeft":
      return "prev";
    case "g":
    case "Home":
      return "first";
    case "G":
    case "End":
      return "last";
    default:
      return null;
  }
}

export function applyNav(nav: NavKey, index: number, total: number): number {
  switch (nav) {
    case "next":
      return clampIndex(index + 1, total);
    case "prev":
      return clampIndex(index - 1, total);
    case "first":
      return clampIndex(0, total);
    case "last":
      return clampIndex(total - 1, total);
  }
}
