// One question's chart bars: the 全体 column's options with the very shares its table prints.
import type { QuestionTable, Tabulation } from "../../tabulate/results-schemas.ts";
import { figureOf } from "../figure-text.ts";
import type { Bar } from "./bar-chart-svg.ts";

/**
 * The options of a choice question (single, multiple, a grid row) in table order, 全体 only; value
 * is the printed share as a fraction (figure-rules.ts rounding), so bar and label agree with the
 * table. Hidden options are left out; an empty list means no chart (the 全体 figures are hidden,
 * nobody answered, or a text question).
 */
export function questionBars(q: QuestionTable, tab: Tabulation): Bar[] {
  if (q.kind === "shortText" || q.kind === "longText") return [];
  return q.rows
    .filter((row) => row.kind === "option")
    .flatMap((row) => {
      const figure = figureOf(q, row, tab, 0);
      return figure.kind === "shown"
        ? [{ label: row.label, value: figure.fraction, text: figure.share }]
        : [];
    });
}
