"use client";
import { useEffect, useReducer, useState } from "react";
import { isObject, type JsonObject } from "@/lib/formats/json";
import { candidateSummary, summarizeRow, type RowSummary } from "@/lib/formats/rowSummary";
import type { CandidateRef } from "@/lib/view/candidateRow";
import type { ViewKeys } from "@/lib/view/navigation";
import { loadRow, peekRow, rowKey } from "@/lib/view/rowCache";
import { verdictOf } from "@/lib/review";
import { useReview } from "../store/review";
import { fileById, useStudio, type LoadedFile } from "../store/studioStore";
import { CandidateFindings, RowFindings } from "../findings/RowFindings";
import { CandidateSource } from "./CandidateSource";
import { ExpectedAction } from "./ExpectedAction";
import { JsonTree } from "./JsonTree";
import { PrefixList } from "./PrefixList";
import { ShowMore } from "./ShowMore";
import { ToolList } from "./ToolList";
import { TryAction, useHasBatchRows } from "./TryAction";

interface Loaded {
  fileId: number;
  line: number;
  fileName: string;
  /** The row is a record of a `.json` document (row N is the list's item [N − 1]). */
  document: boolean;
  text: string;
  row: JsonObject;
  summary: RowSummary;
  /** Set when the row is a candidate converted from a trajectory. */
  candidate: CandidateRef | null;
}

/** The candidate behind key `i`, when its file's trajectories were converted. */
function candidateAt(keys: ViewKeys, i: number, conversion: LoadedFile["conversion"]): CandidateRef | null {
  const candidateIndex = keys.candidates[i] ?? -1;
  if (!conversion || candidateIndex < 0) return null;
  return { conversion, candidateIndex, sourceLine: keys.sourceLines[i]! };
}

const RAW_PRETTY_LIMIT = 2_000_000;

/**
 * The current row, read back from its file by byte range. A row already read (the neighbours are read ahead)
 * renders in the same pass as the step; otherwise it renders when its bytes arrive.
 */
function useCurrentRow(): { loaded: Loaded | null; error: string | null } {
  const cursor = useStudio((s) => s.cursor);
  const keys = useStudio((s) => s.keys);
  const files = useStudio((s) => s.files);
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const [, arrived] = useReducer((n: number) => n + 1, 0);
  const inRange = cursor >= 0 && cursor < keys.lines.length;
  const file = inRange ? files.find((f) => f.fileId === keys.fileIds[cursor]) : undefined;
  const line = inRange ? keys.lines[cursor]! : 0;
  const key = file ? rowKey(file.fileId, line) : "";
  const cached = key ? peekRow(key) : undefined;

  useEffect(() => {
    if (!inRange) return;
    let live = true;
    const fetchAt = (i: number) => {
      const f = fileById(useStudio.getState(), keys.fileIds[i]!);
      return f
        ? loadRow(rowKey(f.fileId, keys.lines[i]!), f.file, keys.offsets[i]!, keys.lengths[i]!, candidateAt(keys, i, f.conversion) ?? undefined)
        : null;
    };
    const readAhead = () => {
      for (const i of [cursor + 1, cursor - 1]) if (i >= 0 && i < keys.lines.length) fetchAt(i)?.catch(() => undefined);
    };
    const current = fetchAt(cursor);
    current?.then(
      () => {
        if (live) arrived();
        readAhead();
      },
      (e: Error) => live && setFailure({ key: rowKey(keys.fileIds[cursor]!, keys.lines[cursor]!), message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [cursor, keys, inRange]);

  if (failure && failure.key === key) return { loaded: null, error: failure.message };
  if (!file) return { loaded: null, error: null };
  // While the bytes of a row not read ahead arrive (a jump), the last row shown stays on screen.
  if (!cached) return { loaded: lastShown, error: null };
  const candidate = candidateAt(keys, cursor, file.conversion);
  const result = candidate && isObject(cached.value) ? { ok: true as const, summary: candidateSummary(cached.value as { responses_create_params: object }) } : summarizeRow(cached.value);
  if (!result.ok || !isObject(cached.value)) return { loaded: null, error: result.ok ? "not an object" : result.error };
  const loaded = { fileId: file.fileId, line, fileName: file.name, document: file.document !== null, text: cached.text, row: cached.value, summary: result.summary, candidate };
  rememberShown(loaded);
  return { loaded, error: null };
}

/** The review verdict of the row shown (by its content hash, which is in the view keys at the cursor). */
function useVerdictOf(loaded: Loaded | null): string {
  const hash = useStudio((s) => {
    const i = s.cursor;
    return loaded && i >= 0 && s.keys.lines[i] === loaded.line && s.keys.fileIds[i] === loaded.fileId ? (s.keys.hashes[i] ?? null) : null;
  });
  return useReview((r) => (hash ? verdictOf(r.state, hash) : "unreviewed"));
}

/** The decision-point view is a singleton, so "the last row shown" is one value. */
let lastShown: Loaded | null = null;
function rememberShown(row: Loaded) {
  lastShown = row;
}

/** No row to show: nothing open, nothing loaded, or a filter that matches no row. */
function EmptyDecision() {
  const files = useStudio((s) => s.files.length);
  const loaded = useStudio((s) => s.loadState === "ready");
  const filtered = useStudio((s) => s.view.filters.length > 0);
  const errors = useStudio((s) => s.files.some((f) => f.errorTotal > 0));
  const forcedFormat = useStudio((s) => s.files.some((f) => f.conversion && f.conversion.options.format !== "auto"));
  const text =
    files === 0 || !loaded
      ? "Open a file to step through its decision points."
      : filtered
        ? "No row matches the filter: change it, or clear the filters."
        : errors
          ? "No rows loaded from the open files (see the errors above)."
          : `No decision points in the open files${forcedFormat ? ": is the chosen trajectory format right?" : "."}`;
  return (
    <div className="decision-empty muted" data-testid="decision-empty">
      {text}
    </div>
  );
}

export function DecisionPoint() {
  const { loaded, error } = useCurrentRow();
  const verdict = useVerdictOf(loaded);
  const batchRows = useHasBatchRows();
  const [raw, setRaw] = useState(false);
  if (error) return <p className="error-text">Could not read this row: {error}</p>;
  if (!loaded) return <EmptyDecision />;
  const { row, summary } = loaded;
  const params = isObject(row.responses_create_params) ? row.responses_create_params : {};
  const response = isObject(row.response) ? row.response : null;
  return (
    <article
      className="decision-point"
      data-testid="decision-point"
      data-file={loaded.fileName}
      data-line={String(loaded.line)}
      data-row-kind={summary.row_kind}
      data-action-type={summary.action_type ?? "other"}
      data-tool-name={summary.tool_name}
      data-verdict={verdict}
    >
      <header className="dp-head">
        <span>
          <strong>{loaded.fileName}</strong>{" "}
          {loaded.candidate ? (
            <>
              decision point {loaded.line} ·{" "}
              {loaded.candidate.conversion.document ? `record ${loaded.candidate.sourceLine - 1}` : `source line ${loaded.candidate.sourceLine}`} · action #
              {loaded.candidate.candidateIndex}
            </>
          ) : (
            <>{loaded.document ? `record ${loaded.line - 1}` : `line ${loaded.line}`}</>
          )}
        </span>
        <span className="badge">{summary.row_kind}</span>
        {summary.trajectory_id !== null && <span className="muted">trajectory {summary.trajectory_id}</span>}
        {summary.turn !== null && (
          <span className="muted">
            turn {summary.turn} · step {summary.step ?? "–"} · depth {summary.depth ?? "–"}
          </span>
        )}
        {summary.agent_ref && <span className="muted">agent_ref {summary.agent_ref}</span>}
        {summary.reward !== null && <span className="badge">reward {summary.reward}</span>}
        <button type="button" className="button small" data-testid="raw-toggle" onClick={() => setRaw(!raw)} aria-pressed={raw}>
          {raw ? "Rendered" : "Raw JSON"}
        </button>
      </header>
      {raw ? (
        <section className="raw" data-testid="raw-json">
          {loaded.text.length > RAW_PRETTY_LIMIT ? <ShowMore text={loaded.text} limit={RAW_PRETTY_LIMIT} className="text code" /> : <JsonTree value={row} openDepth={2} />}
        </section>
      ) : summary.row_kind === "trajectory" ? (
        <>
          <p className="notice">A trajectory row in a file that was not converted (its first rows are not trajectories). Its messages:</p>
          <JsonTree value={row} openDepth={2} />
        </>
      ) : (
        <div className="dp-body">
          <div className="dp-main">
            {loaded.candidate && <CandidateSource fileId={loaded.fileId} line={loaded.line} candidate={row} />}
            {loaded.candidate ? (
              <CandidateFindings candidate={row} />
            ) : (
              summary.row_kind === "pivot" && <RowFindings fileId={loaded.fileId} line={loaded.line} />
            )}
            {"expected_action" in row && <ExpectedAction action={row.expected_action} />}
            {"expected_action" in row && (
              <TryAction
                key={`${loaded.fileId}:${loaded.line}`}
                expectedAction={row.expected_action}
                start={response ? response.output : row.expected_action}
                batchRows={batchRows}
              />
            )}
            {response && (
              <section className="response" data-testid="rollout-response">
                {row.category !== undefined && <p className="muted">category: {String(row.category)}</p>}
                <PrefixList input={response.output} title={"expected_action" in row ? "Model response" : "Trajectory (response.output)"} />
              </section>
            )}
            <PrefixList input={params.input} />
          </div>
          <aside className="dp-side">
            <ToolList tools={params.tools} expected={summary.tool_names} />
          </aside>
        </div>
      )}
    </article>
  );
}
