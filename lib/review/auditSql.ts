/**
 * The skipped-row audit as one SQL query: every row a reviewer rejected (from the `decisions` mirror), and the
 * automatic entries no reviewer has decided on (a decision overrides them, as it does in the export): rows
 * that cannot be exported as they are (an error finding) and candidates conversion skipped. A rejected row is
 * listed once, as the reviewer's; an accepted row with an error is not skipped: it refuses the export.
 */
export const AUDIT_SQL = `
SELECT f.name AS file_name, r.file_id, r.line, r.content_hash, 'review' AS source, d.reason, d.note, d.reviewer, d.at
FROM rows r JOIN files f ON f.file_id = r.file_id JOIN decisions d ON d.content_hash = r.content_hash
WHERE d.verdict = 'rejected'
UNION ALL
SELECT f.name, r.file_id, r.line, r.content_hash, 'auto', first(x.code ORDER BY x.code), string_agg(DISTINCT x.code, ', '), NULL, NULL
FROM findings x JOIN rows r ON r.file_id = x.file_id AND r.line = x.line JOIN files f ON f.file_id = r.file_id
  LEFT JOIN decisions d ON d.content_hash = r.content_hash
WHERE x.severity = 'error' AND d.content_hash IS NULL
GROUP BY ALL
UNION ALL
SELECT f.name, r.file_id, r.line, r.content_hash, 'auto', r.skip_reason, r.skip_detail, NULL, NULL
FROM rows r JOIN files f ON f.file_id = r.file_id LEFT JOIN decisions d ON d.content_hash = r.content_hash
WHERE r.skip_reason IS NOT NULL AND d.content_hash IS NULL
ORDER BY source DESC, file_id, line`;

/** Entries per reason (review reasons and automatic finding codes alike). */
export const AUDIT_COUNTS_SQL = `SELECT source, reason, count(*)::INTEGER AS n FROM (${AUDIT_SQL}) GROUP BY ALL ORDER BY n DESC, reason`;
