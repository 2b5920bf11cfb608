/**
 * What converting trajectories needs once every range of a load is in DuckDB: the duplicate check across ranges
 * (each worker only saw its own) and source-task reward groups (a task's trajectories can be anywhere).
 */

/**
 * A candidate is a `duplicate` when an earlier one (by file, then candidate order) with the same key passed every
 * other filter; workers already marked duplicates within their range, this finishes the job across ranges.
 */
export const DUPLICATES_ACROSS_RANGES_SQL = `
UPDATE rows SET skip_reason = 'duplicate', skip_detail = 'the same prefix, tools and action were already converted'
FROM (
  SELECT file_id, line, row_number() OVER (PARTITION BY dup_key ORDER BY file_id, line) AS k
  FROM rows WHERE dup_key IS NOT NULL AND (skip_reason IS NULL OR skip_reason = 'duplicate')
) d
WHERE rows.file_id = d.file_id AND rows.line = d.line AND d.k > 1 AND rows.skip_reason IS NULL`;

// A trajectory's task: its task id, else Gym's `_ng_task_index`, else the trajectory alone (as lib/convert/rewardGroups).
const taskKey = (t: string) =>
  `coalesce('task_id:' || ${t}task_id, 'task_index:' || ${t}task_index, 'trajectory:' || ${t}file_id || ':' || ${t}source_line)`;

/** Sets `reward_group` on every converted candidate, as lib/convert/rewardGroups classifies (pass = reward ≥ `passReward`). */
export function rewardGroupsSql(passReward = 1.0): string {
  return `
UPDATE rows SET reward_group = g.reward_group
FROM (
  SELECT task,
    CASE WHEN count(reward) = 0 THEN 'no_reward'
         WHEN count(reward) = 1 THEN 'single_sample'
         WHEN count(*) FILTER (WHERE reward < ${passReward}) = 0 THEN 'all_pass'
         WHEN count(*) FILTER (WHERE reward >= ${passReward}) = 0 THEN 'all_fail'
         ELSE 'mixed' END AS reward_group
  FROM (SELECT DISTINCT ${taskKey("")} AS task, file_id, source_line, reward FROM rows WHERE candidate_index IS NOT NULL)
  GROUP BY task
) g
WHERE rows.candidate_index IS NOT NULL AND ${taskKey("rows.")} = g.task`;
}

/** A converted file's candidates per skip reason (null = kept), for its line in the file list. */
export function conversionCountsSql(fileId: number): string {
  return `SELECT skip_reason AS reason, count(*)::INTEGER AS n FROM rows WHERE file_id = ${fileId | 0} GROUP BY ALL`;
}
