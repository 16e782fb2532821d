// Which small sets of respondent classes do the published group totals determine? A set S is
// determined when its indicator is a linear combination of the published groups' indicators, i.e.
// orthogonal to the groups' null space. Each class gets a signature: its coordinates along a few
// random combinations of the null-space basis. S is determined exactly when its signatures sum to
// zero (a random projection turns a non-zero sum into zero with probability 0).

const EPSILON = 1e-7;
const DIMENSIONS = 16;
/**
 * Past this many small classes the exact search would take seconds while the server waits: give up
 * and report unsafe (the caller hides columns or refuses). Only long explorations with many
 * overlapping filters get here; see README "Disclosure control".
 */
const MAX_SMALL_CLASSES = 300;
/** Past this many subsets tried, assume the worst: hiding too much is safe, leaking is not. */
const SEARCH_BUDGET = 200_000;

type Signature = Float64Array;

/**
 * `groups` are rows over classes 0…sizes.length−1 (each a list of class indexes). Returns one
 * determined set of classes holding 1…k−1 respondents, null when there is none, or `true` when
 * the search gave up and the caller must treat the publication as unsafe.
 */
export function findDeterminedSmallSet(
  groups: readonly (readonly number[])[],
  sizes: readonly number[],
  k: number,
): number[] | null | true {
  const small = sizes.map((n, c) => (n > 0 && n < k ? c : -1)).filter((c) => c >= 0);
  if (small.length === 0) return null;
  if (small.length > MAX_SMALL_CLASSES) return true;
  const signatures = projectedSignatures(groups, sizes.length, small);
  const sig = (c: number) => signatures.get(c) ?? new Float64Array(DIMENSIONS);
  const size = (c: number) => sizes[c] ?? 0;
  for (const c of small) if (isZero(sig(c))) return [c];
  if (k <= 5) return findByPairs(small, sig, size, k);
  return findBySearch(small, sig, size, k);
}

const isZero = (v: Signature) => v.every((x) => Math.abs(x) < EPSILON);

/** Signatures bucketed by their first coordinate; a match lies in its bucket or a neighbour. */
class SignatureIndex<T> {
  private readonly buckets = new Map<number, { item: T; sum: Signature }[]>();
  add(item: T, sum: Signature) {
    const key = Math.round((sum[0] ?? 0) / 1e-5);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ item, sum });
    else this.buckets.set(key, [{ item, sum }]);
  }
  /** Items whose signature equals −target (they cancel it). */
  *cancelling(target: Signature): Generator<T> {
    const key = Math.round(-(target[0] ?? 0) / 1e-5);
    for (const near of [key - 1, key, key + 1])
      for (const { item, sum } of this.buckets.get(near) ?? [])
        if (sum.every((x, d) => Math.abs(x + (target[d] ?? 0)) < EPSILON)) yield item;
  }
}

const add = (a: Signature, b: Signature) => a.map((x, d) => x + (b[d] ?? 0));

/**
 * k ≤ 5: a determined set holds at most 4 classes. Pairs are found through an index of single
 * signatures, triples by looking up each pair's sum, and quadruples (only possible with four
 * one-person classes) by matching pair sums: quadratic time, no exhaustive search.
 */
function findByPairs(
  small: number[],
  sig: (c: number) => Signature,
  size: (c: number) => number,
  k: number,
): number[] | null | true {
  const singles = new SignatureIndex<number>();
  for (const c of small) singles.add(c, sig(c));
  for (const a of small)
    for (const b of singles.cancelling(sig(a))) if (b !== a && size(a) + size(b) < k) return [a, b];
  const ones = small.filter((c) => size(c) === 1);
  const pairs = new SignatureIndex<[number, number]>();
  for (let i = 0; i < small.length; i++)
    for (let j = i + 1; j < small.length; j++) {
      const a = small[i] ?? 0;
      const b = small[j] ?? 0;
      if (size(a) + size(b) + 1 >= k) continue;
      const sum = add(sig(a), sig(b));
      for (const c of singles.cancelling(sum))
        if (c !== a && c !== b && size(a) + size(b) + size(c) < k) return [a, b, c];
      if (size(a) === 1 && size(b) === 1 && k > 4) pairs.add([a, b], sum);
    }
  if (k <= 4) return null;
  for (let i = 0; i < ones.length; i++)
    for (let j = i + 1; j < ones.length; j++) {
      const a = ones[i] ?? 0;
      const b = ones[j] ?? 0;
      for (const [c, d] of pairs.cancelling(add(sig(a), sig(b))))
        if (c !== a && c !== b && d !== a && d !== b) return [a, b, c, d];
    }
  return null;
}

/** Larger k: a depth-first search over subsets under k respondents, within a budget. */
function findBySearch(
  small: number[],
  sig: (c: number) => Signature,
  size: (c: number) => number,
  k: number,
): number[] | null | true {
  let tried = 0;
  const sum = new Float64Array(DIMENSIONS);
  const chosen: number[] = [];
  const search = (start: number, total: number): number[] | null | true => {
    if (chosen.length > 0 && isZero(sum)) return [...chosen];
    for (let i = start; i < small.length; i++) {
      const c = small[i] ?? 0;
      if (total + size(c) >= k) continue;
      if (++tried > SEARCH_BUDGET) return true;
      const s = sig(c);
      for (let d = 0; d < DIMENSIONS; d++) sum[d] = (sum[d] ?? 0) + (s[d] ?? 0);
      chosen.push(c);
      const found = search(i + 1, total + size(c));
      chosen.pop();
      for (let d = 0; d < DIMENSIONS; d++) sum[d] = (sum[d] ?? 0) - (s[d] ?? 0);
      if (found !== null) return found;
    }
    return null;
  };
  return search(0, 0);
}

/** Row-reduces the group matrix; returns each wanted class's projected null-space coordinates. */
function projectedSignatures(
  groups: readonly (readonly number[])[],
  width: number,
  wanted: readonly number[],
): Map<number, Signature> {
  const rows = groups.map((members) => {
    const row = new Float64Array(width);
    for (const c of members) row[c] = 1;
    return row;
  });
  const pivotOfColumn = new Int32Array(width).fill(-1);
  let rank = 0;
  for (let column = 0; column < width && rank < rows.length; column++) {
    let best = rank;
    for (let r = rank + 1; r < rows.length; r++)
      if (Math.abs(rows[r]?.[column] ?? 0) > Math.abs(rows[best]?.[column] ?? 0)) best = r;
    const pivotRow = rows[best];
    if (!pivotRow || Math.abs(pivotRow[column] ?? 0) < EPSILON) continue;
    [rows[rank], rows[best]] = [pivotRow, rows[rank] ?? pivotRow];
    const scale = pivotRow[column] ?? 1;
    for (let j = column; j < width; j++) pivotRow[j] = (pivotRow[j] ?? 0) / scale;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const factor = row?.[column] ?? 0;
      if (r === rank || !row || Math.abs(factor) < EPSILON) continue;
      for (let j = column; j < width; j++) row[j] = (row[j] ?? 0) - factor * (pivotRow[j] ?? 0);
    }
    pivotOfColumn[column] = rank;
    rank += 1;
  }
  // Null-space basis: per free column f, e_f − Σ rref[row(p)][f] e_p over pivots p. Each basis
  // vector gets random weights; a class's signature is its coordinate in the weighted sums.
  const random = weights(width);
  const free: number[] = [];
  for (let c = 0; c < width; c++) if (pivotOfColumn[c] === -1) free.push(c);
  const signatures = new Map<number, Signature>();
  for (const c of wanted) {
    const signature = new Float64Array(DIMENSIONS);
    const pivot = pivotOfColumn[c] ?? -1;
    if (pivot === -1) signature.set(random(c));
    else {
      const row = rows[pivot];
      for (const f of free) {
        const value = row?.[f] ?? 0;
        if (Math.abs(value) < EPSILON) continue;
        const w = random(f);
        for (let d = 0; d < DIMENSIONS; d++)
          signature[d] = (signature[d] ?? 0) - value * (w[d] ?? 0);
      }
    }
    signatures.set(c, signature);
  }
  return signatures;
}

/** Fixed pseudo-random weights per free column in [−1, 1), reproducible run to run. */
function weights(width: number): (column: number) => Float64Array {
  const cache = new Map<number, Float64Array>();
  return (column) => {
    let w = cache.get(column);
    if (!w) {
      w = new Float64Array(DIMENSIONS);
      let s = (column + 1) * 0x9e3779b1;
      for (let d = 0; d < DIMENSIONS; d++) {
        s = Math.imul(s ^ (s >>> 15), 0x85ebca6b) ^ (d + width);
        w[d] = ((s >>> 0) / 4294967296) * 2 - 1;
      }
      cache.set(column, w);
    }
    return w;
  };
}
