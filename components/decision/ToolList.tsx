"use client";
import { useState } from "react";
import { isObject, str } from "@/lib/formats/json";
import { JsonTree } from "./JsonTree";
import { ShowMore } from "./ShowMore";

/** Tools offered at this state, flat (Responses) or nested (chat) shape; the expected tool(s) highlighted. */
export function ToolList({ tools, expected }: { tools: unknown; expected: string[] }) {
  const list = Array.isArray(tools) ? tools : [];
  const [open, setOpen] = useState<number | null>(null);
  const missing = expected.filter((n) => !list.some((t) => toolName(t) === n));
  return (
    <section className="tools" data-testid="tool-list" data-count={list.length}>
      <h2>
        Tools <span className="muted">({list.length})</span>
      </h2>
      {missing.length > 0 && (
        <p className="badge warn" data-testid="expected-tool-missing">
          expected tool not offered: {missing.join(", ")}
        </p>
      )}
      <ul>
        {list.map((t, i) => {
          const name = toolName(t);
          const fn = isObject(t) && isObject(t.function) ? t.function : isObject(t) ? t : {};
          const isExpected = expected.includes(name);
          return (
            <li key={i} className={isExpected ? "tool expected" : "tool"} data-testid="tool" data-tool={name} data-expected={isExpected ? "true" : "false"}>
              <button type="button" className="tool-toggle" onClick={() => setOpen(open === i ? null : i)} aria-expanded={open === i}>
                <span className="tool-name">{name || "(unnamed)"}</span>
                {isExpected && <span className="badge">expected</span>}
              </button>
              {str(fn.description) && <ShowMore text={str(fn.description)!} limit={open === i ? 5000 : 160} className="text dim" />}
              {open === i && (
                <div className="params">
                  <JsonTree value={fn.parameters ?? null} openDepth={4} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function toolName(t: unknown): string {
  if (!isObject(t)) return "";
  return str(t.name) ?? (isObject(t.function) ? (str(t.function.name) ?? "") : "");
}
