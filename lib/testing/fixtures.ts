import { readFileSync } from "node:fs";
import path from "node:path";

/** Gym's real files live beside the repo in ../shared (also in CI); tests read them there, never copies. */
export const GYM_FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/nemo-gym");

/** The shared Gym format spec (../shared/docs/nemo-gym-formats.md), for tests that pin tables it gives. */
export function gymFormatsSpec(): string {
  return readFileSync(path.resolve(GYM_FIXTURES, "../../docs/nemo-gym-formats.md"), "utf8");
}

export function gymFixture(name: string): string {
  return path.join(GYM_FIXTURES, name);
}

/** The fixture's rows parsed independently of the app's parser (for cross-checks). */
export function fixtureRows(name: string): Record<string, unknown>[] {
  return readFileSync(gymFixture(name), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
