/**
 * A small JSON Schema subset for checking expected `arguments` against the tool the model is shown:
 * `type` (string/integer/number/boolean/object/array/null, or a list of them), `enum`, `required`,
 * `properties`, `additionalProperties` and `items`. Other keywords (`$ref`, `anyOf`, formats, bounds…)
 * are ignored, so a schema that relies on them yields no findings rather than false ones.
 */
import { type JsonObject, hasKey, isObject } from "./finding";

export type SchemaProblemCode =
  | "arguments_missing_required"
  | "arguments_type_mismatch"
  | "arguments_enum_mismatch"
  | "arguments_unexpected_key";

export interface SchemaProblem {
  code: SchemaProblemCode;
  message: string;
}

const MAX_DEPTH = 32;

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value; // string, boolean, object
}

// JSON Schema semantics: 1.0 is an integer and every integer is a number; a boolean is neither.
function matchesType(value: unknown, type: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "null":
      return value === null;
    default:
      return true; // an unknown type name constrains nothing here
  }
}

/** Structural equality of JSON values (object key order ignored), as enum membership needs. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasKey(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

function label(where: string): string {
  return where === "" ? "arguments" : `argument ${JSON.stringify(where)}`;
}

/** Appends the problems of `value` against `schema`; `where` is the location inside the arguments ("" = root). */
export function checkArgumentSchema(
  value: unknown,
  schema: unknown,
  where = "",
  problems: SchemaProblem[] = [],
  depth = 0,
): SchemaProblem[] {
  if (!isObject(schema) || depth > MAX_DEPTH) return problems;
  const type = schema.type;
  if (!typeAllows(type, value)) {
    const message = `${label(where)} must be ${Array.isArray(type) ? type.join(" or ") : String(type)}, found ${jsonTypeOf(value)}`;
    problems.push({ code: "arguments_type_mismatch", message });
    return problems; // children of a wrongly typed value would only repeat the same problem
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => jsonEqual(option, value))) {
    const message = `${label(where)} must be one of ${JSON.stringify(schema.enum)}, found ${JSON.stringify(value)}`;
    problems.push({ code: "arguments_enum_mismatch", message });
  }
  if (isObject(value)) checkObject(value, schema, where, problems, depth);
  if (Array.isArray(value) && isObject(schema.items)) {
    for (let i = 0; i < value.length; i++) checkArgumentSchema(value[i], schema.items, `${where}[${i}]`, problems, depth + 1);
  }
  return problems;
}

/** A schema `type` (absent, one name or a list of names) allows the value. */
function typeAllows(type: unknown, value: unknown): boolean {
  if (type === undefined) return true;
  if (!Array.isArray(type)) return matchesType(value, type);
  for (const t of type) if (matchesType(value, t)) return true;
  return false;
}

const join = (where: string, key: string) => (where === "" ? key : `${where}.${key}`);

function checkObject(value: JsonObject, schema: JsonObject, where: string, problems: SchemaProblem[], depth: number): void {
  const properties = isObject(schema.properties) ? schema.properties : null;
  if (Array.isArray(schema.required)) {
    for (const key of schema.required) {
      if (typeof key === "string" && !hasKey(value, key)) {
        const message = `${label(where)} lacks required key ${JSON.stringify(key)}`;
        problems.push({ code: "arguments_missing_required", message });
      }
    }
  }
  for (const key in value) {
    if (!hasKey(value, key)) continue;
    if (properties !== null && hasKey(properties, key)) {
      checkArgumentSchema(value[key], properties[key], join(where, key), problems, depth + 1);
    } else if (schema.additionalProperties === false) {
      const message = `${label(where)} has key ${JSON.stringify(key)}, which the schema does not allow`;
      problems.push({ code: "arguments_unexpected_key", message });
    } else if (isObject(schema.additionalProperties)) {
      checkArgumentSchema(value[key], schema.additionalProperties, join(where, key), problems, depth + 1);
    }
  }
}
