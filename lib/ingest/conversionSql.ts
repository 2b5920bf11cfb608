/**
 * What converting trajectories needs once every range of a load is in DuckDB: the duplicate check across ranges
 * (each worker only saw its own) and source-task reward groups (a task's trajectories can be anywhere).
 */

/**
 * A candidate is a `duplicate` when an earlier one (by file, then candidate order) with the same key passed every
 * other filter; workers already marked duplicates within their range, this finishes the job across ranges. Only
 * keys seen more than once are joined back (a hash aggregate, not a window over every candidate).
 */
// A candidate's place in the load, file then line, as one number.
const position = (t: string) => `(${t}file_id::BIGINT << 32) + ${t}line`;

export const DUPLICATES_ACROSS_RANGES_SQL = `
UPDATE rows SET skip_reason = 'duplicate', skip_detail = 'the same prefix, tools and action were already converted'
FROM (
  SELECT dup_key, min(${position("")}) AS first
  FROM rows WHERE dup_key IS NOT NULL AND (skip_reason IS NULL OR skip_reason = 'duplicate')
  GROUP BY dup_key HAVING count(*) > 1
) d
WHERE rows.dup_key = d.dup_key AND rows.skip_reason IS NULL AND ${position("rows.")} > d.first`;

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
