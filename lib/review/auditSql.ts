import { REPAIRED_FINDING_CODES, REPAIRED_MISSING_KEY } from "../export/repairedFindings";
import { sqlString } from "../view/sqlLiteral";

/** An error the export's normalization repairs: it does not keep a row out of the export. */
const REPAIRED = `(x.code IN (${REPAIRED_FINDING_CODES.map(sqlString).join(", ")}) OR (x.code = 'required_key_missing' AND x.path = ${sqlString(REPAIRED_MISSING_KEY)}))`;

/**
 * The skipped-row audit as one SQL query: every row a reviewer rejected (from the `decisions` mirror), and the
 * automatic entries no reviewer has decided on (a decision overrides them, as it does in the export): rows
 * that cannot be exported as they are (an error normalization does not repair) and candidates conversion
 * skipped. A rejected row is listed once, as the reviewer's; an accepted row with an error is not skipped: it
 * refuses the export. A duplicate stays skipped when accepted: it repeats an earlier decision point (and an
 * identical copy in another file even shares its decision), so the bundle holds each decision point once. These are the rows the export writes to skipped.jsonl (with the bad lines besides).
 */
export const AUDIT_SQL = `
SELECT f.name AS file_name, r.file_id, r.line, r.content_hash, 'review' AS source, d.reason, d.note, d.reviewer, d.at
FROM rows r JOIN files f ON f.file_id = r.file_id JOIN decisions d ON d.content_hash = r.content_hash
WHERE d.verdict = 'rejected'
UNION ALL
SELECT f.name, r.file_id, r.line, r.content_hash, 'auto', first(x.code ORDER BY x.code), string_agg(DISTINCT x.code, ', '), NULL, NULL
FROM findings x JOIN rows r ON r.file_id = x.file_id AND r.line = x.line JOIN files f ON f.file_id = r.file_id
  LEFT JOIN decisions d ON d.content_hash = r.content_hash
WHERE x.severity = 'error' AND NOT ${REPAIRED} AND d.content_hash IS NULL
GROUP BY ALL
UNION ALL
SELECT f.name, r.file_id, r.line, r.content_hash, 'auto', r.skip_reason, r.skip_detail, NULL, NULL
FROM rows r JOIN files f ON f.file_id = r.file_id LEFT JOIN decisions d ON d.content_hash = r.content_hash
WHERE r.skip_reason IS NOT NULL AND (d.content_hash IS NULL OR (r.skip_reason = 'duplicate' AND d.verdict = 'accepted'))
ORDER BY source DESC, file_id, line`;

/** Entries per reason (review reasons and automatic finding codes alike). */
export const AUDIT_COUNTS_SQL = `SELECT source, reason, count(*)::INTEGER AS n FROM (${AUDIT_SQL}) GROUP BY ALL ORDER BY n DESC, reason`;
