"use client";
import { memo, useEffect, useRef, useState } from "react";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { getDb } from "@/lib/db/browserDb";
import type { Row } from "@/lib/db/plain";
import { viewPageSql, type FilterColumn, type ViewState } from "@/lib/view/viewState";
import { FindingBadge } from "./findings/FindingBadge";
import { goTo, setView } from "./store/actions";
import { useStudio } from "./store/studioStore";

/**
 * The derived columns as a virtualized table. Rows are read from DuckDB in pages for the visible window only;
 * sorting and filtering are SQL (the view state), so 100k rows cost what 50 do.
 */
const PAGE = 100;
const ROW_HEIGHT = 28;
/** At least the sticky header's height (its filter boxes included): rows under it are not in sight. */
const HEADER_ALLOWANCE = 3 * ROW_HEIGHT;

type TableRow = Row & { __index: number };
const NO_ROWS: TableRow[] = [];

const COLUMNS: { id: FilterColumn; header: string; width: number }[] = [
  { id: "verdict", header: "verdict", width: 90 },
  { id: "file_name", header: "file", width: 150 },
  { id: "line", header: "line", width: 60 },
  { id: "row_kind", header: "kind", width: 70 },
  { id: "action_type", header: "action", width: 130 },
  { id: "tool_name", header: "tool", width: 180 },
  { id: "call_count", header: "calls", width: 50 },
  { id: "trajectory_id", header: "trajectory", width: 90 },
  { id: "turn", header: "turn", width: 50 },
  { id: "step", header: "step", width: 50 },
  { id: "depth", header: "depth", width: 55 },
  { id: "input_items", header: "items", width: 55 },
  { id: "last_item", header: "last item", width: 120 },
  { id: "tool_count", header: "tools", width: 50 },
  { id: "agent_ref", header: "agent_ref", width: 200 },
  { id: "reward", header: "reward", width: 60 },
  { id: "error_count", header: "errors", width: 55 },
  { id: "finding_codes", header: "findings", width: 260 },
  // Converted trajectories: the trajectory's line in its file (`line` numbers the decision points).
  { id: "source_line", header: "source line", width: 80 },
  { id: "skip_reason", header: "skipped as", width: 150 },
  { id: "reward_group", header: "task group", width: 100 },
];

const helper = createColumnHelper<TableRow>();
const columnDefs = COLUMNS.map((c) => helper.accessor((r) => r[c.id], { id: c.id, header: c.header, size: c.width }));

function cellContent(column: FilterColumn, v: unknown) {
  if (column === "finding_codes") return Array.isArray(v) ? v.map((code) => <FindingBadge key={String(code)} code={String(code)} />) : "";
  return v === null || v === undefined ? "" : String(v);
}

/**
 * One table row. Memoized on its page row, index and whether it is current: a step re-renders the two rows
 * whose highlight changes and a scroll only the rows that come into view, not every cell of the window.
 */
const TableRowView = memo(function TableRowView({ row, index, current }: { row: Row | undefined; index: number; current: boolean }) {
  return (
    <div
      className={`tr${current ? " current" : ""}`}
      data-testid="table-row"
      data-index={index}
      data-line={row?.line === undefined ? "" : String(row.line)}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
      onClick={() => goTo(index)}
    >
      {COLUMNS.map((c) => (
        <div key={c.id} className="td" data-column={c.id} style={{ width: c.width }} title={String(row?.[c.id] ?? "")}>
          {cellContent(c.id, row?.[c.id])}
        </div>
      ))}
    </div>
  );
});

function FilterBox({ column, view }: { column: FilterColumn; view: ViewState }) {
  const current = view.filters.find((f) => f.column === column)?.value ?? "";
  // What the user is typing, until it is applied (debounced) to the view; then the view's value shows.
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => {
    if (draft === null || draft === current) return;
    const t = setTimeout(() => {
      const filters = view.filters.filter((f) => f.column !== column);
      if (draft.trim()) filters.push({ column, value: draft });
      void setView({ ...view, filters }).then(() => setDraft((d) => (d === draft ? null : d)));
    }, 250);
    return () => clearTimeout(t);
  }, [draft, current, column, view]);
  const text = draft ?? current;
  return (
    <input
      className="filter"
      data-testid={`filter-${column}`}
      aria-label={`filter ${column}`}
      value={text}
      placeholder="filter"
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => e.stopPropagation()}
    />
  );
}

export function RowTable() {
  const keys = useStudio((s) => s.keys);
  const view = useStudio((s) => s.view);
  const cursor = useStudio((s) => s.cursor);
  const version = useStudio((s) => s.dataVersion);
  const decisionVersion = useStudio((s) => s.decisionVersion);
  const total = keys.lines.length;
  // For converted trajectories `line` numbers the decision points; the header says which it is.
  const converted = useStudio((s) => s.files.filter((f) => f.conversion !== null).length);
  const fileCount = useStudio((s) => s.files.length);
  const lineHeader = converted === 0 ? "line" : converted === fileCount ? "point" : "line / point";
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, Row[]>>(new Map());
  const requested = useRef(new Set<number>());

  // New data or a new view: forget cached pages.
  useEffect(() => {
    requested.current = new Set();
    setPages(new Map());
  }, [keys, version]);
  // New decisions (the verdict column): read the visible pages again, keeping the old ones on screen meanwhile.
  useEffect(() => {
    requested.current = new Set();
  }, [decisionVersion]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0]!.index / PAGE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1]!.index / PAGE) : -1;

  useEffect(() => {
    for (let p = firstPage; p <= lastPage; p++) {
      if (requested.current.has(p)) continue;
      requested.current.add(p);
      const asked = requested.current;
      void getDb()
        .then((db) => db.query(viewPageSql(view, COLUMNS.map((c) => c.id), p * PAGE, PAGE)))
        .then((rows) => {
          if (requested.current === asked) setPages((m) => new Map(m).set(p, rows));
        });
    }
  }, [firstPage, lastPage, view, pages, decisionVersion]);

  useEffect(() => {
    if (cursor < 0) return;
    // A scroll makes the virtualizer re-measure the page for a few frames, which a reviewer pays on every key;
    // a current row already in sight (judged from the virtualizer's cached offset and size, no layout read)
    // needs none. One below is brought to the top (just under the header), so the next rows down are in sight.
    const top = virtualizer.scrollOffset ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    const start = cursor * ROW_HEIGHT;
    if (height > 0 && start >= top && start + ROW_HEIGHT + HEADER_ALLOWANCE <= top + height) return;
    virtualizer.scrollToIndex(cursor, { align: start < top ? "auto" : "start" });
  }, [cursor, virtualizer]);

  // Only the header comes from the table model; rows render from the pages directly (TableRowView).
  const table = useReactTable({
    data: NO_ROWS,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    getRowId: (r) => String(r.__index),
  });

  const toggleSort = (column: FilterColumn) => {
    const sort = view.sort?.column === column ? (view.sort.desc ? null : { column, desc: true }) : { column, desc: false };
    void setView({ ...view, sort });
  };

  const width = COLUMNS.reduce((n, c) => n + c.width, 0);
  return (
    <div className="row-table" data-testid="row-table" data-total={String(total)}>
      <div className="table-scroll" ref={scrollRef}>
        <div style={{ width }}>
          <div className="thead">
            {table.getHeaderGroups()[0]!.headers.map((h) => {
              const id = h.column.id as FilterColumn;
              const sorted = view.sort?.column === id ? (view.sort.desc ? " ▼" : " ▲") : "";
              return (
                <div key={h.id} className="th" style={{ width: h.getSize() }}>
                  <button type="button" className="sort" data-testid={`sort-${id}`} onClick={() => toggleSort(id)}>
                    {id === "line" ? lineHeader : flexRender(h.column.columnDef.header, h.getContext())}
                    {sorted}
                  </button>
                  <FilterBox column={id} view={view} />
                </div>
              );
            })}
          </div>
          <div className="tbody" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {items.map((it) => (
              <TableRowView key={it.index} row={pages.get(Math.floor(it.index / PAGE))?.[it.index % PAGE]} index={it.index} current={it.index === cursor} />
            ))}
          </div>
        </div>
      </div>
      {total === 0 && view.filters.length > 0 && (
        <p className="table-empty muted" data-testid="table-empty">
          No row matches these filters.
        </p>
      )}
      <div className="table-footer muted">
        {total.toLocaleString("en-US")} rows in view{view.filters.length ? " (filtered)" : ""}
        {view.filters.length > 0 && (
          <button type="button" className="button small" data-testid="clear-filters" onClick={() => void setView({ ...view, filters: [] })}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
