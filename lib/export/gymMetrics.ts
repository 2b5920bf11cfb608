/**
 * The dataset metrics Gym's `ng_prepare_data` / `gym dataset collate` writes to `<data stem>_metrics.json`
 * (`nemo_gym/train_data_utils.py`, spec §10), computed the same way: tools per row, Python-`json.dumps` word
 * count of `responses_create_params`, user turns, temperature, then every other scalar top-level key.
 *
 * Gym counts words on pydantic's `model_dump(exclude_unset=True)` of the request, where keys its item models do
 * not define are gone (`dumpedItems`). Known gap: lax values coerced by the dump (`" 5 "` for an int field) are
 * counted as written. The temperature is read as pydantic reads it.
 */
import { isObject } from "../formats/json";
import { requestWordCount } from "./dumpedItems";
import { pyFormatFixed } from "../validate/pythonText";
import { laxFloatValue } from "../validate/requestModel";
import { pyFloat, pyInt, type PyDict, type PyValue } from "../formats/pythonJson";

const NOT_AGGREGATED = new Set(["responses_create_params", "response"]);

/** Gym's `round_metric`: 2 decimals when |x| ≥ 1, else 3. */
const roundMetric = (x: number) => pyRound(x, Math.abs(x) >= 1 ? 2 : 3);

/** Python's `round(x, n)`: correctly rounded, ties to even (0.125 → 0.12). */
export function pyRound(x: number, digits: number): number {
  return Number(pyFormatFixed(x, digits));
}

/**
 * Gym's `AvgMinMax`, with its float arithmetic step for step (a rounding tie such as 10.625 lands where Gym's
 * running mean puts it): `observe` is its Welford update (the extra top-level keys), `merge` its merge of a
 * one-sample accumulator (the request metrics: each row gets its own accumulator, merged into the dataset's).
 * Sample standard deviation; values rounded to 2 decimals when |x| ≥ 1, else 3.
 */
export class AvgMinMax {
  private count = 0;
  private min = Infinity;
  private max = -Infinity;
  private mean = 0;
  private m2 = 0;

  observe(x: number): void {
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
  }

  /** `self.add(other)` where `other` observed only `x`. */
  merge(x: number): void {
    if (this.count === 0) {
      this.observe(x);
      return;
    }
    // Gym's `mean + delta * (n2 / n)` and `M2 + other.M2 + delta² * (n1 * n2 / n)` with n2 = 1 and other.M2 = 0
    // (adding 0 and multiplying by 1 change no float); `delta * (1 / n)` rounds differently from `delta / n`.
    const n1 = this.count;
    const n = n1 + 1;
    const delta = x - this.mean;
    this.mean = this.mean + delta * (1 / n);
    this.m2 = this.m2 + delta * delta * (n1 / n);
    this.count = n;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  private stats(): { average: number; std: number } {
    const n = this.count;
    return { average: this.mean, std: n < 2 ? 0 : Math.sqrt(this.m2 / (n - 1)) };
  }

  /** `toPyDict` of this metric aggregated once more, as Gym does to one stored in a field: no mean, no deviation. */
  toReaggregatedPyDict(): PyDict {
    const once = new AvgMinMax();
    once.count = this.count;
    once.min = roundMetric(this.min);
    once.max = roundMetric(this.max);
    return once.toPyDict();
  }

  toPyDict(): PyDict {
    const round = (x: number) => pyFloat(roundMetric(x));
    if (this.count === 0) {
      const zero = pyFloat(0);
      return new Map<string, PyValue>([["Total # non-null values", pyInt(0)], ["Average", zero], ["Min", zero], ["Max", zero], ["Standard deviation", zero]]);
    }
    const { average, std } = this.stats();
    return new Map<string, PyValue>([
      ["Total # non-null values", pyInt(this.count)],
      ["Average", round(average)],
      ["Min", round(this.min)],
      ["Max", round(this.max)],
      ["Standard deviation", round(std)],
    ]);
  }
}

class StringCounts {
  private readonly unique = new Set<string>();
  private total = 0;
  add(s: string): void {
    this.unique.add(s);
    this.total++;
  }
  toPyDict(): PyDict {
    return new Map<string, PyValue>([["unique_count", pyInt(this.unique.size)], ["total_count", pyInt(this.total)]]);
  }
}

/** What one row adds to a dataset's metrics; computed once when the row counts toward several files. */
export interface GymRowStats {
  tools: number | null;
  words: number;
  turns: number | null;
  temperature: number | null;
  /** Every other top-level key's scalar values (a list's own scalars; dicts, nulls, nested lists left out), in row order. */
  extras: [string, ExtraValue][];
}

export type ExtraValue = number | boolean | string;

/** The values Gym aggregates under `key`: a scalar, or the scalars of a list (one level: a nested list is skipped). */
function scalarLeaves(key: string, value: unknown, out: [string, ExtraValue][]): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item === "number" || typeof item === "boolean" || typeof item === "string") out.push([key, item]);
  }
}

/**
 * The row's contribution, or null when it has no `responses_create_params` object (Gym skips such rows).
 * `words`: the request's word count when the caller already has it (`RequestMemo`).
 */
export function gymRowStats(row: unknown, words?: number): GymRowStats | null {
  if (!isObject(row) || !isObject(row.responses_create_params)) return null;
  const rcp = row.responses_create_params;
  const input = rcp.input;
  const userTurns = typeof input === "string" ? 1 : Array.isArray(input) ? input.filter((i) => isObject(i) && i.role === "user").length : 0;
  return {
    tools: Array.isArray(rcp.tools) ? rcp.tools.length : null,
    words: words ?? requestWordCount(rcp),
    turns: userTurns >= 1 ? userTurns : null,
    // As pydantic reads it (lax: a numeric string or a bool is a float): what model_dump hands the metrics.
    temperature: laxFloatValue(rcp.temperature),
    extras: extrasOf(row),
  };
}

function extrasOf(row: Record<string, unknown>): [string, ExtraValue][] {
  const out: [string, ExtraValue][] = [];
  for (const key of Object.keys(row)) if (!NOT_AGGREGATED.has(key)) scalarLeaves(key, row[key], out);
  return out;
}

/**
 * Gym stores each extra key's metric with `setattr` on its pydantic `DatasetMetrics`. A key starting with "_"
 * becomes a private attribute, left out of the dump (a rollout's `_ng_task_index`). A key naming one of its own
 * fields replaces that field's metric, which is then aggregated a second time: the stored metric has no running
 * mean left, so it reports an average and deviation of 0 (`toReaggregatedPyDict`). A string there, or anything
 * under `number_of_examples`, makes Gym's run fail; such a key is left out here.
 */
const OWN_FIELDS = new Set(["number_of_examples", "number_of_tools", "json_dumped_number_of_words", "number_of_turns", "temperature", "is_aggregated"]);

/** One dataset's metrics, fed row by row (rows already parsed; Gym's `num_repeats` is 1 here). */
export class GymDatasetMetrics {
  private examples = 0;
  private readonly tools = new AvgMinMax();
  private readonly words = new AvgMinMax();
  private readonly turns = new AvgMinMax();
  private readonly temperature = new AvgMinMax();
  private readonly extras = new Map<string, AvgMinMax | StringCounts>();

  addRow(row: unknown): void {
    const stats = gymRowStats(row);
    if (stats) this.addStats(stats);
  }

  addStats(stats: GymRowStats): void {
    this.examples++;
    if (stats.tools !== null) this.tools.merge(stats.tools);
    this.words.merge(stats.words);
    if (stats.turns !== null) this.turns.merge(stats.turns);
    if (stats.temperature !== null) this.temperature.merge(stats.temperature);
    for (const [key, value] of stats.extras) this.addExtra(key, value);
  }

  // Numbers and bools are averaged, strings counted (a list's scalars each count; dicts and nulls are left out).
  private addExtra(key: string, value: ExtraValue): void {
    const numeric = typeof value === "number" ? value : typeof value === "boolean" ? Number(value) : null;
    let metric = this.extras.get(key);
    if (numeric !== null) {
      if (!metric) this.extras.set(key, (metric = new AvgMinMax()));
      if (metric instanceof AvgMinMax) metric.observe(numeric);
    } else if (typeof value === "string") {
      if (!metric) this.extras.set(key, (metric = new StringCounts()));
      if (metric instanceof StringCounts) metric.add(value);
    }
  }

  get rows(): number {
    return this.examples;
  }

  /** The metrics object, after `config` (Gym writes the dataset config's fields first). */
  toPyDict(config: PyDict = new Map()): PyDict {
    const out: PyDict = new Map(config);
    const field = (name: string, own: AvgMinMax) => {
      const extra = this.extras.get(name);
      return extra instanceof AvgMinMax ? extra.toReaggregatedPyDict() : own.toPyDict();
    };
    out.set("Number of examples", pyInt(this.examples));
    out.set("Number of tools", field("number_of_tools", this.tools));
    out.set("Json-dumped number of words (proxy for token count)", field("json_dumped_number_of_words", this.words));
    out.set("Number of turns", field("number_of_turns", this.turns));
    out.set("Temperature", field("temperature", this.temperature));
    for (const [key, metric] of this.extras) if (!key.startsWith("_") && !OWN_FIELDS.has(key)) out.set(key, metric.toPyDict());
    return out;
  }
}

/** Gym's dataset-config fields, in the order its metrics file starts with them. */
export function gymDatasetConfig(fields: {
  name: string;
  type: "train" | "validation" | "example";
  jsonlFpath: string;
  license: string | null;
}): PyDict {
  return new Map<string, PyValue>([
    ["name", fields.name],
    ["type", fields.type],
    ["jsonl_fpath", fields.jsonlFpath],
    ["num_repeats", pyInt(1)],
    ["source", null],
    ["gitlab_identifier", null],
    ["huggingface_identifier", null],
    ["license", fields.license],
  ]);
}
