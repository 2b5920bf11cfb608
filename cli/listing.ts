/** How many problem rows a command lists on the terminal; the rest are counted (and kept in full where a file holds them). */
export const MAX_LISTED_ROWS = 20;

/** "1 row", "2 rows". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
