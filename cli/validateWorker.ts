// Worker-thread entry for `pivot-studio validate`: one byte range per worker (bundled as dist/validate-worker.mjs).
import { parentPort, workerData } from "node:worker_threads";
import { validateScriptRange, type ScriptRangeJob } from "../lib/node/validateRange";

parentPort!.postMessage(await validateScriptRange(workerData as ScriptRangeJob));
