/** The findings of one row, for the decision-point view. */
export function rowFindingsSql(fileId: number, line: number): string {
  return `SELECT code, severity, message, path FROM findings WHERE file_id = ${fileId | 0} AND line = ${line | 0}`;
}
