// How strongly the physical place of B-tree cells in a database file (page, then offset) follows
// the order their responses arrived in: what an insider with a copy of the file could read off it.
import { spearman } from "./rank-correlation.ts";

export interface PlacedEntry {
  page: number;
  /** Cell offset within the page: SQLite fills a page downward, so higher means written earlier. */
  offset: number;
  /** Arrival rank of the response the entry belongs to; entries of one response share it. */
  arrival: number;
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

function groupByPage(entries: readonly PlacedEntry[]): Map<number, PlacedEntry[]> {
  const pages = new Map<number, PlacedEntry[]>();
  for (const entry of entries) {
    const page = pages.get(entry.page);
    if (page) page.push(entry);
    else pages.set(entry.page, [entry]);
  }
  return pages;
}

/** Both measures; positive ρ means "written in arrival order", and only |ρ| matters. */
export function measurePhysicalOrder(entries: readonly PlacedEntry[]): PhysicalOrder {
  // Offsets are below 65,536 (the largest page), so this orders by page, then offset descending.
  const positions = entries.map((e) => e.page * 0x10000 + (0xffff - e.offset));
  const arrivals = entries.map((e) => e.arrival);
  const global = spearman(arrivals, positions);

  // Per page, Σxy of centred ranks is ρ·√(Σx²·Σy²); pooling the sums weighs pages by their size.
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let pooledN = 0;
  for (const page of groupByPage(entries).values()) {
    if (page.length < 2) continue;
    const pageArrivals = page.map((e) => e.arrival);
    const pageOffsets = page.map((e) => -e.offset);
    const spreadX = rankSpread(pageArrivals);
    const spreadY = rankSpread(pageOffsets);
    sxy += spearman(pageArrivals, pageOffsets) * Math.sqrt(spreadX * spreadY);
    sxx += spreadX;
    syy += spreadY;
    pooledN += page.length;
  }
  const withinPages = sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  return { n: new Set(arrivals).size, global, pooledN, withinPages };
}
