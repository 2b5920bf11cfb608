import * as duckdb from "@duckdb/duckdb-wasm";
import type { Table } from "apache-arrow";
import { CREATE_TABLES } from "../ingest/rowColumns";
import { plain, type Row } from "./plain";
import { isStringColumn, stringValues } from "./stringColumn";

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
  /**
   * Inserts and runs statements on temp copies of the tables, in a connection of its own that is then closed:
   * the app's tables never see them. For compiling DuckDB's code ahead of a load (lib/ingest/rehearsal).
   */
  rehearse(inserts: { table: string; ipc: Uint8Array }[], statements: string[]): Promise<void>;
}

let dbPromise: Promise<StudioDb> | null = null;

const PROGRESS_WARNING = "instantiating without progress handler";

/**
 * DuckDB's worker, started so that the browser can keep its compiled WebAssembly. duckdb-wasm pipes the module's
 * download through a TransformStream (to report progress), and a module compiled from such a made-up response
 * cannot be cached; without TransformStream it compiles from the fetch itself, which the browser caches with
 * the optimized code V8 produced, so later visits skip most of the compiling.
 */
function codeCachedWorker(url: string): Worker {
  // duckdb-wasm then warns, on every start, that it has no progress to report: that is meant, so not shown.
  const start = [
    "self.TransformStream = undefined;",
    `{ const warn = console.warn; console.warn = (...a) => String(a[0]).startsWith(${JSON.stringify(PROGRESS_WARNING)}) || warn(...a); }`,
    `importScripts(${JSON.stringify(url)});`,
  ].join("\n");
  return new Worker(URL.createObjectURL(new Blob([start], { type: "text/javascript" })));
}

export function getDb(): Promise<StudioDb> {
  dbPromise ??= open();
  return dbPromise;
}

async function open(): Promise<StudioDb> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  // Absolute: the worker's own address is a blob: URL, against which the bundler's paths resolve to nothing.
  const absolute = (url: string) => new URL(url, location.href).href;
  const worker = codeCachedWorker(absolute(bundle.mainWorker!));
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  await db.instantiate(absolute(bundle.mainModule), bundle.pthreadWorker);
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
  // Results are turned into JS values outside the queue: the next statement runs meanwhile.
  return {
    query: (sql) => enqueue(() => conn.query(sql)).then((table) => table.toArray().map((r) => plain(r.toJSON()) as Row)),
    queryColumns: (sql) => enqueue(() => conn.query(sql)).then(columnsOf),
    exec: (sql) => enqueue(async () => void (await conn.query(sql))),
    insertIpc: (table, ipc) => enqueue(() => conn.insertArrowFromIPCStream(ipc, { name: table, create: false })),
    rehearse: async (inserts, statements) => {
      const scratch = await db.connect();
      try {
        // Unqualified names resolve to temp tables first, so the statements run unchanged on the copies.
        for (const sql of CREATE_TABLES) await scratch.query(sql.replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMP TABLE"));
        for (const { table, ipc } of inserts) await scratch.insertArrowFromIPCStream(ipc, { name: table, create: false });
        for (const sql of statements) await scratch.query(sql);
      } finally {
        await scratch.close();
      }
    },
  };
}

/** A result's numeric columns as typed arrays (BIGINT as float64), its string columns as arrays. */
function columnsOf(table: Table): Record<string, ArrayLike<number>> {
  const out: Record<string, ArrayLike<number>> = {};
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name)!;
    if (isStringColumn(column)) {
      out[field.name] = stringValues(column) as unknown as ArrayLike<number>;
      continue;
    }
    const values = column.toArray() as ArrayLike<number> | BigInt64Array;
    out[field.name] = values instanceof BigInt64Array ? Float64Array.from(values, Number) : (values as ArrayLike<number>);
  }
  return out;
}
