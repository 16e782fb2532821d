// The one rounding rule (half up on the exact fraction, in integers) and the column header words.
import { describe, expect, it } from "vitest";
import {
  columnSizeText,
  formatShare,
  hiddenFigure,
  shareFraction,
  shareInTenths,
  sharePoints,
} from "../../../server/tabulate/figure-rules.ts";

/** The exact answer with BigInt: 1000·count/base, plus a half, floored. */
const exactTenths = (count: number, base: number) =>
  Number((2000n * BigInt(count) + BigInt(base)) / (2n * BigInt(base)));

describe("shareInTenths", () => {
  it("rounds exact halves up, where a float lands a hair under them", () => {
    // As doubles these are 28.749999…, 51.249999… and 63.749999…: toFixed(1) printed .7, .2, .7.
    expect([23, 41, 51].map((count) => formatShare(count, 80))).toEqual([
      "28.8%",
      "51.3%",
      "63.8%",
    ]);
    expect(shareInTenths(1, 16)).toBe(63);
    expect(formatShare(0, 7)).toBe("0.0%");
    expect(formatShare(7, 7)).toBe("100.0%");
  });

  it("equals exact rational rounding for every count of every base up to 400", () => {
    for (let base = 1; base <= 400; base++)
      for (let count = 0; count <= base; count++)
        if (shareInTenths(count, base) !== exactTenths(count, base))
          throw new Error(`${count}/${base}`);
  });

  it("stays exact for large bases", () => {
    expect(shareInTenths(2_875_000, 10_000_000)).toBe(288);
    expect(shareInTenths(999_999_999, 1_000_000_000)).toBe(1000);
  });

  it("gives the CSV and the spreadsheet the printed figure, not the raw fraction", () => {
    expect(sharePoints(23, 80)).toBe(28.8);
    expect(shareFraction(23, 80)).toBe(0.288);
  });

  it("refuses what is not a share of integers", () => {
    expect(() => shareInTenths(1, 0)).toThrow(RangeError);
    expect(() => shareInTenths(0.5, 3)).toThrow(RangeError);
    expect(() => shareInTenths(-1, 3)).toThrow(RangeError);
  });
});

describe("column headers say why a column has no figures, never a size it does not have", () => {
  it("words each case", () => {
    expect(columnSizeText(78, null, 5)).toBe("n=78");
    expect(columnSizeText(0, null, 5)).toBe("无人作答");
    expect(columnSizeText(null, "small", 5)).toBe("人数少于5，不显示");
    expect(columnSizeText(null, "complementary", 5)).toBe("为保护其他组而不显示");
    expect(columnSizeText(null, "differencing", 5)).toBe("差分保护，不显示");
  });

  it("marks figures <k only for groups that really are under k", () => {
    expect(hiddenFigure("small", 3)).toBe("<3");
    expect(hiddenFigure("complementary", 3)).toBe("不显示");
    expect(hiddenFigure("differencing", 3)).toBe("不显示");
  });
});
