"use client";
import { useState } from "react";
import { allBreakdownsSql, LOAD_HEALTH_SQL, type BreakdownName } from "@/lib/metrics/basicMetrics";
import type { Row } from "@/lib/db/plain";
import type { ViewState } from "@/lib/view/viewState";
import { setView } from "./store/actions";
import { useStudio } from "./store/studioStore";
import { useQuery } from "./useQuery";

const TITLES: { name: BreakdownName; title: string }[] = [
  { name: "action_type", title: "Action type" },
  { name: "tool", title: "Tool (calls; a batch counts each)" },
  { name: "depth", title: "Depth" },
  { name: "turn", title: "Turn" },
  { name: "step", title: "Step" },
  { name: "finding", title: "Findings (rows)" },
  { name: "skip_reason", title: "Conversion" },
  { name: "reward_group", title: "Source-task reward group" },
];

/** Clicking a key narrows the view to it: the facet is the filter, in SQL like every other filter. */
function facetFilter(name: BreakdownName, key: string): ViewState["filters"][number] | null {
  if (name === "skip_reason") return { column: "skip_reason", value: key === "(kept)" ? "null" : `=${key}` };
  if (key === "(none)") return null;
  switch (name) {
    case "action_type":
      return { column: "action_type", value: `=${key}` };
    case "tool":
      return key === "(message)" ? null : { column: "tool_names", value: key };
    case "finding":
      return { column: "finding_codes", value: key };
    case "reward_group":
      return { column: "reward_group", value: `=${key}` };
    case "depth":
    case "turn":
    case "step":
      return { column: name, value: key };
    default:
      return null;
  }
}

function applyFacet(filter: ViewState["filters"][number]) {
  const view = useStudio.getState().view;
  void setView({ ...view, filters: [...view.filters.filter((f) => f.column !== filter.column), filter] });
}

/** Keys a breakdown lists before "show all" (a file with hundreds of tools keeps the panel short). */
const FIRST_KEYS = 30;

function Breakdown({ name, title, rows }: { name: BreakdownName; title: string; rows: Row[] }) {
  const [all, setAll] = useState(false);
  // Depth, turn and step only mean something where the rows carry them.
  if (name !== "action_type" && name !== "tool" && rows.every((r) => r.key === "(none)")) return null;
  if (name === "finding" && rows.length === 0) return null;
  const max = Math.max(1, ...rows.map((r) => r.n as number));
  return (
    <section className="breakdown" data-testid={`metric-${name}`}>
      <h3>{title}</h3>
      <table>
        <tbody>
          {(all ? rows : rows.slice(0, FIRST_KEYS)).map((r: Row) => (
            <tr key={String(r.key)} data-key={String(r.key)} data-count={String(r.n)}>
              <td className="key">
                <FacetKey name={name} value={String(r.key)} />
              </td>
              <td className="bar">
                <span style={{ width: `${(100 * (r.n as number)) / max}%` }} />
              </td>
              <td className="num">{(r.n as number).toLocaleString("en-US")}</td>
              <td className="num muted">{(r.pct as number).toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > FIRST_KEYS && (
        <button type="button" className="link" data-testid="breakdown-toggle" onClick={() => setAll(!all)}>
          {all ? `show the first ${FIRST_KEYS}` : `show all ${rows.length} (${rows.length - FIRST_KEYS} more)`}
        </button>
      )}
    </section>
  );
}

function FacetKey({ name, value }: { name: BreakdownName; value: string }) {
  const filter = facetFilter(name, value);
  if (!filter) return <span title={value}>{value}</span>;
  return (
    <button type="button" data-testid="facet" title={`show only ${value}`} onClick={() => applyFacet(filter)}>
      {value}
    </button>
  );
}

/** Counts and percents over the rows in view, computed with SQL in DuckDB. */
export function MetricsPanel() {
  const ready = useStudio((s) => s.loadState === "ready");
  const view = useStudio((s) => s.view);
  const { rows } = useQuery(ready ? LOAD_HEALTH_SQL : null);
  const { rows: breakdowns, error } = useQuery(ready ? allBreakdownsSql(view) : null);
  const health = rows?.[0];
  return (
    <div className="metrics" data-testid="metrics" data-ready={health ? "true" : "false"}>
      {health && (
        <p data-testid="metric-errors" data-rows={String(health.rows)} data-errors={String(health.errors)}>
          {(health.rows as number).toLocaleString("en-US")} rows loaded · bad lines (not loaded): {(health.errors as number).toLocaleString("en-US")}
        </p>
      )}
      {error && <p className="error-text">{error}</p>}
      {breakdowns &&
        TITLES.map((b) => <Breakdown key={b.name} {...b} rows={breakdowns.filter((r) => r.metric === b.name)} />)}
    </div>
  );
}
