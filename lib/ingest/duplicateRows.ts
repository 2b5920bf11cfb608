/**
 * The one cross-row check: a row whose bytes equal an earlier row's in the same file (same `content_hash`) is
 * a `duplicate_row` warning pointing at the first copy. Done in SQL once a file is loaded, because workers
 * only see their own range.
 */
export function duplicateRowsSql(fileId: number): string {
  // Only hashes seen more than once are joined back: a hash aggregate, not a window over every row.
  const pivots = (t: string) => `${t}file_id = ${fileId} AND ${t}row_kind = 'pivot'`;
  const repeated = `SELECT content_hash, min(line) AS first_line FROM rows WHERE ${pivots("")} GROUP BY content_hash HAVING count(*) > 1`;
  return (
    `CREATE OR REPLACE TEMP TABLE dup_rows AS SELECT r.file_id, r.line, r.byte_offset, d.first_line ` +
    `FROM rows r JOIN (${repeated}) d ON r.content_hash = d.content_hash WHERE ${pivots("r.")} AND r.line > d.first_line;\n` +
    `INSERT INTO findings SELECT file_id, line, byte_offset, 'duplicate_row', 'warning', ` +
    `'same bytes as line ' || first_line || ' of this file', '' FROM dup_rows;\n` +
    `UPDATE rows SET finding_codes = list_append(finding_codes, 'duplicate_row'), warning_count = warning_count + 1 ` +
    `FROM dup_rows d WHERE rows.file_id = d.file_id AND rows.line = d.line;\n` +
    `DROP TABLE dup_rows`
  );
}
