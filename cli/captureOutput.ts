import { vi } from "vitest";

/** Test support: runs a CLI entry with stdout and stderr captured, as a user would see them. */
export async function captureOutput(run: () => Promise<number>): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  try {
    const exitCode = await run();
    return { exitCode, stdout: out.join(""), stderr: err.join("") };
  } finally {
    vi.restoreAllMocks();
  }
}
