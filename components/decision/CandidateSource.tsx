"use client";
import { isObject } from "@/lib/formats/json";
import { candidateFactsSql } from "@/lib/view/rowFindings";
import { useQuery } from "../useQuery";
import { PrefixList } from "./PrefixList";

/**
 * What conversion decided about a candidate: kept, or skipped with its reason (the `rows` table has the final
 * word: duplicates are only known across the whole load), and its source task's reward group.
 */
export function CandidateSource({ fileId, line, candidate }: { fileId: number; line: number; candidate: Record<string, unknown> }) {
  const { rows } = useQuery(candidateFactsSql(fileId, line));
  const facts = rows?.[0];
  if (!facts) return null;
  const skip = facts.skip_reason ? String(facts.skip_reason) : null;
  return (
    <section className="candidate-source" data-testid="candidate-source" data-skip-reason={skip ?? ""}>
      {skip ? (
        <p className="notice">
          Skipped by conversion: <span className="badge finding-warning" data-testid="skip-reason">{skip}</span> {String(facts.skip_detail ?? "")}
        </p>
      ) : (
        <p className="muted">Converted from a trajectory: a candidate pivot.</p>
      )}
      <p className="muted">
        {facts.task_id !== null && <>task {String(facts.task_id)} · </>}
        {facts.reward !== null && <>source reward {String(facts.reward)} · </>}
        source task group <span data-testid="reward-group">{String(facts.reward_group ?? "no_reward")}</span>
      </p>
      {!("expected_action" in candidate) && Array.isArray(candidate.action_items) && (
        <PrefixList input={candidate.action_items.filter(isObject)} title="The turn (no action could be formed from it)" />
      )}
    </section>
  );
}
