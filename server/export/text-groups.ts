// What each output says about a group's free texts: the texts, or in plain words why they are withheld.

import { columnSizeText, hiddenFigure } from "../tabulate/figure-rules.ts";
import type { QuestionTable, Tabulation, TextGroup } from "../tabulate/results-schemas.ts";
import { describeHiddenReason, hiddenReasonOf, shownBase } from "./figure-text.ts";

export interface DescribedTextGroup {
  /** "企业负责人（n=23）" or "一般干部（人数少于5，不显示）" */
  heading: string;
  label: string;
  /** Shown group size, or null when the group is hidden. */
  n: number | null;
  /** The size as a table cell prints it: the number, or "<k" / "不显示" when hidden. */
  size: number | string;
  /** Why no texts are listed; null when they are. */
  withheld: string | null;
  texts: { text: string; count: number }[];
}

export const isTextQuestion = (q: QuestionTable) => q.kind === "shortText" || q.kind === "longText";

/** Answers to a text question, or the “其他（请注明）” explanations of a choice question. */
export function textsHeading(q: QuestionTable): string {
  return isTextQuestion(q) ? "文字回答" : "“其他”说明";
}

export function describeTextGroup(
  q: QuestionTable,
  group: TextGroup,
  tab: Tabulation,
): DescribedTextGroup {
  const k = tab.minBase;
  const i = tab.columns.findIndex((column) => column.key === group.column);
  // A group whose column this table hides says nothing more, even if the engine sent texts.
  const hidden = group.n === null || (i >= 0 && shownBase(q, i) === null);
  const n = hidden ? null : group.n;
  const reason = !hidden ? null : i >= 0 ? hiddenReasonOf(q, i) : "small";
  const heading = `${group.label}（${columnSizeText(n, reason, k)}）`;
  let withheld: string | null = null;
  if (reason !== null) {
    withheld = `${describeHiddenReason(reason, k)}，按规定不予发布。`;
  } else if (group.texts === null) {
    withheld =
      (n ?? 0) < tab.textMinGroup
        ? `该组人数少于 ${tab.textMinGroup} 人，不列出文字内容。`
        : "文字内容只在“按类别、不筛选”的结果中列出，且不与此前列出的内容相减，本次不列出。";
  }
  const texts = withheld === null ? (group.texts ?? []) : [];
  const size = n ?? hiddenFigure(reason, k);
  return { heading, label: group.label, n, size, withheld, texts };
}
