/**
 * Numbers as their JSON tokens wrote them, for tool-call arguments that a source carries as an object: Gym's
 * converters `json.dumps` what Python's `json.loads` read, and Python keeps `1.0` a float and `2**60` exact,
 * where `JSON.parse` gives `1` and a rounded number. The verifier compares types (expected int, actual float
 * fails), so an expected `{"n": 1}` written for a source's `{"n": 1.0}` would fail the very action it records.
 *
 * Only rows that need it pay: a row whose text has no integral float (`1.0`, `2e3`) nor a long integer is
 * dumped from its parsed value; any other is parsed again without loss (lossless-json, whose numbers keep
 * their token), once, and each arguments object is dumped from its twin in that copy.
 */
import { parse } from "lossless-json";
import { isObject } from "../formats/json";

// An integral float (1.0, 1.00, 3e2) or an integer JS cannot hold exactly (16+ digits): the tokens that
// JSON.parse and json.loads tell apart. A match inside a string only costs the lossless parse.
const LOSSY_TOKEN = /\d\.0*(?![0-9])|\d[eE]|\d{16}/;

/** The lossless twin of each object and array of a parsed row, by identity; built on first use. */
export type ExactTwins = (value: object) => unknown;

/** Twins for a row parsed from `text`; `undefined` from the lookup when the plain value loses nothing. */
export function exactTwins(row: unknown, text: string): ExactTwins {
  let twins: WeakMap<object, unknown> | null = null;
  return (value) => {
    if (twins === null) twins = LOSSY_TOKEN.test(text) ? pairUp(row, text) : new WeakMap();
    return twins.get(value);
  };
}

function pairUp(row: unknown, text: string): WeakMap<object, unknown> {
  const twins = new WeakMap<object, unknown>();
  let exact: unknown;
  try {
    exact = parse(text);
  } catch {
    return twins; // what JSON.parse read, lossless-json may refuse (duplicate keys): keep the plain value
  }
  const walk = (plain: unknown, twin: unknown) => {
    if (Array.isArray(plain) && Array.isArray(twin) && plain.length === twin.length) {
      twins.set(plain, twin);
      plain.forEach((v, i) => walk(v, twin[i]));
    } else if (isObject(plain) && isObject(twin)) {
      twins.set(plain, twin);
      for (const key of Object.keys(plain)) walk(plain[key], twin[key]);
    }
  };
  walk(row, exact);
  return twins;
}

/** A JSON text parsed with its number tokens kept when a plain parse would lose one; undefined when not JSON. */
export function parseExactJson(text: string): unknown {
  if (LOSSY_TOKEN.test(text)) {
    try {
      return parse(text);
    } catch {
      // lossless-json refuses what JSON.parse reads (duplicate keys): read it as JSON.parse does
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
