"use client";
import { useState } from "react";

const LIMIT = 700;

/** Long text collapsed to its start with "show more". Always rendered as text, never as HTML. */
export function ShowMore({ text, limit = LIMIT, className = "text" }: { text: string; limit?: number; className?: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > limit;
  return (
    <div className="show-more">
      <pre className={className}>{long && !open ? text.slice(0, limit) + "…" : text}</pre>
      {long && (
        <button type="button" className="link" onClick={() => setOpen(!open)}>
          {open ? "show less" : `show more (${(text.length - limit).toLocaleString("en-US")} more characters)`}
        </button>
      )}
    </div>
  );
}
