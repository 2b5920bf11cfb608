/** A bad command line: main prints it with the usage text and exits 2. */
export class UsageError extends Error {}
