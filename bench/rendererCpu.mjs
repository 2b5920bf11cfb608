// CPU time (user + system) of Chromium's renderer processes, by kind of thread, from Linux's /proc: where a load's
// work goes. The page's JavaScript runs on the main thread ("chromium"), its workers (the parse workers and
// DuckDB's) on "DedicatedWorker" threads, and V8's background work (optimizing compiles of JS and wasm, concurrent
// GC) on "ThreadPoolForeg…" threads. Elsewhere than Linux it reports nothing.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICK_S = 0.01; // USER_HZ: /proc reports CPU in 1/100 s

function kindOf(threadName) {
  if (threadName === "chromium") return "main";
  if (threadName.startsWith("DedicatedWorker")) return "workers";
  if (threadName.startsWith("ThreadPoolForeg")) return "v8_background";
  return "other";
}

function rendererPids() {
  try {
    return execFileSync("pgrep", ["-f", "chromium.*--type=renderer"]).toString().trim().split("\n").map(Number);
  } catch {
    return [];
  }
}

/** Ticks per thread ("pid/tid") of every renderer, with each thread's kind. */
function snapshot() {
  const threads = new Map();
  for (const pid of rendererPids()) {
    let tids = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // exited
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        threads.set(`${pid}/${tid}`, { kind: kindOf(name), ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // the thread ended between listing and reading
      }
    }
  }
  return threads;
}

/** Starts counting; the returned function gives the seconds of CPU used since, in total and by kind of thread. */
export function rendererCpu() {
  const before = snapshot();
  return () => {
    const used = { total: 0, main: 0, workers: 0, v8_background: 0, other: 0 };
    for (const [id, { kind, ticks }] of snapshot()) {
      const s = (ticks - (before.get(id)?.ticks ?? 0)) * TICK_S;
      used[kind] += s;
      used.total += s;
    }
    return Object.fromEntries(Object.entries(used).map(([k, v]) => [k, +v.toFixed(2)]));
  };
}
