import { makeVector, vectorFromArray, Utf8 } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { isStringColumn, stringValues } from "./stringColumn";

describe("stringValues", () => {
  it("reads ASCII and non-ASCII batches, nulls and empty strings as Arrow does", () => {
    const ascii = vectorFromArray(["0123456789abcdef", null, "", "x"], new Utf8());
    const other = vectorFromArray(["é", null, "日本", "a"], new Utf8());
    const both = makeVector([...ascii.data, ...other.data]);
    expect(isStringColumn(both)).toBe(true);
    expect(stringValues(both)).toEqual(both.toArray());
    expect(stringValues(both)).toEqual(["0123456789abcdef", null, "", "x", "é", null, "日本", "a"]);
  });
});
