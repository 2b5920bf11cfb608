/**
 * A walk over the items of one list in a row (input items, tools) that reports findings at JSON paths. Paths are
 * kept as pieces (the item's index, and a part's list and index) and turned into a string only when a finding is
 * reported: nearly every item is clean, and building a path per item would cost more than checking it.
 *
 * Field checks take the verdict of a test the caller makes on the field read by name (`typeof item.id ===
 * "string"`), which the JIT inlines; only a failed test goes on to look at the key itself.
 */
import { type Finding, type FindingCode, type JsonObject, hasKey, keyPath, makeFinding } from "./finding";
import { pyRepr } from "./pythonText";

export class ItemWalk {
  /** Index of the current item in the list. */
  item = 0;
  /** Inside an item's list of parts: that list's key ("content", "output", "summary"); "" at the item itself. */
  list = "";
  /** Index of the current part in `list`. */
  part = 0;

  /** `base` is the list's path, e.g. `responses_create_params.input`. */
  constructor(
    readonly base: string,
    readonly out: Finding[],
  ) {}

  /** The current item's (or part's) path, or that of its `key`. */
  path(key?: string): string {
    let path = `${this.base}[${this.item}]`;
    if (this.list !== "") path = `${path}.${this.list}[${this.part}]`;
    return key === undefined ? path : keyPath(path, key);
  }

  report(code: FindingCode, message: string, key?: string): void {
    this.out.push(makeFinding(code, message, this.path(key)));
  }

  /** A required item field (pydantic `field: T` with no default); `kind` names the item in messages. */
  required(obj: JsonObject, kind: string, key: string, ok: boolean, expected: string): void {
    if (ok) return;
    if (hasKey(obj, key)) this.invalid(obj, kind, key, expected);
    else this.report("input_item_field_missing", `${kind} needs ${key}`, key);
  }

  /** An optional item field: absent is fine, present must pass. */
  optional(obj: JsonObject, kind: string, key: string, ok: boolean, expected: string): void {
    if (!ok && hasKey(obj, key)) this.invalid(obj, kind, key, expected);
  }

  private invalid(obj: JsonObject, kind: string, key: string, expected: string): void {
    this.report("input_item_field_invalid", `${kind} ${key} must be ${expected}, found ${pyRepr(obj[key])}`, key);
  }

  /** A required field of the current content part; messages name the part by its `type`. */
  requiredPart(part: JsonObject, key: string, ok: boolean, expected: string): void {
    if (ok) return;
    if (hasKey(part, key)) this.invalidPart(part, key, expected);
    else this.report("content_part_field_invalid", `${String(part.type)} part needs ${key}`, key);
  }

  /** An optional field of the current content part. */
  optionalPart(part: JsonObject, key: string, ok: boolean, expected: string): void {
    if (!ok && hasKey(part, key)) this.invalidPart(part, key, expected);
  }

  private invalidPart(part: JsonObject, key: string, expected: string): void {
    this.report("content_part_field_invalid", `${String(part.type)} part ${key} must be ${expected}, found ${pyRepr(part[key])}`, key);
  }
}
