// The closed word lists of the results API: why a figure is hidden, what a row or a table is.

/**
 * small: base under k; complementary: hidden so a small one cannot be derived by subtraction;
 * differencing: together with results published earlier it would isolate fewer than k respondents.
 */
export const HIDDEN_REASONS = ["small", "complementary", "differencing"] as const;
export type HiddenReason = (typeof HIDDEN_REASONS)[number];

/** An option's row, or the rows of those who did not answer or were not shown the question. */
export const ROW_KINDS = ["option", "unanswered", "notShown"] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** The question kind of a table; "matrix" is one row of a rating grid, shaped like a single choice. */
export const TABLE_KINDS = ["single", "multiple", "shortText", "longText", "matrix"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** An index's base: valid answers, or everyone shown the question. */
export const INDEX_BASES = ["valid", "shown"] as const;
export type IndexBase = (typeof INDEX_BASES)[number];
