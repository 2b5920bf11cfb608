/**
 * Converted trajectories as export rows: each source row converted again, in order, with the run's duplicate
 * set, so every candidate comes out with the content hash, number and verdict the app gave it on load
 * (lib/ingest/candidateRows; candidateSource.test.ts and lib/ingest/conversion.test.ts tie both to the CLI). Skipped candidates carry their
 * reason as an automatic skip: they reach the audit, never pivots.jsonl, unless a reviewer accepted them. A
 * source row that is not a trajectory (not JSON, no message list) reaches the audit too, as `unreadable_row`.
 */
import { candidatesInOrder, convertRow, createConversionRun, passRewardOf, type PivotProvenance, SourceTaskGroups, type StreamingRun } from "../convert";
import { candidateHash } from "../ingest/candidateRows";
import { sourceOfRow } from "../ingest/jsonDocument";
import type { RangeConversion } from "../ingest/parseRange";
import { jsonlSourceRowsOf, type JsonlInput } from "./jsonlRows";
import type { SourceRow, SourceTask } from "./sourceRows";

/** The audit's reason for a source row that could not be read as a trajectory. */
export const UNREADABLE_ROW = "unreadable_row";

export interface CandidateInput extends JsonlInput {
  conversion: Pick<RangeConversion, "options" | "toolsFile" | "document" | "toolsFileDigest">;
}

/**
 * What one pass over the inputs shares across files: the conversion runs, one per set of options and tools file
 * (a candidate repeating one of an earlier file is then a `duplicate`, as the app's load and `pivot-studio
 * convert` find it), and the source tasks' reward groups over every candidate read. Make a new one per pass.
 */
export interface PassRuns {
  run(conversion: CandidateInput["conversion"]): Promise<StreamingRun>;
  readonly groups: SourceTaskGroups;
}

/** A pass's conversion runs and reward groups, whose pass line is the conversion's (`passRewardOf`). */
export function passRuns(passReward = 1.0): PassRuns {
  const runs = new Map<string, Promise<StreamingRun>>();
  return {
    run(conversion) {
      const key = JSON.stringify([conversion.options, conversion.toolsFileDigest?.sha256 ?? null, conversion.toolsFile?.length ?? 0]);
      let run = runs.get(key);
      if (!run) runs.set(key, (run = createConversionRun(conversion.options, conversion.toolsFile)));
      return run;
    },
    groups: new SourceTaskGroups({ passReward }),
  };
}

/** Every candidate of every input, numbered from 1 per file; each call converts again (one call per pass). */
export function candidateSourceRowsOf(inputs: readonly CandidateInput[], firstInput = 0): (runs?: PassRuns) => AsyncIterable<SourceRow> {
  return async function* (runs = passRuns(passRewardOf(inputs[0]?.conversion.options ?? { minReward: null }))) {
    for (const [k, input] of inputs.entries()) {
      const run = await runs.run(input.conversion);
      let ordinal = 0;
      // Source rows are pulled one block at a time (jsonlSourceRowsOf), so memory stays bounded by a block.
      for await (const source of jsonlSourceRowsOf([input])()) {
        const at = sourceOfRow({ fileName: input.name, document: input.conversion.document }, source.line, source.hash, source.text ?? undefined);
        // Not numbered as a decision point (the app numbers candidates only); located by its own line or record.
        const unreadable = (note: string): SourceRow => ({
          ...source,
          file: input.name,
          origin: { line: at.line, record: at.record },
          autoSkip: { reason: UNREADABLE_ROW, note, findings: [] },
        });
        let value: unknown;
        try {
          value = source.text === null ? undefined : JSON.parse(source.text);
        } catch (e) {
          yield unreadable(`invalid JSON: ${(e as Error).message}`);
          continue;
        }
        if (value === undefined) {
          yield unreadable("not valid UTF-8");
          continue;
        }
        const conv = convertRow(value, at, run);
        if (conv.error !== undefined) yield unreadable(conv.error);
        for (const c of candidatesInOrder(conv)) {
          const p = c.provenance;
          const hash = candidateHash(run, p.pivot_id);
          const origin = { line: p.source_line, record: p.source_record, actionIndex: p.pivot_assistant_index };
          ordinal++;
          // Trajectories are told apart by input, not by name, as the app tells files apart: two inputs of one
          // name (from two folders, or one file opened twice) are two sets of samples for their tasks.
          const task: SourceTask = { ...taskOf(p), input: firstInput + k };
          runs.groups.add(task, task.input);
          if ("skip_reason" in c) {
            const { skip_reason, skip_detail, ...row } = c;
            yield { file: input.name, line: ordinal, text: JSON.stringify(row), hash, origin, task, autoSkip: { reason: skip_reason, note: skip_detail } };
          } else yield { file: input.name, line: ordinal, text: JSON.stringify(c), hash, origin, task };
        }
      }
    }
  };
}

/** What of a candidate's provenance its source task's group reads. */
function taskOf(p: PivotProvenance): Omit<SourceTask, "input"> {
  return { task_id: p.task_id, task_index: p.task_index, source_file: p.source_file, source_line: p.source_line, source_record: p.source_record, source_reward: p.source_reward };
}

/** An export input: a pivot JSONL file, or (with `conversion`) a trajectory file whose rows are its candidates. */
export type ExportSourceInput = JsonlInput & { conversion?: CandidateInput["conversion"] | null };

/**
 * Every input's rows in order, each pass with its own `PassRuns` (one duplicate check across the converted
 * files, as on load); `taskGroups` answers the reward groups of the last pass, complete once it has ended.
 */
export function exportSourceRows(inputs: readonly ExportSourceInput[]): { rows: () => AsyncIterable<SourceRow>; taskGroups: () => SourceTaskGroups | null } {
  const each = inputs.map((i, k) => (i.conversion ? candidateSourceRowsOf([{ ...i, conversion: i.conversion }], k) : jsonlSourceRowsOf([i])));
  let lastPass: PassRuns | null = null;
  // One pass line for the pass's groups: every converted input of an export shares the conversion options.
  const passReward = passRewardOf(inputs.find((i) => i.conversion)?.conversion?.options ?? { minReward: null });
  return {
    rows: async function* () {
      const runs = (lastPass = passRuns(passReward));
      for (const rows of each) yield* rows(runs);
    },
    taskGroups: () => lastPass?.groups ?? null,
  };
}
