// How strongly the physical place of B-tree cells in a database file (page, then offset) follows
// the order their responses arrived in: what an insider with a copy of the file could read off it.
import { spearman } from "./rank-correlation.ts";

export interface PlacedEntry {
  page: number;
  /** Cell offset within the page: SQLite fills a page downward, so higher means written earlier. */
  offset: number;
  /** Arrival rank of the response the entry belongs to; entries of one response share it. */
  arrival: number;
  /**
   * Entries are compared only with entries of the same stratum on their page. The caller puts the
   * responses still waiting for their cohort in a stratum of their own: they are by design the
   * last arrivals of their cell, and the file says which they are (released_on NULL), so sorting
   * them apart is cohort-level order, not the order within a cohort this measure looks for.
   */
  stratum?: number;
}

export interface PhysicalOrder {
  /** Distinct arrival ranks (responses): the sample size of `global`. */
  n: number;
  /** Spearman ρ of arrival against position (page ascending, then offset descending). */
  global: number;
  /** Entries on pages holding at least two of them: the sample size of `withinPages`. */
  pooledN: number;
  /** Rank correlation of arrival against offset (descending) within each page, pooled. */
  withinPages: number;
}

/** The bound |ρ| must stay under: 3.5 standard errors of a ρ from n unrelated pairs, and 0.1. */
export function limit(n: number): number {
  return Math.max(0.1, 3.5 / Math.sqrt(n - 1));
}

/** Σ of squared deviations of 1-based average ranks from their mean: (m³ − m − Σ(t³ − t)) / 12. */
function rankSpread(values: number[]): number {
  const ties = new Map<number, number>();
  for (const value of values) ties.set(value, (ties.get(value) ?? 0) + 1);
  let tied = 0;
  for (const t of ties.values()) tied += t ** 3 - t;
  const m = values.length;
  return (m ** 3 - m - tied) / 12;
}

function groupBy(
  entries: readonly PlacedEntry[],
  key: (entry: PlacedEntry) => string,
): PlacedEntry[][] {
  const groups = new Map<string, PlacedEntry[]>();
  for (const entry of entries) {
    const group = groups.get(key(entry));
    if (group) group.push(entry);
    else groups.set(key(entry), [entry]);
  }
  return [...groups.values()];
}

/**
 * Rank correlation of arrival against `place`, within each group, pooled: per group Σxy of centred
 * ranks is ρ·√(Σx²·Σy²), and pooling the sums weighs groups by their size. Groups of one tell
 * nothing and are left out; returns ρ and the entries it rests on.
 */
function pooledCorrelation(groups: PlacedEntry[][], place: (entry: PlacedEntry) => number) {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let pooledN = 0;
  for (const group of groups) {
    if (group.length < 2) continue;
    const arrivals = group.map((e) => e.arrival);
    const places = group.map(place);
    const spreadX = rankSpread(arrivals);
    const spreadY = rankSpread(places);
    sxy += spearman(arrivals, places) * Math.sqrt(spreadX * spreadY);
    sxx += spreadX;
    syy += spreadY;
    pooledN += group.length;
  }
  return { rho: sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy), pooledN };
}

/** Both measures; positive ρ means "written in arrival order", and only |ρ| matters. */
export function measurePhysicalOrder(entries: readonly PlacedEntry[]): PhysicalOrder {
  // Offsets are below 65,536 (the largest page), so this orders by page, then offset descending.
  const global = pooledCorrelation(
    groupBy(entries, (e) => `${e.stratum ?? 0}`),
    (e) => e.page * 0x10000 + (0xffff - e.offset),
  ).rho;
  const within = pooledCorrelation(
    groupBy(entries, (e) => `${e.page}:${e.stratum ?? 0}`),
    (e) => -e.offset,
  );
  return {
    n: new Set(entries.map((e) => e.arrival)).size,
    global,
    pooledN: within.pooledN,
    withinPages: within.rho,
  };
}
