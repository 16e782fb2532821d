// The attacker's algebra, written independently of the server: which groups of respondents can be
// isolated by adding and subtracting published group totals (solving the margins as equations).

/** Row-reduces 0/1 group vectors; the result spans the same space. */
export function spanOf(vectors: number[][]): number[][] {
  const basis: number[][] = [];
  const pivots: number[] = [];
  for (const vector of vectors) {
    const v = reduce(vector, basis, pivots);
    const pivot = v.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) continue;
    const scale = v[pivot]!;
    const row = v.map((x) => x / scale);
    // Keep the basis fully reduced so later reductions stay cheap and exact enough.
    basis.forEach((b, i) => {
      const factor = b[pivot]!;
      if (Math.abs(factor) > 1e-12) basis[i] = b.map((x, j) => x - factor * row[j]!);
    });
    basis.push(row);
    pivots.push(pivot);
  }
  return basis;
}

function reduce(vector: number[], basis: number[][], pivots: number[]): number[] {
  const v = [...vector];
  basis.forEach((row, i) => {
    const factor = v[pivots[i]!]!;
    if (Math.abs(factor) > 1e-12) for (let j = 0; j < v.length; j++) v[j]! -= factor * row[j]!;
  });
  return v;
}

export function inSpan(basis: number[][], vector: number[]): boolean {
  const pivots = basis.map((row) => row.findIndex((x) => Math.abs(x) > 1e-9));
  return reduce(vector, basis, pivots).every((x) => Math.abs(x) < 1e-7);
}

/**
 * Every set of fewer than k respondents (but at least one) whose totals the published groups
 * determine. Such a set must be a union of Venn cells (respondents in exactly the same groups),
 * so only unions of cells are tried. With `signed`, also every set that carries any determined
 * non-zero combination, such as X − Y from two views S ∪ {X} and S ∪ {Y}: the span of the groups
 * meets the span of the set's cells (their ranks do not add up).
 */
export function recoverableSmallSets(
  groups: Set<number>[],
  population: number,
  k: number,
  signed = false,
) {
  const cells = new Map<string, number[]>();
  for (let i = 0; i < population; i++) {
    const key = groups.map((g) => (g.has(i) ? "1" : "0")).join("");
    if (!key.includes("1")) continue;
    cells.set(key, [...(cells.get(key) ?? []), i]);
  }
  const small = [...cells.values()].filter((members) => members.length < k);
  const basis = spanOf(
    groups.map((g) => Array.from({ length: population }, (_, i) => (g.has(i) ? 1 : 0))),
  );
  const found: number[][] = [];
  const indicator = (members: number[]) =>
    Array.from({ length: population }, (_, i) => (members.includes(i) ? 1 : 0));
  const tryUnion = (start: number, chosen: number[][]) => {
    if (chosen.length > 0) {
      const members = chosen.flat();
      const meets = signed
        ? spanOf([...basis, ...chosen.map(indicator)]).length < basis.length + chosen.length
        : inSpan(basis, indicator(members));
      if (meets) found.push(members);
    }
    for (let c = start; c < small.length; c++) {
      const members = small[c]!;
      if (chosen.flat().length + members.length < k) tryUnion(c + 1, [...chosen, members]);
    }
  };
  tryUnion(0, []);
  return found;
}
