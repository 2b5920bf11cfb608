import { openFileSource } from "../node/fileSource";
import { scanFile } from "../ingest/loadSummary";
import { duplicateRowsSql } from "../ingest/duplicateRows";
import { errorsToIpc, SummaryBatch } from "../ingest/summaryBatch";
import { sqlString } from "../view/sqlLiteral";
import type { TestDb } from "./nodeDb";

/** Loads files into a test DuckDB exactly as the page does: summaries → Arrow IPC → `rows`, errors → `load_errors`. */
export async function loadIntoDb(db: TestDb, paths: string[]): Promise<void> {
  for (const [i, p] of paths.entries()) {
    const fileId = i + 1;
    const src = await openFileSource(p);
    const scan = await scanFile(src, { fileId, keepRows: true });
    await src.close();
    db.query(`INSERT INTO files VALUES (${fileId}, ${sqlString(p.split("/").pop()!)}, ${src.size})`);
    const batch = new SummaryBatch();
    for (const r of scan.rows!) batch.add(r.at, r.hash, r.summary, r.findings);
    const findings = batch.takeFindings();
    db.insertIpc("rows", batch.take());
    if (findings) db.insertIpc("findings", findings);
    db.query(duplicateRowsSql(fileId));
    if (scan.errors.length) db.insertIpc("load_errors", errorsToIpc(scan.errors));
  }
}
