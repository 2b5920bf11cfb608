import { z } from "zod";
import { DEFAULT_CONVERT_OPTIONS, SOURCE_FORMATS, type ConvertOptions } from "@/lib/convert/options";

/** The conversion panel's options, kept in this browser so the next session converts the same way. */
const KEY = "pivot-studio:convert-options";

const convertOptionsSchema = z.object({
  format: z.enum(["auto", ...SOURCE_FORMATS]),
  minReward: z.number().nullable(),
  messagePivots: z.boolean(),
  batch: z.boolean(),
  parallelToolCalls: z.boolean(),
  doomLoop: z.number().int().min(0),
  dropToolErrors: z.boolean(),
  keepReasoning: z.boolean(),
  dropDuplicates: z.boolean(),
  agentName: z.string().min(1),
}) satisfies z.ZodType<ConvertOptions>;

export function loadConvertOptions(): ConvertOptions {
  try {
    const saved = localStorage.getItem(KEY);
    const parsed = saved ? convertOptionsSchema.safeParse(JSON.parse(saved)) : null;
    return parsed?.success ? parsed.data : { ...DEFAULT_CONVERT_OPTIONS };
  } catch {
    return { ...DEFAULT_CONVERT_OPTIONS };
  }
}

export function saveConvertOptions(options: ConvertOptions): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(options));
  } catch {
    // Storage unavailable (private mode): the options still apply to this session.
  }
}
