// Worker-thread entry for `pivot-studio export`: byte ranges of the inputs through the export's per-row work
// (bundled as dist/export-worker.mjs, beside dist/cli.mjs).
import { parentPort } from "node:worker_threads";
import { serveChunks } from "../lib/export/nodeChunk";

serveChunks(parentPort!);
