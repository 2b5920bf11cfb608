"use client";
import { cancelLoad } from "./store/actions";
import { totalErrors, totalRows, useStudio } from "./store/studioStore";
import { countText } from "./countText";

function mb(bytes: number) {
  return (bytes / 1e6).toFixed(1);
}

/** Load state, counts and the progress bar (bytes, rows, rows/s) with cancel. */
export function LoadStatus() {
  const loadState = useStudio((s) => s.loadState);
  const message = useStudio((s) => s.message);
  const progress = useStudio((s) => s.progress);
  const rows = useStudio(totalRows);
  const errors = useStudio(totalErrors);
  const dbReady = useStudio((s) => s.dbReady);
  const loading = loadState === "loading";
  const liveRows = loading ? (progress?.rows ?? 0) : rows;
  const rate = progress && progress.elapsedMs > 0 ? Math.round((progress.rows / progress.elapsedMs) * 1000) : 0;
  const pct = progress && progress.bytesTotal > 0 ? (100 * progress.bytesDone) / progress.bytesTotal : 0;
  return (
    <div className="load-status">
      <span data-testid="load-status" data-state={loadState} data-db={dbReady ? "ready" : "starting"} className={`state state-${loadState}`}>
        {loading ? "Loading…" : loadState === "ready" ? "Ready" : loadState === "error" ? "Error" : dbReady ? "No file open" : "Starting database…"}
      </span>
      <span data-testid="row-count" data-value={String(liveRows)}>
        {liveRows.toLocaleString("en-US")} rows
      </span>
      <span data-testid="error-count" data-value={String(loading ? (progress?.errors ?? 0) : errors)} className={errors ? "has-errors" : ""}>
        {countText(loading ? (progress?.errors ?? 0) : errors, "bad line")}
      </span>
      {loading && progress && (
        <span className="progress" data-testid="load-progress">
          <progress max={100} value={pct} />
          <span>
            {mb(progress.bytesDone)} / {mb(progress.bytesTotal)} MB · {rate.toLocaleString("en-US")} rows/s · {progress.fileName}
          </span>
          <button type="button" className="button small" data-testid="cancel-load" onClick={cancelLoad}>
            Cancel
          </button>
        </span>
      )}
      {message && <span className="message">{message}</span>}
    </div>
  );
}
