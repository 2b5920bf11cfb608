import { FINDING_CATALOGUE, type FindingCode } from "@/lib/validate/finding";

/** A finding code as a badge, coloured by its catalogue severity; the description is the tooltip. */
export function FindingBadge({ code }: { code: string }) {
  const entry = FINDING_CATALOGUE[code as FindingCode] as (typeof FINDING_CATALOGUE)[FindingCode] | undefined;
  const severity = entry?.severity ?? "warning";
  return (
    <span
      className={`badge finding-${severity}`}
      data-testid="finding-badge"
      data-code={code}
      data-severity={severity}
      title={entry?.description ?? code}
    >
      {code}
    </span>
  );
}
