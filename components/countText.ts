/** "1 row", "2,345 rows": a count and its noun, singular for one. */
export function countText(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
