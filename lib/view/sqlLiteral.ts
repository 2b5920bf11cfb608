/** The one place SQL literals are escaped: filters come from URLs and text boxes. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A LIKE pattern matching `s` literally anywhere (wildcards in `s` escaped with `\`). */
export function likeContains(s: string): string {
  return sqlString(`%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) + " ESCAPE '\\'";
}
