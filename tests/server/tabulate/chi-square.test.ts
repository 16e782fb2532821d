// The hand-written chi-square tail, checked against jStat over a grid, and against closed forms
// where jStat cannot follow: the far tail, which jStat only has as 1 − CDF.
import { describe, expect, it } from "vitest";
import { chiSquareSurvival, logGamma } from "../../../server/tabulate/chi-square.ts";
import { jstatChiSquareCdf as jstatCdf } from "../../support/jstat-chi-square.ts";

/**
 * jStat's log-gamma is the 6-term Lanczos of Numerical Recipes, good to about 2e-10 relative,
 * and it subtracts from 1; the worst gap seen on this grid is 4e-11 (df 1, statistic 3, where
 * erfc(√1.5) confirms our value to 1e-16). So 1e-9 absolute: five times jStat's own error
 * bound, yet far below the 0.001 a printed p-value shows.
 */
const JSTAT_TOLERANCE = 1e-9;

const STATISTICS = [
  0,
  1e-12,
  1e-6,
  0.001,
  0.01,
  0.1,
  0.5,
  ...Array.from({ length: 300 }, (_, i) => i + 1),
  // Around each df, where the method switches from series to fraction (x = a + 1).
  ...Array.from({ length: 60 }, (_, i) => i + 2.999),
  ...Array.from({ length: 60 }, (_, i) => i + 3.001),
];

/** For even df the tail is a finite Poisson sum: e^(−x/2) Σ_{i<df/2} (x/2)^i / i!. */
function evenTail(statistic: number, df: number): number {
  const x = statistic / 2;
  let term = 1;
  let sum = 1;
  for (let i = 1; i < df / 2; i++) {
    term *= x / i;
    sum += term;
  }
  return Math.exp(-x) * sum;
}

describe("chiSquareSurvival", () => {
  it("matches 1 − jStat's CDF within 1e-9 for df 1..60 and statistics 0..300", () => {
    let worst = { gap: 0, df: 0, statistic: 0 };
    for (let df = 1; df <= 60; df++) {
      for (const statistic of STATISTICS) {
        const gap = Math.abs(chiSquareSurvival(statistic, df) - (1 - jstatCdf(statistic, df)));
        if (gap > worst.gap) worst = { gap, df, statistic };
      }
    }
    expect(worst.gap, `df ${worst.df}, statistic ${worst.statistic}`).toBeLessThan(JSTAT_TOLERANCE);
  });

  it("keeps the far tail to 1e-12 relative for even df, where 1 − CDF would be 0", () => {
    for (let df = 2; df <= 60; df += 2) {
      for (const statistic of [0.5, 10, 50, 100, 200, 300, 1000, 1400]) {
        const exact = evenTail(statistic, df);
        const ours = chiSquareSurvival(statistic, df);
        expect(Math.abs(ours - exact) / exact, `df ${df}, statistic ${statistic}`).toBeLessThan(
          1e-12,
        );
      }
    }
    // e^-150, a p-value that 1 − CDF (jStat's, or the old 1 − @stdlib CDF) rounds to exactly 0.
    expect(1 - jstatCdf(300, 2)).toBe(0);
    expect(chiSquareSurvival(300, 2) / Math.exp(-150)).toBeCloseTo(1, 12);
  });

  it("matches erfc for df 1, from tiny statistics to the far tail", () => {
    // P(χ²₁ ≥ s) = erfc(√(s/2)); values from Python's math.erfc.
    const cases: [number, number][] = [
      [1e-10, 0.9999920211543921],
      [3, 0.08326451666355043],
      [300, 3.294362383314057e-67],
    ];
    for (const [statistic, expected] of cases) {
      const ours = chiSquareSurvival(statistic, 1);
      expect(Math.abs(ours - expected) / expected, `statistic ${statistic}`).toBeLessThan(1e-12);
    }
  });

  it("handles the edges: 0, negative, huge and non-finite input", () => {
    for (const df of [1, 2, 7, 60]) {
      expect(chiSquareSurvival(0, df)).toBe(1);
      expect(chiSquareSurvival(-1, df)).toBe(1);
      expect(chiSquareSurvival(1e6, df)).toBe(0);
      expect(chiSquareSurvival(Number.POSITIVE_INFINITY, df)).toBe(0);
      expect(chiSquareSurvival(Number.NaN, df)).toBeNaN();
    }
    expect(chiSquareSurvival(1, 0)).toBeNaN();
  });

  it("stays within [0, 1] and never rises as the statistic grows", () => {
    for (const df of [1, 3, 10, 59]) {
      let previous = 1;
      for (let statistic = 0; statistic <= 300; statistic += 0.5) {
        const q = chiSquareSurvival(statistic, df);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThanOrEqual(previous);
        previous = q;
      }
    }
  });
});

describe("logGamma", () => {
  it("gives ln((n − 1)!) and ln Γ(1/2) = ln √π", () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 12);
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
});
