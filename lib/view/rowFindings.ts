/** The findings of one row, for the decision-point view. */
export function rowFindingsSql(fileId: number, line: number): string {
  return `SELECT code, severity, message, path FROM findings WHERE file_id = ${fileId | 0} AND line = ${line | 0}`;
}

/** A converted candidate's conversion verdict and source-task facts, for the decision-point view. */
export function candidateFactsSql(fileId: number, line: number): string {
  return `SELECT skip_reason, skip_detail, reward_group, task_id, reward FROM rows WHERE file_id = ${fileId | 0} AND line = ${line | 0}`;
}
