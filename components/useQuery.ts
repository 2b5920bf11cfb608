"use client";
import { useEffect, useState } from "react";
import { getDb } from "@/lib/db/browserDb";
import type { Row } from "@/lib/db/plain";
import { useStudio } from "./store/studioStore";

/** Results fetched ahead for a data version (a load prefetches its panels' queries before it says ready). */
const prefetched = new Map<string, Row[]>();
const cacheKey = (version: number, sql: string) => `${version}\n${sql}`;

export async function prefetchQueries(version: number, sqls: string[]): Promise<void> {
  const db = await getDb();
  const results = await Promise.all(sqls.map((sql) => db.query(sql)));
  prefetched.clear();
  sqls.forEach((sql, i) => prefetched.set(cacheKey(version, sql), results[i]!));
}

/**
 * Runs `sql` against the in-browser DuckDB whenever it or the data changes; `null` skips. Queries that read
 * review decisions pass `readsDecisions` to re-run on each decision too (others are spared that work).
 */
export function useQuery(sql: string | null, readsDecisions = false): { rows: Row[] | null; error: string | null } {
  const version = useStudio((s) => (readsDecisions ? s.dataVersion * 1e6 + s.decisionVersion : s.dataVersion));
  const ready = sql === null ? undefined : prefetched.get(cacheKey(version, sql));
  const [state, setState] = useState<{ sql: string | null; version: number; rows: Row[] | null; error: string | null }>({
    sql: null,
    version: -1,
    rows: null,
    error: null,
  });
  useEffect(() => {
    if (sql === null || ready) return;
    let live = true;
    getDb()
      .then((db) => db.query(sql))
      .then(
        (rows) => live && setState({ sql, version, rows, error: null }),
        (e: Error) => live && setState({ sql, version, rows: null, error: e.message }),
      );
    return () => {
      live = false;
    };
  }, [sql, version, ready]);
  if (ready) return { rows: ready, error: null };
  // Stale results stay visible while the next ones load, so panels do not flicker.
  return { rows: state.rows, error: state.error };
}
