"use client";
import { useEffect } from "react";
import { decodeView, encodeView } from "@/lib/view/viewState";
import { useStudio, fileById } from "./store/studioStore";

/**
 * The URL holds the file (`copy` N when several open files share its name), the row and the view (filters, sort):
 * a reload returns to the same decision point
 * once the file is opened again, and a link replays the view.
 */
export function UrlSync() {
  useEffect(() => {
    const q = new URLSearchParams(location.search);
    const file = q.get("file");
    const line = Number(q.get("line"));
    const copy = Number(q.get("copy") ?? "1");
    useStudio.setState({
      view: decodeView(q.get("view")),
      pendingLink: file && line > 0 ? { file, line, copy: Number.isInteger(copy) && copy > 1 ? copy : 1 } : null,
    });
  }, []);

  useEffect(() => {
    // Written a moment after the last change: stepping fast through rows costs no history writes.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      const s = useStudio.getState();
      if (s.loadState !== "ready" || s.pendingLink) return;
      const q = new URLSearchParams(location.search);
      const fileId = s.keys.fileIds[s.cursor];
      const f = fileId !== undefined ? fileById(s, fileId) : undefined;
      if (f) {
        q.set("file", f.name);
        q.set("line", String(s.keys.lines[s.cursor]));
        // Files of one name (from two folders) are told apart by their order among those open.
        const sameName = s.files.filter((o) => o.name === f.name);
        if (sameName.length > 1) q.set("copy", String(sameName.indexOf(f) + 1));
        else q.delete("copy");
      }
      const view = encodeView(s.view);
      if (view) q.set("view", view);
      else q.delete("view");
      const next = `${location.pathname}?${q.toString()}`;
      if (next !== `${location.pathname}${location.search}`) history.replaceState(null, "", next);
    };
    const unsubscribe = useStudio.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(write, 120);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
  return null;
}
