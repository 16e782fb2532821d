// Single choice: one row per option, shares of those shown the question, the valid share without
// non-substantive options (不作评价), and a chi-square test of the option × banner table.
import type { ChoiceQuestion } from "../../../surveys/format/schema.ts";
import type { ChiSquare } from "../results-schemas.ts";
import { chiSquareTest } from "../statistics.ts";
import {
  cellOf,
  choiceOf,
  missingRows,
  optionRow,
  type QuestionKind,
  type ShapeContext,
  textGroups,
} from "./question-kind.ts";

/**
 * Per column: answered minus non-substantive answers; null when the question has none, or when
 * one of them is a hidden row (answered minus the valid base would give its count away).
 */
function validBasesOf(context: ShapeContext, q: ChoiceQuestion): number[] | null {
  const nonSubstantive = q.options.filter((o) => o.nonSubstantive);
  if (q.kind !== "single" || nonSubstantive.length === 0) return null;
  if (nonSubstantive.some((o) => context.hiddenRows.has(o.code))) return null;
  return context.tally.answered.map(
    (answered, c) =>
      answered -
      nonSubstantive.reduce((sum, o) => sum + (context.tally.options.get(o.code)?.[c] ?? 0), 0),
  );
}

function chiSquareOf(context: ShapeContext, q: ChoiceQuestion): ChiSquare {
  if (context.banner.question.code === q.code) return { skipped: "本题就是列变量，不做检验" };
  // Shown columns and rows only: a hidden one's counts must not leak through a statistic.
  const shown = context.columns.map((_, c) => c).filter((c) => c > 0 && !context.hidden[c]);
  const table = q.options
    .filter((o) => !context.hiddenRows.has(o.code))
    .map((o) => shown.map((c) => context.tally.options.get(o.code)?.[c] ?? 0));
  return chiSquareTest(table);
}

export const singleChoice: QuestionKind = {
  shape(context) {
    const q = choiceOf(context);
    const { tally, hidden } = context;
    const validBases = validBasesOf(context, q);
    const rows = q.options.map((o) =>
      optionRow(context, o, (count, c, reason) => {
        const valid =
          validBases && !o.nonSubstantive ? { count, base: validBases[c] ?? 0 } : undefined;
        return cellOf(count, tally.seen[c] ?? 0, reason, valid);
      }),
    );
    const other = q.options.find((o) => o.other && !context.hiddenRows.has(o.code));
    return {
      rows: [...rows, ...missingRows(context)],
      validBases: validBases?.map((base, c) => (hidden[c] ? null : base)) ?? null,
      note: null,
      chiSquare: chiSquareOf(context, q),
      texts: other ? textGroups(context, other.code) : [],
      keywords: null,
    };
  },
};
