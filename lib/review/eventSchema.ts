import { z } from "zod";
import { CONTENT_HASH_PATTERN } from "./decision";
import { type ReviewEvent } from "./events";
import { REASON_CODE_PATTERN } from "./reasons";

/**
 * The log's wire schema: what an imported line (or a record read back from IndexedDB) must look like before the
 * reducer trusts it. Objects are strict so a misspelt field is reported rather than dropped.
 */
const contentHash = z.string().regex(CONTENT_HASH_PATTERN, "must be a content hash: 16 lowercase hex digits");
const reasonCode = z.string().regex(REASON_CODE_PATTERN, "must be a snake_case reason code");
const eventId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1–64 letters, digits, _ or -");
const isoTime = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
const text = z.string().max(100_000);

const base = {
  v: z.literal(1, "must be 1 (the only log format version this app reads)"),
  id: eventId,
  at: isoTime,
  file: z.string().regex(/^fp[0-9]+:\S{1,200}$/, "must be a file fingerprint (fp1:…)"),
  reviewer: z.string().trim().min(1, "must not be empty").max(200),
};

const decide = z
  .strictObject({
    ...base,
    kind: z.literal("decide"),
    keys: z.array(contentHash).min(1, "must list at least one row"),
    verdict: z.enum(["accepted", "rejected"]),
    reason: reasonCode.optional(),
    note: text.optional(),
  })
  .refine((e) => (e.verdict === "rejected") === (e.reason !== undefined), {
    message: "a rejected decision needs a reason and an accepted one has none",
    path: ["reason"],
  });

const mergeEntry = z
  .strictObject({
    key: contentHash,
    verdict: z.enum(["accepted", "rejected", "unreviewed"]),
    reason: reasonCode.optional(),
    note: text.optional(),
    reviewer: base.reviewer,
    at: isoTime,
  })
  .refine((e) => (e.verdict === "rejected") === (e.reason !== undefined), {
    message: "a rejected decision needs a reason and no other verdict has one",
    path: ["reason"],
  });

export const reviewEventSchema = z.discriminatedUnion("kind", [
  decide,
  z.strictObject({ ...base, kind: z.literal("note"), key: contentHash, note: text }),
  z.strictObject({ ...base, kind: z.literal("restore"), keys: z.array(contentHash).min(1, "must list at least one row") }),
  z.strictObject({ ...base, kind: z.literal("merge"), entries: z.array(mergeEntry) }),
  z.strictObject({ ...base, kind: z.literal("undo"), target: eventId }),
  z.strictObject({ ...base, kind: z.literal("redo"), target: eventId }),
]);

// Keeps the hand-written types and the schema in step: a drift fails type-checking here.
type Parsed = z.infer<typeof reviewEventSchema>;
type Assert<T extends true> = T;
export type _SchemaMatchesTypes = Assert<Parsed extends ReviewEvent ? (ReviewEvent extends Parsed ? true : false) : false>;
