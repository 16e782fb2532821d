// Which small groups of respondents do the published group totals pin down? Whatever can be computed
// by adding and subtracting published tables is a combination of the published groups. If such a
// combination is non-zero on fewer than k respondents, a subtraction speaks of those few alone:
// their total (an indicator, "the 2 who arrived late"), or a signed mix such as X − Y (two views of
// S ∪ {X} and S ∪ {Y}), which gives X's answers to whoever knows Y's. Over classes (respondents who
// fell in exactly the same groups), a set of classes carries such a combination exactly when their
// null-space signatures are linearly dependent (null-space-signatures.ts).
import { DIMENSIONS, projectedSignatures } from "./null-space-signatures.ts";

/**
 * Past this many small classes the search would take seconds while the server waits: give up and
 * report unsafe (the caller hides columns or refuses). Only long explorations with many
 * overlapping filters get here; see README "Disclosure control".
 */
const MAX_SMALL_CLASSES = 300;
/** Past this many projections, assume the worst: hiding too much is safe, leaking is not. */
const SEARCH_BUDGET = 1_000_000;
/** A residual this small, relative to the signature, is zero: the class depends on the others. */
const ZERO = 1e-7;
/** Unit directions this close are the same direction. */
const SAME = 1e-6;

/**
 * `groups` are rows over classes 0…sizes.length−1 (each a list of class indexes). Returns a set of
 * classes holding 1…k−1 respondents that carries a determined non-zero combination, null when
 * there is none, or `true` when the search gave up and the publication must count as unsafe.
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
  const flat = new Float64Array(small.length * DIMENSIONS);
  small.forEach((id, i) => {
    flat.set(signatures.get(id) ?? new Float64Array(DIMENSIONS), i * D);
  });
  return findDependentSet(
    small,
    small.map((id) => sizes[id] ?? 0),
    flat,
    k,
  );
}

const D = DIMENSIONS;

/**
 * A linearly dependent set of signatures holding under k respondents. A minimal one, in index
 * order, is some anchors (independent) and two last classes: projected off the anchors' span,
 * the last two are parallel (or one is zero). So each node of the search fixes anchors, projects
 * every later class once, and finds such pairs through an index of directions: a node costs one
 * pass, and anchors are only added while two more classes still fit under k.
 * Signatures sit in one flat array and each depth reuses its own buffer: the search allocates
 * nothing per projection, which is what keeps a check within milliseconds (README: Planning).
 */
function findDependentSet(
  ids: readonly number[],
  sizes: readonly number[],
  signatures: Float64Array,
  k: number,
): number[] | null | true {
  const n = ids.length;
  let work = 0;
  // Per depth: unit residuals (D per class) and their norms before scaling.
  const levels: { units: Float64Array; norms: Float64Array }[] = [];
  const levelAt = (depth: number) => {
    let level = levels[depth];
    if (!level) {
      level = { units: new Float64Array(n * D), norms: new Float64Array(n) };
      levels[depth] = level;
    }
    return level;
  };
  const basis: Float64Array[] = [];

  const visit = (
    depth: number,
    anchors: number[],
    weight: number,
    from: number,
  ): number[] | null | true => {
    const { units, norms } = levelAt(depth);
    const buckets = new Map<number, number[]>();
    const projected: number[] = [];
    for (let at = from; at < n; at++) {
      const size = sizes[at] ?? 0;
      if (weight + size >= k) continue;
      if (++work > SEARCH_BUDGET) return true;
      const o = at * D;
      let original = 0;
      for (let d = 0; d < D; d++) {
        const x = signatures[o + d] ?? 0;
        units[o + d] = x;
        original += x * x;
      }
      for (const b of basis) {
        let along = 0;
        for (let d = 0; d < D; d++) along += (units[o + d] ?? 0) * (b[d] ?? 0);
        for (let d = 0; d < D; d++) units[o + d] = (units[o + d] ?? 0) - along * (b[d] ?? 0);
      }
      let length = 0;
      let sign = 0;
      for (let d = 0; d < D; d++) {
        const x = units[o + d] ?? 0;
        length += x * x;
        sign += x * (REFERENCE[d] ?? 0);
      }
      length = Math.sqrt(length);
      if (length <= ZERO * Math.max(1, Math.sqrt(original))) return [...anchors, ids[at] ?? 0];
      const scale = (sign < 0 ? -1 : 1) / length;
      for (let d = 0; d < D; d++) units[o + d] = (units[o + d] ?? 0) * scale;
      norms[at] = length;
      const key = Math.round((units[o] ?? 0) / SAME);
      for (const near of [key - 1, key, key + 1])
        for (const other of buckets.get(near) ?? []) {
          if (weight + (sizes[other] ?? 0) + size >= k) continue;
          const p = other * D;
          let parallel = true;
          for (let d = 0; d < D && parallel; d++)
            parallel = Math.abs((units[p + d] ?? 0) - (units[o + d] ?? 0)) < SAME * 10;
          if (parallel) return [...anchors, ids[other] ?? 0, ids[at] ?? 0];
        }
      const bucket = buckets.get(key);
      if (bucket) bucket.push(at);
      else buckets.set(key, [at]);
      projected.push(at);
    }
    for (const at of projected) {
      const size = sizes[at] ?? 0;
      if (weight + size + 2 >= k) continue;
      basis.push(units.slice(at * D, at * D + D));
      const found = visit(depth + 1, [...anchors, ids[at] ?? 0], weight + size, at + 1);
      basis.pop();
      if (found !== null) return found;
    }
    return null;
  };
  return visit(0, [], 0, 0);
}

/** A reference no signature is orthogonal to, but with probability 0. */
const REFERENCE = Float64Array.from({ length: DIMENSIONS }, (_, d) => Math.sin(d * 12.9898 + 1));
