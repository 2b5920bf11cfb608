"use client";
import { useState } from "react";
import { isObject, str } from "@/lib/formats/json";
import { contentText, prettyArguments } from "@/lib/formats/prefixItems";
import { JsonTree } from "./JsonTree";
import { ShowMore } from "./ShowMore";

function Call({ name, args }: { name: string; args: unknown }) {
  const [raw, setRaw] = useState(false);
  const text = typeof args === "string" ? args : JSON.stringify(args ?? null);
  const pretty = prettyArguments(text);
  return (
    <div className="call" data-testid="expected-call" data-tool={name}>
      <div className="call-head">
        <span className="tool-name">{name}</span>
        {typeof args !== "string" && <span className="badge warn">arguments is not a string</span>}
        {!pretty.valid && <span className="badge error">arguments is not valid JSON</span>}
        <button type="button" className="link" onClick={() => setRaw(!raw)}>
          {raw ? "tree" : "raw"}
        </button>
      </div>
      {raw || !pretty.valid ? <ShowMore text={raw ? pretty.text : text} /> : <JsonTree value={pretty.value} />}
    </div>
  );
}

/** The decision the row expects, pinned and prominent: a call, a batch of calls, or a message. */
export function ExpectedAction({ action, title = "Expected action" }: { action: unknown; title?: string }) {
  const a = isObject(action) ? action : {};
  const type = str(a.type) ?? (str(a.name) ? "function_call" : "unknown");
  return (
    <section className={`expected-action type-${type}`} data-testid="expected-action" data-type={type}>
      <h2>
        {title} <span className="badge">{type}</span>
      </h2>
      {type === "function_call" && <Call name={str(a.name) ?? ""} args={a.arguments} />}
      {type === "function_call_batch" && (
        <ol className="batch">
          {(Array.isArray(a.calls) ? a.calls : []).map((c, i) => (
            <li key={i}>
              <Call name={isObject(c) ? (str(c.name) ?? "") : ""} args={isObject(c) ? c.arguments : undefined} />
            </li>
          ))}
        </ol>
      )}
      {type === "message" && <ShowMore text={contentText(a.content).text} />}
      {!["function_call", "function_call_batch", "message"].includes(type) && <JsonTree value={action} />}
    </section>
  );
}
