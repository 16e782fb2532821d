// The server's own algebra on small hand-made cases, checked against what a person can see.
import { describe, expect, it } from "vitest";
import { findDeterminedSmallSet } from "../../../server/tabulate/disclosure/determined-sets.ts";

describe("findDeterminedSmallSet", () => {
  it("finds a cell isolated by all + row + column − opposite cell (2×2)", () => {
    // Classes: 0 = a (2 people), 1 = b (6), 2 = c (6), 3 = d (7).
    const groups = [[0, 1, 2, 3], [0, 1], [0, 2], [3]];
    expect(findDeterminedSmallSet(groups, [2, 6, 6, 7], 5)).toEqual([0]);
  });

  it("finds nothing when only the margins of a crossed table are published", () => {
    // A 2×3 table, every cell under k, only its margins (each at least k) published.
    const cells = [0, 1, 2, 3, 4, 5]; // r1c1 r1c2 r1c3 r2c1 r2c2 r2c3
    const groups = [cells, [0, 1, 2], [3, 4, 5], [0, 3], [1, 4], [2, 5]];
    expect(findDeterminedSmallSet(groups, [2, 3, 1, 4, 2, 4], 5)).toBeNull();
  });

  it("finds a pair and a triple determined only together", () => {
    // g1 = {0,1,2,3}, g2 = {2,3}: {0,1} = g1 − g2 (two one-person classes).
    expect(
      findDeterminedSmallSet(
        [
          [0, 1, 2, 3],
          [2, 3],
        ],
        [1, 1, 5, 5],
        5,
      )?.toString(),
    ).toBe("0,1");
    // g1 = {0,1,2,3}, g2 = {3}: {0,1,2} = g1 − g2.
    expect(findDeterminedSmallSet([[0, 1, 2, 3], [3]], [1, 1, 2, 9], 5)?.toString()).toBe("0,1,2");
  });

  it("finds a signed combination: X − Y from S ∪ {X} and S ∪ {Y}, where no set is determined", () => {
    // Classes: 0 = S (10 people), 1 = X, 2 = Y.
    expect(
      findDeterminedSmallSet(
        [
          [0, 1],
          [0, 2],
        ],
        [10, 1, 1],
        5,
      )?.toString(),
    ).toBe("1,2");
    // Three and four classes: S+X, S+Y, S+Z with X−Y and Y−Z; and two pairs of one-person classes.
    expect(
      findDeterminedSmallSet(
        [
          [0, 1, 2],
          [0, 3, 4],
        ],
        [10, 1, 1, 1, 1],
        5,
      )?.toString(),
    ).toBe("1,2,3,4");
  });

  it("treats a set of k or more as safe", () => {
    expect(findDeterminedSmallSet([[0, 1], [1]], [5, 9], 5)).toBeNull();
  });

  it("gives up (unsafe) rather than search for seconds", () => {
    const sizes = Array.from({ length: 400 }, () => 1);
    const groups = [sizes.map((_, c) => c)];
    expect(findDeterminedSmallSet(groups, sizes, 5)).toBe(true);
  });
});
