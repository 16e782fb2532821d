// Primary and complementary suppression within one table: a column under k is hidden, and more
// columns are hidden until the hidden ones together hold 0 or at least k respondents, so that
// 全体 minus the shown columns never recovers a small group. The category question's rows are
// suppressed by the same rule (category-rows.ts).
import type { HiddenReason } from "../results-schemas.ts";

/**
 * `sizes[0]` is 全体 and is never hidden here (a selection under k is refused before this).
 * `given` carries columns already hidden for another reason; they count towards the hidden total.
 */
export function suppressColumns(
  sizes: number[],
  k: number,
  given: (HiddenReason | null)[] = [],
): (HiddenReason | null)[] {
  const hidden = sizes.map((n, c) =>
    c === 0 ? null : (given[c] ?? (n > 0 && n < k ? ("small" as const) : null)),
  );
  const hiddenTotal = () => sizes.reduce((sum, n, c) => sum + (hidden[c] ? n : 0), 0);
  for (let total = hiddenTotal(); total > 0 && total < k; total = hiddenTotal()) {
    // The smallest shown non-empty column: hiding an empty one would add nothing.
    let pick = -1;
    for (let c = 1; c < sizes.length; c++) {
      const n = sizes[c] ?? 0;
      if (!hidden[c] && n > 0 && (pick < 0 || n < (sizes[pick] ?? 0))) pick = c;
    }
    if (pick < 0) break; // everything else is empty: the hidden ones are all of 全体
    hidden[pick] = "complementary";
  }
  return hidden;
}
