// jStat's chi-square CDF, the independent reference the chi-square tests compare with.
import { createRequire } from "node:module";

/** Reads a property of a value whose shape nothing vouches for. */
function propertyOf(value: unknown, key: string): unknown {
  // jStat itself is a function carrying the distributions as properties.
  if ((typeof value === "object" || typeof value === "function") && value !== null) {
    return Reflect.get(value, key);
  }
  return undefined;
}

/** jstat ships no types, so its one function we need is checked at runtime. */
function loadJstatChiSquareCdf(): (x: number, df: number) => number {
  const chisquare = propertyOf(createRequire(import.meta.url)("jstat"), "chisquare");
  const cdf = propertyOf(chisquare, "cdf");
  if (typeof cdf !== "function") throw new Error("jstat: chisquare.cdf is not a function");
  return (x, df) => {
    const value: unknown = Reflect.apply(cdf, chisquare, [x, df]);
    if (typeof value !== "number") throw new Error("jstat: chisquare.cdf returned a non-number");
    return value;
  };
}

export const jstatChiSquareCdf = loadJstatChiSquareCdf();
