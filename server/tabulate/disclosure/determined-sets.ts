// Which small sets of respondent classes do the published group totals determine? A set S is
// determined when its indicator is a linear combination of the published groups' indicators, i.e.
// orthogonal to every vector of the groups' null space. Each class gets its null-space signature;
// S is determined exactly when its members' signatures sum to zero.

const EPSILON = 1e-8;
/** Past this many subsets tried, assume the worst: hiding too much is safe, leaking is not. */
const SEARCH_BUDGET = 200_000;

export interface ClassSizes {
  /** Number of classes (columns); class i has sizes[i] respondents. */
  sizes: number[];
}

/**
 * `groups` are rows over classes 0…sizes.length−1 (each a list of class indexes). Returns one
 * determined set of classes holding 1…k−1 respondents, or null when there is none. `true` means
 * the search ran out of budget and the caller must treat the publication as unsafe.
 */
export function findDeterminedSmallSet(
  groups: readonly (readonly number[])[],
  sizes: readonly number[],
  k: number,
): number[] | null | true {
  const small = sizes.map((n, c) => (n > 0 && n < k ? c : -1)).filter((c) => c >= 0);
  if (small.length === 0) return null;
  const signatures = nullSpaceSignatures(groups, sizes.length, small);
  const width = signatures.get(small[0] ?? 0)?.length ?? 0;
  let tried = 0;
  const sum = new Float64Array(width);
  const chosen: number[] = [];

  const search = (start: number, total: number): number[] | null | true => {
    if (chosen.length > 0 && sum.every((x) => Math.abs(x) < EPSILON)) return [...chosen];
    for (let i = start; i < small.length; i++) {
      const c = small[i] ?? 0;
      const size = sizes[c] ?? 0;
      if (total + size >= k) continue;
      if (++tried > SEARCH_BUDGET) return true;
      const signature = signatures.get(c) ?? [];
      for (let j = 0; j < width; j++) sum[j] = (sum[j] ?? 0) + (signature[j] ?? 0);
      chosen.push(c);
      const found = search(i + 1, total + size);
      chosen.pop();
      for (let j = 0; j < width; j++) sum[j] = (sum[j] ?? 0) - (signature[j] ?? 0);
      if (found !== null) return found;
    }
    return null;
  };
  return search(0, 0);
}

/** Row-reduces the group matrix and returns, for each wanted class, its null-space coordinates. */
function nullSpaceSignatures(
  groups: readonly (readonly number[])[],
  width: number,
  wanted: readonly number[],
): Map<number, number[]> {
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
    for (let j = 0; j < width; j++) pivotRow[j] = (pivotRow[j] ?? 0) / scale;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const factor = row?.[column] ?? 0;
      if (r === rank || !row || Math.abs(factor) < EPSILON) continue;
      for (let j = 0; j < width; j++) row[j] = (row[j] ?? 0) - factor * (pivotRow[j] ?? 0);
    }
    pivotOfColumn[column] = rank;
    rank += 1;
  }
  // Null-space basis: one vector per free column f, e_f − Σ rref[row(p)][f] e_p over pivots p.
  const free: number[] = [];
  for (let c = 0; c < width; c++) if (pivotOfColumn[c] === -1) free.push(c);
  const signatures = new Map<number, number[]>();
  for (const c of wanted) {
    const pivot = pivotOfColumn[c] ?? -1;
    signatures.set(
      c,
      free.map((f) => (pivot === -1 ? (f === c ? 1 : 0) : -(rows[pivot]?.[f] ?? 0))),
    );
  }
  return signatures;
}
