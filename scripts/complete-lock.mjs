// Completes package-lock.json with the platform binaries a registry mirror does not serve.
//
// `npm ci` (npm 11) refuses a lock that lacks an entry for any optional dependency, for every platform
// (@next/swc-darwin-arm64, @unrs/resolver-binding-win32-x64-msvc, …). A lock written against a mirror that
// serves only Linux binaries has no such entries, so `npm ci` fails on a fresh clone. This adds each missing
// one as npm would record it (version, os, cpu, optional), without `integrity`, which only the full registry
// can give: npm skips them on other platforms and fetches them by version where they apply.
// Run it after `npm install` changes the lock: `node scripts/complete-lock.mjs`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const LOCK = path.resolve(import.meta.dirname, "..", "package-lock.json");
const OSES = new Set(["darwin", "win32", "linux", "android", "freebsd", "openharmony"]);
const CPUS = new Set(["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x"]);

/** The platform a binary package is for, read from its name (`@next/swc-darwin-arm64` → darwin, arm64). */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const osAt = parts.findIndex((p) => OSES.has(p));
  const cpu = parts.slice(osAt + 1).find((p) => CPUS.has(p));
  if (osAt < 0 || !cpu) throw new Error(`complete-lock: cannot tell the platform of ${name}; add its lock entry by hand`);
  return { os: parts[osAt], cpu };
}

const lock = JSON.parse(readFileSync(LOCK, "utf8"));
const added = [];
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`;
    if (lock.packages[at]) continue;
    const { os, cpu } = platformOf(name);
    lock.packages[at] = { version, cpu: [cpu], ...(entry.dev ? { dev: true } : {}), optional: true, os: [os] };
    added.push(`${name}@${version}`);
  }
}
// npm keeps the root ("") first and the rest in code-unit order.
const byPath = ([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0);
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(byPath));
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + "\n");
console.log(added.length ? `complete-lock: added ${added.join(", ")}` : "complete-lock: nothing missing");
