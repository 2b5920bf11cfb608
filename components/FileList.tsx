"use client";
import { useStudio } from "./store/studioStore";
import { countText } from "./countText";
import { byRecord } from "./ErrorList";

/** A file's size as people read it: bytes below a kB, kB below a megabyte, one decimal below ten MB (SI units, as the OS shows). */
function sizeText(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${Math.round(bytes / 1e3).toLocaleString("en-US")} kB`;
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

/** What each opened file was detected as. */
export function FileList() {
  const files = useStudio((s) => s.files);
  if (files.length === 0) return null;
  return (
    <ul className="file-list" data-testid="file-list">
      {files.map((f) => (
        <li key={f.fileId} data-testid="file-kind" data-file={f.name} data-kind={f.detection?.kind ?? "loading"}>
          <strong>{f.name}</strong> <span className="muted">{sizeText(f.size)}</span> —{" "}
          <span className={`kind kind-${f.detection?.kind ?? "loading"}`}>{f.detection?.label ?? (f.conversion ? "converting…" : "loading…")}</span>
          <span className="muted">
            {f.document && (
              <span data-testid="file-document">
                {" "}
                · JSON document, read record by record{f.conversion ? " (records counted from 0)" : " (row N is record N − 1, counted from 0)"}
              </span>
            )}
            {!f.conversion && <> · {f.rows.toLocaleString("en-US")} rows</>}
            {f.errorTotal ? ` · ${countText(f.errorTotal, !f.document ? "bad line" : byRecord(f) ? "bad record" : "error")}` : ""}
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
