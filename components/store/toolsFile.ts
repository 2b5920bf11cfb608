import { z } from "zod";
import { parseToolsFile, type PivotTool } from "@/lib/convert";
import { describeInput } from "@/lib/export/inputDigest";
import { blobSource } from "@/lib/jsonl/byteSource";

/** A tools file attached to trajectories that carry no tool schemas, and what identifies it in a manifest. */
export interface AttachedTools {
  tools: PivotTool[];
  digest: { name: string; size: number; sha256: string };
}

// Kept in this browser with the conversion options, so the next session converts the same way.
const KEY = "pivot-studio:tools-file";

const attachedSchema = z.object({
  tools: z.array(z.record(z.string(), z.unknown())).min(1),
  digest: z.object({ name: z.string(), size: z.number(), sha256: z.string() }),
});

/** Reads and checks a tools file; throws with the file's name and what is wrong with it. */
export async function readToolsFile(file: File): Promise<AttachedTools> {
  let tools: PivotTool[];
  try {
    tools = parseToolsFile(await file.text());
  } catch (e) {
    throw new Error(`${file.name}: ${(e as Error).message}`);
  }
  return { tools, digest: await describeInput(file.name, blobSource(file)) };
}

export function loadAttachedTools(): AttachedTools | null {
  try {
    const saved = localStorage.getItem(KEY);
    const parsed = saved ? attachedSchema.safeParse(JSON.parse(saved)) : null;
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveAttachedTools(tools: AttachedTools | null): void {
  try {
    if (tools) localStorage.setItem(KEY, JSON.stringify(tools));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage unavailable or full: the tools still apply to this session.
  }
}
