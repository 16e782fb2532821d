// Spearman's rank correlation: does one ordering (say, storage order) follow another (submission order)?

/** Ranks from 1, ties sharing their average rank. */
function ranks(values: number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const out = new Array<number>(values.length).fill(0);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]?.index ?? 0] = rank;
    start = end + 1;
  }
  return out;
}

/** ρ in [-1, 1]: Pearson's correlation of the ranks; 0 when either side is constant or too short. */
export function spearman(xs: number[], ys: number[]): number {
  if (xs.length !== ys.length) throw new Error("spearman needs pairs");
  const n = xs.length;
  if (n < 2) return 0;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] ?? 0) - mean;
    const dy = (ry[i] ?? 0) - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}
