// Which small groups of respondents do the published group totals pin down? Whatever can be computed
// by adding and subtracting published tables is a combination of the published groups. If such a
// combination is non-zero on fewer than k respondents, a subtraction speaks of those few alone:
// their total (an indicator, "the 2 who arrived late"), or a signed mix such as X − Y (two views of
// S ∪ {X} and S ∪ {Y}), which gives X's answers to whoever knows Y's. Over classes (respondents who
// fell in exactly the same groups), a set of classes carries such a combination exactly when their
// null-space signatures are linearly dependent (null-space-signatures.ts).
import { DIMENSIONS, projectedSignatures, type Signature } from "./null-space-signatures.ts";

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

interface Candidate {
  id: number;
  size: number;
  signature: Signature;
}

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
  const candidates = small.map((id) => ({
    id,
    size: sizes[id] ?? 0,
    signature: signatures.get(id) ?? new Float64Array(DIMENSIONS),
  }));
  return findDependentSet(candidates, k);
}

/**
 * A linearly dependent set of signatures holding under k respondents. A minimal one, in index
 * order, is some anchors (independent) and two last classes: projected off the anchors' span,
 * the last two are parallel (or one is zero). So each node of the search fixes anchors, projects
 * every later class once, and finds such pairs through an index of directions: a node costs one
 * pass, and anchors are only added while two more classes still fit under k.
 */
function findDependentSet(candidates: Candidate[], k: number): number[] | null | true {
  let work = 0;
  const visit = (
    basis: Signature[],
    anchors: number[],
    weight: number,
    from: number,
  ): number[] | null | true => {
    const projected: { at: number; candidate: Candidate; residual: Signature }[] = [];
    const directions = new DirectionIndex<Candidate>();
    for (let at = from; at < candidates.length; at++) {
      const candidate = candidates[at];
      if (!candidate || weight + candidate.size >= k) continue;
      if (++work > SEARCH_BUDGET) return true;
      const residual = offSpan(candidate.signature, basis);
      if (norm(residual) <= ZERO * Math.max(1, norm(candidate.signature)))
        return [...anchors, candidate.id];
      for (const other of directions.parallel(residual))
        if (weight + other.size + candidate.size < k) return [...anchors, other.id, candidate.id];
      directions.add(candidate, residual);
      projected.push({ at, candidate, residual });
    }
    for (const { at, candidate, residual } of projected) {
      if (weight + candidate.size + 2 >= k) continue;
      const unit = scale(residual, 1 / norm(residual));
      const found = visit(
        [...basis, unit],
        [...anchors, candidate.id],
        weight + candidate.size,
        at + 1,
      );
      if (found !== null) return found;
    }
    return null;
  };
  return visit([], [], 0, 0);
}

/** Signatures by direction: a unit vector, its sign fixed by a fixed generic reference. */
class DirectionIndex<T> {
  private readonly buckets = new Map<number, { item: T; unit: Signature }[]>();
  add(item: T, vector: Signature) {
    const unit = direction(vector);
    const key = Math.round((unit[0] ?? 0) / SAME);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push({ item, unit });
    else this.buckets.set(key, [{ item, unit }]);
  }
  /** Items whose vector points the same way as `vector`, or the opposite way. */
  *parallel(vector: Signature): Generator<T> {
    const unit = direction(vector);
    const key = Math.round((unit[0] ?? 0) / SAME);
    for (const near of [key - 1, key, key + 1])
      for (const { item, unit: other } of this.buckets.get(near) ?? [])
        if (other.every((x, d) => Math.abs(x - (unit[d] ?? 0)) < SAME * 10)) yield item;
  }
}

/** A reference no signature is orthogonal to, but with probability 0. */
const REFERENCE = Float64Array.from({ length: DIMENSIONS }, (_, d) => Math.sin(d * 12.9898 + 1));

function direction(vector: Signature): Signature {
  const sign = dot(vector, REFERENCE) < 0 ? -1 : 1;
  return scale(vector, sign / norm(vector));
}

/** `vector` less its components along each (orthonormal) basis vector. */
function offSpan(vector: Signature, basis: Signature[]): Signature {
  const out = Float64Array.from(vector);
  for (const b of basis) {
    const along = dot(out, b);
    for (let d = 0; d < DIMENSIONS; d++) out[d] = (out[d] ?? 0) - along * (b[d] ?? 0);
  }
  return out;
}

const dot = (a: Signature, b: Signature) => a.reduce((sum, x, d) => sum + x * (b[d] ?? 0), 0);
const norm = (a: Signature) => Math.sqrt(dot(a, a));
const scale = (a: Signature, by: number) => a.map((x) => x * by);
