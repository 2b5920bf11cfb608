import { lstatSync, readlinkSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/**
 * What names a file on disk, for "would this write over that?" checks: its device and inode when it exists, so
 * a symlink, a hard link or a `../` path to the same file compare equal. A path that does not exist yet is named
 * by where a write would put it: a dangling symlink by its target, any other by its real folder and name.
 */
export function fileIdentity(p: string, hops = 0): string {
  try {
    const s = statSync(p);
    return `inode:${s.dev}:${s.ino}`;
  } catch {
    // Not there (or a link to nothing): follow a link, else name the path through its folder's real path.
  }
  try {
    if (hops < 16 && lstatSync(p).isSymbolicLink()) return fileIdentity(path.resolve(path.dirname(p), readlinkSync(p)), hops + 1);
  } catch {
    // not there at all
  }
  const dir = path.dirname(path.resolve(p));
  try {
    return `path:${path.join(realpathSync(dir), path.basename(p))}`;
  } catch {
    return `path:${path.resolve(p)}`;
  }
}
