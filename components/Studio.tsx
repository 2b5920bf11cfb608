"use client";
import { useEffect } from "react";
import { getDb } from "@/lib/db/browserDb";
import { DecisionPoint } from "./decision/DecisionPoint";
import { ErrorList } from "./ErrorList";
import { FileList } from "./FileList";
import { LoadStatus } from "./LoadStatus";
import { MetricsPanel } from "./MetricsPanel";
import { ValidationOptions } from "./ValidationOptions";
import { ConversionOptions } from "./ConversionOptions";
import { ExportPanel } from "./export/ExportPanel";
import { AuditPanel } from "./review/AuditPanel";
import { BulkDecide } from "./review/BulkDecide";
import { LogExchange, StorageBanner } from "./review/LogExchange";
import { Queue } from "./review/Queue";
import { ReviewBar } from "./review/ReviewBar";
import { ReviewKeys } from "./review/ReviewKeys";
import { Navigator } from "./Navigator";
import { OpenFiles } from "./OpenFiles";
import { RowTable } from "./RowTable";
import { useStudio } from "./store/studioStore";
import { UrlSync } from "./UrlSync";
import { warmUp } from "./store/actions";

const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? "st" : n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th"}`;

/** A reload or a shared link names the file and line it points at; the files themselves are never stored. */
function PendingLink() {
  const link = useStudio((s) => s.pendingLink);
  if (!link) return null;
  return (
    <p className="pending-link" data-testid="pending-link">
      This link points at decision point {link.line.toLocaleString("en-US")} of <code>{link.file}</code>
      {link.copy > 1 ? ` (the ${ordinal(link.copy)} open file of that name)` : ""} (its line {link.line.toLocaleString("en-US")} if it holds
      pivot rows): open that file to go there.
    </p>
  );
}

export function Studio() {
  const hasFiles = useStudio((s) => s.files.length > 0);
  useEffect(() => {
    // Boot DuckDB (fetch + compile ~2 s) and the parse workers while the user picks a file.
    warmUp();
    getDb().then(
      () => useStudio.setState({ dbReady: true }),
      (e: Error) => useStudio.setState({ loadState: "error", message: `Database failed to start: ${e.message}` }),
    );
  }, []);
  return (
    <div className="studio">
      <UrlSync />
      <header className="top">
        <h1>Pivot Studio</h1>
        <OpenFiles />
        <LoadStatus />
      </header>
      <StorageBanner />
      <ReviewKeys />
      <FileList />
      <ErrorList />
      {hasFiles ? (
        <main className="workspace">
          <div className="left">
            <div className="review-tools">
              <Queue />
              <BulkDecide />
            </div>
            <RowTable />
            <AuditPanel />
            <ExportPanel />
            <LogExchange />
            <ConversionOptions />
            <ValidationOptions />
            <MetricsPanel />
          </div>
          <div className="right">
            <ReviewBar />
            <Navigator />
            <DecisionPoint />
          </div>
        </main>
      ) : (
        <main className="welcome">
          <PendingLink />
          <p>
            Open NeMo Gym pivot JSONL, Gym rollouts or trajectory files. Everything stays in this browser tab: rows are
            read from your files on demand and never uploaded.
          </p>
          <p>New here? Press <strong>Open sample</strong> to load a small demo dataset.</p>
        </main>
      )}
    </div>
  );
}
