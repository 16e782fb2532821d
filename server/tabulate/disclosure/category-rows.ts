// The category question's table lists the categories as rows, and a category is something people
// know about each other: its 全体 cell is the category's size, and its other cells split it by the
// banner. So a row is hidden as a banner column is, small rows first and then complements, and
// every shown row is a group of respondents the ledger must see.
import type { Question } from "../../../surveys/format/schema.ts";
import type { Banner, Tally } from "../tally.ts";
import { suppressColumns } from "./column-suppression.ts";
import type { Candidate, Hidden } from "./settle.ts";

export interface CategoryRows {
  /** The category codes, in row order (the category question's options). */
  codes: string[];
  /** Under the category banner the rows are the columns, and hide as they do. */
  mirrorsColumns: boolean;
}

/** The rows to plan, or null when the survey has no category question. */
export function categoryRowsOf(questions: Question[], banner: Banner): CategoryRows | null {
  const question = questions.find((q) => q.kind === "single" && q.category === true);
  if (question?.kind !== "single") return null;
  return { codes: question.options.map((o) => o.code), mirrorsColumns: banner.isCategory };
}

/**
 * Index 0 stands for 全体 and is never hidden, as with columns, so the complements follow the same
 * rule: the hidden rows hold 0 or at least k respondents together. `dropped` holds rows the ledger
 * blamed. Under the category banner the rows take the columns' reasons and add no groups: the
 * columns already publish exactly these sets.
 */
export function hideCategoryRows(
  rows: CategoryRows | null,
  tally: Tally,
  k: number,
  columns: Hidden,
  dropped: Hidden,
): { hidden: Hidden; groups: Candidate[] } {
  if (!rows) return { hidden: [], groups: [] };
  if (rows.mirrorsColumns) {
    const columnOf = new Map(tally.columns.map((column, c) => [column.key, c]));
    const hidden = rows.codes.map((code) => columns[columnOf.get(code) ?? -1] ?? null);
    return { hidden: [null, ...hidden], groups: [] };
  }
  const members = [tally.members[0] ?? [], ...rows.codes.map((c) => tally.categories.get(c) ?? [])];
  const hidden = suppressColumns(
    members.map((m) => m.length),
    k,
    dropped,
  );
  const groups = hidden.flatMap((reason, index): Candidate[] =>
    index === 0 || reason ? [] : [{ axis: "rows", index, members: members[index] ?? [] }],
  );
  return { hidden, groups };
}
