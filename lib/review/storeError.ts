/**
 * Why the decision store could not do its job, as a code the UI can act on: `unavailable` (no IndexedDB, e.g. a
 * private window or a blocked origin) and `quota` (storage full) mean "warn now and offer the log as a download";
 * `aborted` / `failed` mean the write did not happen (all or nothing) and may be retried; `corrupt` means a stored
 * record no longer reads as an event.
 */
export type StoreErrorCode = "unavailable" | "quota" | "aborted" | "corrupt" | "failed";

export class DecisionStoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DecisionStoreError";
  }
}

const QUOTA_NAMES = new Set(["QuotaExceededError", "NS_ERROR_DOM_QUOTA_REACHED"]);
// Firefox private mode used to fail open() with InvalidStateError; sandboxed or opaque origins give SecurityError.
const UNAVAILABLE_NAMES = new Set(["InvalidStateError", "SecurityError", "NotAllowedError", "UnknownError"]);

// TransactionInactiveError: a write arrived after the transaction had already been aborted from elsewhere.
const ABORTED_NAMES = new Set(["AbortError", "TransactionInactiveError"]);

/** Maps a DOMException (or anything thrown) from IndexedDB to a store error. */
export function toStoreError(err: unknown, doing: string): DecisionStoreError {
  if (err instanceof DecisionStoreError) return err;
  const name = typeof err === "object" && err !== null && "name" in err ? String(err.name) : "";
  const detail = err instanceof Error || (typeof err === "object" && err !== null && "message" in err) ? String((err as { message: unknown }).message) : String(err);
  const code: StoreErrorCode = QUOTA_NAMES.has(name) ? "quota" : UNAVAILABLE_NAMES.has(name) ? "unavailable" : ABORTED_NAMES.has(name) ? "aborted" : "failed";
  const lead = code === "quota" ? "Browser storage is full" : code === "unavailable" ? "Browser storage (IndexedDB) is not available" : "Browser storage failed";
  return new DecisionStoreError(code, `${lead} while ${doing}: ${name ? `${name}: ` : ""}${detail}`, { cause: err });
}
