import { z } from "zod";

/** Gym's `expected_action` union (common/verification_utils.py), loosely: extra keys are allowed, as pydantic does. */
const functionCall = z.looseObject({ type: z.literal("function_call"), name: z.string(), arguments: z.unknown() });
const functionCallBatch = z.looseObject({
  type: z.literal("function_call_batch"),
  calls: z.array(z.looseObject({ name: z.string() })),
});
const message = z.looseObject({ type: z.literal("message"), content: z.unknown() });
// image_tools pivots write `{name, arguments}` with no `type` (spec §11.2); shown as a function call.
const untypedCall = z.looseObject({ type: z.undefined(), name: z.string() });

export const expectedActionSchema = z.union([functionCall, functionCallBatch, message, untypedCall]);

export type ActionType = "function_call" | "function_call_batch" | "message" | "other";

/** What a decision point's action is, in the terms the table and metrics use. */
export interface ActionSummary {
  actionType: ActionType;
  /** Tool names in call order: one for a call, several for a batch, none for a message. */
  toolNames: string[];
}

export function summarizeExpectedAction(value: unknown): ActionSummary {
  const parsed = expectedActionSchema.safeParse(value);
  if (!parsed.success) return { actionType: "other", toolNames: [] };
  const a = parsed.data;
  if (a.type === "function_call_batch") return { actionType: "function_call_batch", toolNames: a.calls.map((c) => c.name) };
  if (a.type === "message") return { actionType: "message", toolNames: [] };
  return { actionType: "function_call", toolNames: [a.name] };
}
