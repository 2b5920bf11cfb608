"use client";
import { useState } from "react";
import { ShowMore } from "./ShowMore";

/** A JSON value as an expandable tree of text nodes (keys, strings, numbers). */
export function JsonTree({ value, depth = 0, openDepth = 3 }: { value: unknown; depth?: number; openDepth?: number }) {
  if (value === null) return <span className="j-null">null</span>;
  if (typeof value === "string") return value.length > 200 ? <ShowMore text={value} limit={200} className="j-str" /> : <span className="j-str">&quot;{value}&quot;</span>;
  if (typeof value === "number") return <span className="j-num">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="j-bool">{String(value)}</span>;
  if (typeof value !== "object") return <span>{String(value)}</span>;
  return <JsonBranch value={value as Record<string, unknown> | unknown[]} depth={depth} openDepth={openDepth} />;
}

function JsonBranch({ value, depth, openDepth }: { value: Record<string, unknown> | unknown[]; depth: number; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const brackets = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return <span className="j-punct">{brackets.join("")}</span>;
  return (
    <span className="j-branch">
      <button type="button" className="j-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? "▾" : "▸"} {brackets[0]}
        {!open && ` ${entries.length} ${Array.isArray(value) ? "items" : "keys"} ${brackets[1]}`}
      </button>
      {open && (
        <>
          <ul className="j-list">
            {entries.map(([k, v]) => (
              <li key={k}>
                <span className={Array.isArray(value) ? "j-index" : "j-key"}>{k}</span>: <JsonTree value={v} depth={depth + 1} openDepth={openDepth} />
              </li>
            ))}
          </ul>
          <span className="j-punct">{brackets[1]}</span>
        </>
      )}
    </span>
  );
}
