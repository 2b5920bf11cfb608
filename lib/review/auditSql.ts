/**
 * The skipped-row audit as one SQL query: every row a reviewer rejected (from the `decisions` mirror), every
 * row that cannot be exported as it is (an error finding: an automatic skip) and every candidate conversion
 * skipped that no reviewer has decided on (a decision overrides conversion), with where it is and why.
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
UNION ALL
SELECT f.name, r.file_id, r.line, r.content_hash, 'auto', r.skip_reason, r.skip_detail, NULL, NULL
FROM rows r JOIN files f ON f.file_id = r.file_id LEFT JOIN decisions d ON d.content_hash = r.content_hash
WHERE r.skip_reason IS NOT NULL AND d.content_hash IS NULL
ORDER BY source DESC, file_id, line`;

/** Entries per reason (review reasons and automatic finding codes alike). */
export const AUDIT_COUNTS_SQL = `SELECT source, reason, count(*)::INTEGER AS n FROM (${AUDIT_SQL}) GROUP BY ALL ORDER BY n DESC, reason`;
