import { createRequire } from "node:module";
import path from "node:path";
import * as duckdb from "@duckdb/duckdb-wasm/blocking";
import { CREATE_TABLES } from "../ingest/rowColumns";
import { plain, type Row } from "../db/plain";

/**
 * The same duckdb-wasm engine the page uses, run synchronously in Node for tests: SQL is tested by running it.
 * Test-only; production code never imports lib/testing.
 */
export interface TestDb {
  query(sql: string): Row[];
  insertIpc(table: string, ipc: Uint8Array): void;
}

export async function openTestDb(): Promise<TestDb> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, "duckdb-mvp.wasm"), mainWorker: path.join(dist, "duckdb-node-mvp.worker.cjs") },
      eh: { mainModule: path.join(dist, "duckdb-eh.wasm"), mainWorker: path.join(dist, "duckdb-node-eh.worker.cjs") },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({});
  const conn = db.connect();
  conn.query("SET autoinstall_known_extensions=false; SET autoload_known_extensions=false;");
  for (const sql of CREATE_TABLES) conn.query(sql);
  return {
    query: (sql) => conn.query(sql).toArray().map((r) => plain(r.toJSON()) as Row),
    insertIpc: (table, ipc) => conn.insertArrowFromIPCStream(ipc, { name: table, create: false }),
  };
}
