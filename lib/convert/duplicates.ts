/**
 * Duplicate candidates: the same prefix, tools and action. Item ids and call ids are random per rollout
 * (uuid4 in Gym's converters, `chatcmpl-tool-…` in τ²), so ids are left out and call ids replaced by their
 * order of appearance: two rollouts of one task that open the same way share keys.
 *
 * The prefix is hashed as a chain, one link per item, so a trajectory of n items costs O(n) hashing rather
 * than re-serializing every prefix (O(n²)), which dominated conversion time on long trajectories.
 */
import type { ExpectedAction, InputItem } from "./pivotRow";

export class PrefixDigest {
  private digest = "";
  private readonly callOrder = new Map<string, number>();

  constructor(private readonly hashText: (text: string) => string) {}

  append(items: readonly InputItem[]): void {
    for (const item of items) this.digest = this.hashText(`${this.digest}\n${this.canonical(item)}`);
  }

  /** The duplicate key of the current prefix with these tools (`toolsKey`, a hash of the tools) and action. */
  key(toolsKey: string, action: ExpectedAction): string {
    return this.hashText(`${toolsKey}\n${this.digest}\n${JSON.stringify(action)}`);
  }

  /** The item without its ids (only top-level keys: content parts and summaries carry none). */
  private canonical(item: InputItem): string {
    const { id: _id, status: _status, ...rest } = item;
    if (typeof rest.call_id === "string") {
      if (!this.callOrder.has(rest.call_id)) this.callOrder.set(rest.call_id, this.callOrder.size);
      rest.call_id = this.callOrder.get(rest.call_id);
    }
    return JSON.stringify(rest);
  }
}

/** The duplicate key of a finished row's prefix, tools key and action (as `convertRow` computes it incrementally). */
export function duplicateKey(hashText: (s: string) => string, toolsKey: string, input: readonly InputItem[], action: ExpectedAction): string {
  const digest = new PrefixDigest(hashText);
  digest.append(input);
  return digest.key(toolsKey, action);
}
