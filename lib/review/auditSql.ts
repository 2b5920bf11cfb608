/**
 * The skipped-row audit as one SQL query: every row a reviewer rejected (from the `decisions` mirror) and every
 * row that cannot be exported as it is (an error finding: an automatic skip), with where it is and why.
 */
export const AUDIT_SQL = `
SELECT f.name AS file_name, r.file_id, r.line, r.content_hash, 'review' AS source, d.reason, d.note, d.reviewer, d.at
FROM rows r JOIN files f ON f.file_id = r.file_id JOIN decisions d ON d.content_hash = r.content_hash
WHERE d.verdict = 'rejected'
UNION ALL
SELECT f.name, r.file_id, r.line, r.content_hash, 'auto', first(x.code ORDER BY x.code), string_agg(DISTINCT x.code, ', '), NULL, NULL
FROM findings x JOIN rows r ON r.file_id = x.file_id AND r.line = x.line JOIN files f ON f.file_id = r.file_id
WHERE x.severity = 'error'
GROUP BY ALL
ORDER BY source DESC, file_id, line`;

/** Entries per reason (review reasons and automatic finding codes alike). */
export const AUDIT_COUNTS_SQL = `SELECT source, reason, count(*)::INTEGER AS n FROM (${AUDIT_SQL}) GROUP BY ALL ORDER BY n DESC, reason`;
