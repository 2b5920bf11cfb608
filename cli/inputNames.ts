import path from "node:path";

/**
 * How the CLI names each input in provenance, listings, the audit and the manifest: its file name, as the app
 * names a file it opens, unless another input has the same one (`a/data.jsonl`, `b/data.jsonl`); those keep the
 * path as given, so their rows are not taken for one file's (its task groups, duplicate lines, listing).
 */
export function inputNames(paths: readonly string[]): string[] {
  const bases = paths.map((p) => path.basename(p));
  const count = new Map<string, number>();
  for (const b of bases) count.set(b, (count.get(b) ?? 0) + 1);
  return paths.map((p, i) => (count.get(bases[i]!)! > 1 ? path.normalize(p).split(path.sep).join("/") : bases[i]!));
}
