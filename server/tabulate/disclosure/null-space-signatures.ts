// Each class's null-space signature: its coordinates along the null space of the published groups
// (vectors over classes orthogonal to every group), mixed down to a few random dimensions. A vector
// over classes is a combination of the groups exactly when it is orthogonal to the null space, i.e.
// when the signatures weighted by it add up to zero. Random mixing keeps any few signatures as
// (in)dependent as they are (with probability 1), in a fixed number of dimensions.

export const EPSILON = 1e-7;
export const DIMENSIONS = 16;

export type Signature = Float64Array;

/** Row-reduces the group matrix; returns each wanted class's projected null-space coordinates. */
export function projectedSignatures(
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
