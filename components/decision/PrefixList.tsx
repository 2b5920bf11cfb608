"use client";
import { useState } from "react";
import { prettyArguments, toPrefixEntries, type PrefixEntry } from "@/lib/formats/prefixItems";
import { ShowMore } from "./ShowMore";

const OPEN_LAST = 6;

function Entry({ e }: { e: PrefixEntry }) {
  switch (e.kind) {
    case "message":
      return (
        <div className={`item msg role-${e.role}`} data-testid="prefix-item" data-kind={`message:${e.role}`}>
          <div className="item-head">
            <span className="role">{e.role}</span>
            <span className="muted">#{e.index}</span>
          </div>
          <ShowMore text={e.text} />
        </div>
      );
    case "reasoning":
      return (
        <div className="item reasoning" data-testid="prefix-item" data-kind="reasoning">
          <div className="item-head">
            <span className="role">reasoning</span>
            <span className="muted">#{e.index}</span>
          </div>
          <ShowMore text={e.text} className="text dim" />
        </div>
      );
    case "call":
      return (
        <div className="item call-pair" data-testid="prefix-item" data-kind="function_call">
          <div className="pair">
            <div className="pair-call">
              <div className="item-head">
                <span className="role">call</span> <span className="tool-name">{e.name}</span>
                <span className="muted">
                  #{e.index} {e.callId}
                </span>
              </div>
              <ShowMore text={prettyArguments(e.arguments).text} className="text code" />
            </div>
            <div className="pair-output" data-testid="call-output" data-call-id={e.callId ?? ""}>
              <div className="item-head">
                <span className="role">output</span>
                {e.output ? <span className="muted">#{e.output.index}</span> : <span className="muted">none in prefix</span>}
              </div>
              {e.output && <ShowMore text={e.output.text} className="text code" />}
            </div>
          </div>
        </div>
      );
    case "output":
      return (
        <div className="item output" data-testid="prefix-item" data-kind="function_call_output">
          <div className="item-head">
            <span className="role">output</span> <span className="muted">#{e.index} {e.callId}</span>
            {e.orphan && <span className="badge warn">no matching call in the prefix</span>}
          </div>
          <ShowMore text={e.text} className="text code" />
        </div>
      );
    case "other":
      return (
        <div className="item other" data-testid="prefix-item" data-kind={e.type}>
          <div className="item-head">
            <span className="role">{e.type}</span> <span className="muted">#{e.index}</span>
          </div>
          <ShowMore text={JSON.stringify(e.raw, null, 2)} className="text code" />
        </div>
      );
  }
}

/** The context before the decision, oldest first; older items fold away, the last few stay open. */
export function PrefixList({ input, title = "Input prefix" }: { input: unknown; title?: string }) {
  const entries = toPrefixEntries(input);
  const [showAll, setShowAll] = useState(false);
  const hidden = showAll ? 0 : Math.max(0, entries.length - OPEN_LAST);
  return (
    <section className="prefix" data-testid="prefix" data-items={entries.length}>
      <h2>
        {title} <span className="muted">({entries.length} {entries.length === 1 ? "entry" : "entries"})</span>
      </h2>
      {hidden > 0 && (
        <button type="button" className="button small" data-testid="show-earlier" onClick={() => setShowAll(true)}>
          Show {hidden} earlier item{hidden === 1 ? "" : "s"}
        </button>
      )}
      {entries.slice(hidden).map((e) => (
        <Entry key={e.index} e={e} />
      ))}
    </section>
  );
}
