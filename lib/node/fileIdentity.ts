import { statSync } from "node:fs";
import path from "node:path";

/**
 * What names a file on disk, for "would this write over that?" checks: its device and inode when it exists, so
 * a symlink, a hard link or a `../` path to the same file compare equal; else its absolute path.
 */
export function fileIdentity(p: string): string {
  try {
    const s = statSync(p);
    return `inode:${s.dev}:${s.ino}`;
  } catch {
    return `path:${path.resolve(p)}`;
  }
}
