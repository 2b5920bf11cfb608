/** Arrow result values → plain JS: BigInt → number, Arrow Vectors / StructRows → arrays / objects. */
export function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(plain);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number | bigint>, plain);
  const withJson = v as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return plain(withJson.toJSON());
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = plain(x);
  return out;
}

export type Row = Record<string, unknown>;
