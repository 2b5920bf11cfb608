"use client";
import { useState } from "react";
import { useStudio } from "./store/studioStore";
import { countText } from "./countText";

const SHOWN = 200;

/** Every bad line, located: file, line, what is wrong. Good rows load regardless. */
export function ErrorList() {
  const files = useStudio((s) => s.files);
  const [all, setAll] = useState(false);
  const errors = files.flatMap((f) => f.errors.map((e) => ({ ...e, fileName: f.name })));
  const total = files.reduce((n, f) => n + f.errorTotal, 0);
  const loadedAny = files.some((f) => f.rows > 0);
  if (total === 0) return null;
  const shown = all ? errors : errors.slice(0, SHOWN);
  return (
    <details className="error-list" open data-testid="error-list">
      <summary>
        {countText(total, "bad line")} ({loadedAny ? "not loaded; every other row was" : "nothing in these files loaded: is it JSONL?"})
      </summary>
      <ol>
        {shown.map((e) => (
          <li key={`${e.fileId}:${e.line}`} data-testid="load-error" data-file={e.fileName} data-line={e.line}>
            <code>
              {e.fileName}:{e.line}
            </code>{" "}
            {e.message}
          </li>
        ))}
      </ol>
      {errors.length > shown.length && (
        <button type="button" className="button small" onClick={() => setAll(true)}>
          Show all {errors.length.toLocaleString("en-US")}
        </button>
      )}
      {total > errors.length && <p className="muted">Only the first {errors.length.toLocaleString("en-US")} are listed.</p>}
    </details>
  );
}
