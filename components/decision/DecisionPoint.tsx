"use client";
import { useEffect, useState } from "react";
import { isObject, type JsonObject } from "@/lib/formats/json";
import { summarizeRow, type RowSummary } from "@/lib/formats/rowSummary";
import { loadRow, rowKey } from "@/lib/view/rowCache";
import { fileById, useStudio } from "../store/studioStore";
import { ExpectedAction } from "./ExpectedAction";
import { JsonTree } from "./JsonTree";
import { PrefixList } from "./PrefixList";
import { ShowMore } from "./ShowMore";
import { ToolList } from "./ToolList";

interface Loaded {
  fileId: number;
  line: number;
  fileName: string;
  text: string;
  row: JsonObject;
  summary: RowSummary;
}

const RAW_PRETTY_LIMIT = 2_000_000;

/** Reads the current row back from its file by byte range (cached), and reads its neighbours ahead. */
function useCurrentRow(): { loaded: Loaded | null; error: string | null } {
  const cursor = useStudio((s) => s.cursor);
  const keys = useStudio((s) => s.keys);
  const [state, setState] = useState<{ loaded: Loaded | null; error: string | null }>({ loaded: null, error: null });
  useEffect(() => {
    if (cursor < 0 || cursor >= keys.lines.length) return;
    let live = true;
    const fetchAt = (i: number) => {
      const file = fileById(useStudio.getState(), keys.fileIds[i]!);
      if (!file) return null;
      return { file, row: loadRow(rowKey(file.fileId, keys.lines[i]!), file.file, keys.offsets[i]!, keys.lengths[i]!) };
    };
    const current = fetchAt(cursor);
    if (!current) return;
    current.row
      .then(({ text, value }) => {
        if (!live) return;
        const result = summarizeRow(value);
        if (!result.ok || !isObject(value)) setState({ loaded: null, error: result.ok ? "not an object" : result.error });
        else
          setState({
            loaded: { fileId: current.file.fileId, line: keys.lines[cursor]!, fileName: current.file.name, text, row: value, summary: result.summary },
            error: null,
          });
        for (const i of [cursor + 1, cursor - 1]) if (i >= 0 && i < keys.lines.length) fetchAt(i)?.row.catch(() => undefined);
      })
      .catch((e: Error) => live && setState({ loaded: null, error: e.message }));
    return () => {
      live = false;
    };
  }, [cursor, keys]);
  return state;
}

export function DecisionPoint() {
  const { loaded, error } = useCurrentRow();
  const [raw, setRaw] = useState(false);
  if (error) return <p className="error-text">Could not read this row: {error}</p>;
  if (!loaded) return <div className="decision-empty muted">Open a file to step through its decision points.</div>;
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
    >
      <header className="dp-head">
        <span>
          <strong>{loaded.fileName}</strong> line {loaded.line}
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
          <p className="notice">Trajectory file — conversion into decision points comes next. Its messages:</p>
          <JsonTree value={row} openDepth={2} />
        </>
      ) : (
        <div className="dp-body">
          <div className="dp-main">
            {"expected_action" in row && <ExpectedAction action={row.expected_action} />}
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
