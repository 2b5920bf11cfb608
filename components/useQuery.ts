"use client";
import { useEffect, useState } from "react";
import { getDb } from "@/lib/db/browserDb";
import type { Row } from "@/lib/db/plain";
import { useStudio } from "./store/studioStore";

/** Runs `sql` against the in-browser DuckDB whenever it or the data changes; `null` skips. */
export function useQuery(sql: string | null): { rows: Row[] | null; error: string | null } {
  const version = useStudio((s) => s.dataVersion);
  const [state, setState] = useState<{ sql: string | null; version: number; rows: Row[] | null; error: string | null }>({
    sql: null,
    version: -1,
    rows: null,
    error: null,
  });
  useEffect(() => {
    if (sql === null) return;
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
  }, [sql, version]);
  // Stale results stay visible while the next ones load, so panels do not flicker.
  return { rows: state.rows, error: state.error };
}
