"use client";
import { useStudio } from "./store/studioStore";

/** What each opened file was detected as. */
export function FileList() {
  const files = useStudio((s) => s.files);
  if (files.length === 0) return null;
  return (
    <ul className="file-list" data-testid="file-list">
      {files.map((f) => (
        <li key={f.fileId} data-testid="file-kind" data-file={f.name} data-kind={f.detection?.kind ?? "loading"}>
          <strong>{f.name}</strong> <span className="muted">{(f.size / 1e6).toFixed(2)} MB</span> —{" "}
          <span className={`kind kind-${f.detection?.kind ?? "loading"}`}>{f.detection?.label ?? (f.conversion ? "converting…" : "loading…")}</span>
          <span className="muted">
            {f.document && (
              <span data-testid="file-document">
                {" "}
                · JSON document, read record by record (line N is record N)
              </span>
            )}
            {!f.conversion && <> · {f.rows.toLocaleString("en-US")} rows</>}
            {f.errorTotal ? ` · ${f.errorTotal.toLocaleString("en-US")} ${f.document ? "errors" : "bad lines"}` : ""}
          </span>
          {f.detection && f.detection.details.length > 0 && (
            <ul className="details">
              {f.detection.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
