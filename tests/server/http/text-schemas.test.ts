// U+0000 is found wherever a request carries it (a value or a key, however deep), by path.
import { expect, it } from "vitest";
import { pathOfNul } from "../../../server/http/text-schemas.ts";

it("names the path to the first U+0000 in a value or a key", () => {
  expect(pathOfNul({ answers: { Q1: "A", Q28: "x\u0000y" } })).toEqual(["answers", "Q28"]);
  expect(pathOfNul({ answers: { Q3: ["A", "\u0000"] } })).toEqual(["answers", "Q3", "1"]);
  expect(pathOfNul({ otherText: { "Q\u00005": "x" } })).toEqual(["otherText", "Q\u00005"]);
  expect(pathOfNul("\u0000")).toEqual([]);
  expect(pathOfNul({ answers: { Q1: "A" }, n: 3, none: null })).toBeNull();
  // "\\u0000" typed as six characters is text like any other.
  expect(pathOfNul({ label: "\\u0000" })).toBeNull();
});

it("walks a body nested far deeper than the call stack goes", () => {
  let deep: unknown = "end\u0000";
  for (let i = 0; i < 20_000; i++) deep = { a: [deep] };
  expect(pathOfNul({ answers: { Q9: deep } })?.length).toBe(2 + 40_000);
});
