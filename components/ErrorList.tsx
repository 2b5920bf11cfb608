"use client";
import { useState } from "react";
import { useStudio, type LoadedFile } from "./store/studioStore";
import { countText } from "./countText";

const SHOWN = 200;

/**
 * A readable `.json` document's errors are its records (row N is the list's item [N − 1], as the CLI and the
 * export's `record` number them); a document that is not JSON, and a JSONL file, are located by line.
 */
export const byRecord = (f: LoadedFile) => f.document !== null && f.file.size > 0;

function locationText(f: LoadedFile, line: number): string {
  return byRecord(f) ? `${f.name}[${line - 1}]` : `${f.name}:${line}`;
}

/** Why nothing loaded, as far as the files say: JSONL that is not, or a document that is not a list of objects. */
function nothingLoadedHint(files: readonly LoadedFile[]): string {
  return files.every((f) => f.document) ? "is it a JSON list of objects?" : "is it JSONL?";
}

/** Every bad line (or record), located: file, line or record, what is wrong. Good rows load regardless. */
export function ErrorList() {
  const files = useStudio((s) => s.files);
  const [all, setAll] = useState(false);
  const errors = files.flatMap((f) => f.errors.map((e) => ({ ...e, fileName: f.name, at: locationText(f, e.line) })));
  const records = files.reduce((n, f) => n + (byRecord(f) ? f.errorTotal : 0), 0);
  const total = files.reduce((n, f) => n + f.errorTotal, 0);
  const loadedAny = files.some((f) => f.rows > 0);
  if (total === 0) return null;
  const shown = all ? errors : errors.slice(0, SHOWN);
  const noun = records === 0 ? countText(total, "bad line") : records === total ? countText(total, "bad record") : countText(total, "bad line or record", "bad lines or records");
  return (
    <details className="error-list" open data-testid="error-list">
      <summary>
        {noun} ({loadedAny ? "not loaded; every other row was" : `nothing in these files loaded: ${nothingLoadedHint(files)}`})
      </summary>
      <ol>
        {shown.map((e) => (
          <li key={`${e.fileId}:${e.line}`} data-testid="load-error" data-file={e.fileName} data-line={e.line}>
            <code>{e.at}</code> {e.message}
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
