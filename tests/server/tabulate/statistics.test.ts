// Wilson intervals and chi-square tests, checked against independent computations: bisection
// for the interval, plain loops plus jStat's chi-square distribution for the test.
import { describe, expect, it } from "vitest";
import { chiSquareTest, wilsonInterval } from "../../../server/tabulate/statistics.ts";
import { jstatChiSquareCdf } from "../../support/jstat-chi-square.ts";

/** The textbook computation, for a table that has no all-zero row or column. */
function referenceChiSquare(table: number[][]) {
  const r = table.length;
  const c = table[0]?.length ?? 0;
  const rowTotals = new Array<number>(r).fill(0);
  const colTotals = new Array<number>(c).fill(0);
  let total = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const o = table[i]?.[j] ?? 0;
      rowTotals[i] = (rowTotals[i] ?? 0) + o;
      colTotals[j] = (colTotals[j] ?? 0) + o;
      total += o;
    }
  }
  let statistic = 0;
  let lowExpectedCells = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = ((rowTotals[i] ?? 0) * (colTotals[j] ?? 0)) / total;
      statistic += ((table[i]?.[j] ?? 0) - e) ** 2 / e;
      if (e < 5) lowExpectedCells++;
    }
  }
  const df = (r - 1) * (c - 1);
  return { statistic, df, p: 1 - jstatChiSquareCdf(statistic, df), lowExpectedCells, cells: r * c };
}

function expectMatchesReference(actual: ReturnType<typeof chiSquareTest>, reduced: number[][]) {
  const expected = referenceChiSquare(reduced);
  if ("skipped" in actual) throw new Error(`unexpectedly skipped: ${actual.skipped}`);
  expect(actual.statistic).toBeCloseTo(expected.statistic, 10);
  expect(actual.p).toBeCloseTo(expected.p, 9);
  expect(actual.df).toBe(expected.df);
  expect(actual.lowExpectedCells).toBe(expected.lowExpectedCells);
  expect(actual.cells).toBe(expected.cells);
}

/** A deterministic 4 options x 11 groups table with uneven counts. */
const table4x11 = Array.from({ length: 4 }, (_, i) =>
  Array.from({ length: 11 }, (_, j) => ((i * 7 + j * 13 + i * j * 5) % 23) + 3),
);

describe("chiSquareTest", () => {
  it("gives the textbook value for [[10,20],[30,40]]", () => {
    const result = chiSquareTest([
      [10, 20],
      [30, 40],
    ]);
    if ("skipped" in result) throw new Error("skipped");
    expect(result.statistic).toBeCloseTo(0.7937, 3);
    expect(result.p).toBeCloseTo(0.373, 3);
    expect(result).toMatchObject({ df: 1, lowExpectedCells: 0, cells: 4 });
  });

  it.each([
    [
      "2x2",
      [
        [12, 5],
        [7, 19],
      ],
    ],
    [
      "3x4",
      [
        [20, 15, 30, 12],
        [8, 22, 17, 40],
        [35, 9, 14, 21],
      ],
    ],
    ["4x11", table4x11],
  ])("matches the reference on a %s table", (_, table) => {
    expectMatchesReference(chiSquareTest(table), table);
  });

  it("drops all-zero rows and columns before testing", () => {
    const table = [
      [5, 0, 7, 9],
      [0, 0, 0, 0],
      [3, 0, 2, 11],
      [6, 0, 8, 1],
    ];
    const reduced = [
      [5, 7, 9],
      [3, 2, 11],
      [6, 8, 1],
    ];
    const result = chiSquareTest(table);
    expectMatchesReference(result, reduced);
    expect(result).toMatchObject({ df: 4, cells: 9 });
  });

  it("counts the cells whose expected count is under 5", () => {
    // Totals 3/13 by 4/12 over 16: expected 0.75, 2.25, 3.25, 9.75.
    const table = [
      [1, 2],
      [3, 10],
    ];
    const result = chiSquareTest(table);
    expect(result).toMatchObject({ lowExpectedCells: 3, cells: 4 });
    expectMatchesReference(result, table);
  });

  it.each([
    ["one option", [[5, 3, 8]]],
    ["one group", [[5], [3], [8]]],
    [
      "one group left after dropping empty ones",
      [
        [4, 0],
        [6, 0],
      ],
    ],
    ["one option left after dropping empty ones", [[4, 6], [0, 0], []]],
    [
      "nothing at all",
      [
        [0, 0],
        [0, 0],
      ],
    ],
    ["no rows", []],
  ])("skips with a reason when there is %s", (_, table) => {
    expect(chiSquareTest(table)).toEqual({ skipped: "有效行或列少于 2，无法检验" });
  });
});

/** Solves |count/n − p| = z·sqrt(p(1−p)/n) for p on one side of count/n by bisection. */
function bisectWilsonBound(
  count: number,
  n: number,
  side: "lower" | "upper",
  z = 1.959963984540054,
) {
  const pHat = count / n;
  const f = (p: number) => (pHat - p) ** 2 - (z * z * p * (1 - p)) / n;
  // f >= 0 at the outer end (0 or 1) and f <= 0 at count/n, so the root lies between them.
  let outer = side === "lower" ? 0 : 1;
  let inner = pHat;
  for (let k = 0; k < 200; k++) {
    const mid = (outer + inner) / 2;
    if (f(mid) >= 0) outer = mid;
    else inner = mid;
  }
  return (outer + inner) / 2;
}

describe("wilsonInterval", () => {
  it.each([
    [0, 10],
    [10, 10],
    [1, 3],
    [1, 2],
    [7, 40],
    [0, 1],
    [1, 1],
    [123, 456],
    [999, 1000],
  ])("matches the bisection solution for %i/%i", (count, n) => {
    const interval = wilsonInterval(count, n);
    if (interval === null) throw new Error("null interval");
    const [lower, upper] = interval;
    expect(lower).toBeCloseTo(bisectWilsonBound(count, n, "lower"), 12);
    expect(upper).toBeCloseTo(bisectWilsonBound(count, n, "upper"), 12);
    expect(lower).toBeGreaterThanOrEqual(0);
    expect(upper).toBeLessThanOrEqual(1);
    expect(lower).toBeLessThanOrEqual(count / n);
    expect(upper).toBeGreaterThanOrEqual(count / n);
  });

  it("is exactly 0 below 0/n and exactly 1 above n/n", () => {
    expect(wilsonInterval(0, 25)?.[0]).toBe(0);
    expect(wilsonInterval(25, 25)?.[1]).toBe(1);
  });

  it("honours another z", () => {
    const interval = wilsonInterval(30, 100, 1);
    expect(interval?.[0]).toBeCloseTo(bisectWilsonBound(30, 100, "lower", 1), 12);
    expect(interval?.[1]).toBeCloseTo(bisectWilsonBound(30, 100, "upper", 1), 12);
  });

  it("is null without a base", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(3, -1)).toBeNull();
  });
});
