import * as duckdb from "@duckdb/duckdb-wasm";
import { CREATE_TABLES } from "../ingest/rowColumns";
import { plain, type Row } from "./plain";

/**
 * The one owner of the in-browser database. duckdb-wasm runs in its own worker; its wasm and worker files are
 * emitted by the bundler from node_modules and served by this app (nothing from a CDN). Client-only.
 */
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: {
    mainModule: new URL("@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm", import.meta.url).href,
    mainWorker: new URL("@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js", import.meta.url).href,
  },
  eh: {
    mainModule: new URL("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm", import.meta.url).href,
    mainWorker: new URL("@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js", import.meta.url).href,
  },
};

export interface StudioDb {
  query(sql: string): Promise<Row[]>;
  /** Numeric columns as typed arrays (BIGINT as float64): no per-row objects, for results of 100k rows. */
  queryColumns(sql: string): Promise<Record<string, ArrayLike<number>>>;
  /** Runs statements in order; inserts and queries never interleave with each other. */
  exec(sql: string): Promise<void>;
  insertIpc(table: string, ipc: Uint8Array): Promise<void>;
}

let dbPromise: Promise<StudioDb> | null = null;

export function getDb(): Promise<StudioDb> {
  dbPromise ??= open();
  return dbPromise;
}

async function open(): Promise<StudioDb> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({});
  const conn = await db.connect();
  // No extension can be downloaded here; autoloading one would hang the query.
  await conn.query("SET autoinstall_known_extensions=false; SET autoload_known_extensions=false;");
  for (const sql of CREATE_TABLES) await conn.query(sql);
  // One connection, one queue: duckdb-wasm runs one statement at a time per connection anyway, and the queue
  // keeps an insert's rows visible to every query issued after it.
  let tail: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    query: (sql) => enqueue(async () => (await conn.query(sql)).toArray().map((r) => plain(r.toJSON()) as Row)),
    queryColumns: (sql) =>
      enqueue(async () => {
        const table = await conn.query(sql);
        const out: Record<string, ArrayLike<number>> = {};
        for (const field of table.schema.fields) {
          const values = table.getChild(field.name)!.toArray() as ArrayLike<number> | BigInt64Array;
          out[field.name] = values instanceof BigInt64Array ? Float64Array.from(values, Number) : (values as ArrayLike<number>);
        }
        return out;
      }),
    exec: (sql) => enqueue(async () => void (await conn.query(sql))),
    insertIpc: (table, ipc) => enqueue(() => conn.insertArrowFromIPCStream(ipc, { name: table, create: false })),
  };
}
