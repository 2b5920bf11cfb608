import type { LoadedFile } from "./store/studioStore";

/**
 * A row's place as the page names it: `file:line` for a row of a file, `file · point N` for a decision point
 * converted from a trajectory (its number among the file's candidates, not a line of the file).
 */
export function rowPlaceText(file: Pick<LoadedFile, "name" | "conversion"> | undefined, fileName: string, line: number): string {
  return file?.conversion ? `${fileName} · point ${line}` : `${fileName}:${line}`;
}
