// A child server's memory as Linux reports it (/proc/<pid>/status), and how to read a trend in it.
import { readFileSync } from "node:fs";

/** Kilobytes to megabytes, one decimal. */
export const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** Resident set size now and its high-water mark, in kilobytes; zeros without a pid. */
export function memoryOf(pid: number | undefined): { rss: number; hwm: number } {
  const status = pid === undefined ? "" : readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: field("VmRSS"), hwm: field("VmHWM") };
}

/** Least-squares slope of `ys` against 0, 1, 2, …: a leak climbs every round, noise does not. */
export function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}
