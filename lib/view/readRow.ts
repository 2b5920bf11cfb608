/** A row's bytes are never copied into DuckDB: the viewer reads them back from the user's file by byte range. */
export async function readRowText(file: Blob, offset: number, length: number): Promise<string> {
  const bytes = await file.slice(offset, offset + length).arrayBuffer();
  return new TextDecoder("utf-8").decode(bytes);
}
