// Short and long text: how many answered, the answers per group of at least 10, and keywords.
import { topKeywords } from "../keywords.ts";
import { cellOf, missingRows, type QuestionKind, textGroups } from "./question-kind.ts";

export const textAnswer: QuestionKind = {
  shape(context) {
    const { tally, hidden } = context;
    const texts = textGroups(context, "");
    // Keywords from the 全体 group only, and only when its answers may be listed at all.
    const all = texts[0]?.texts;
    return {
      rows: [
        {
          key: "_answered",
          label: "已作答",
          kind: "option",
          nonSubstantive: false,
          other: false,
          hidden: null,
          cells: tally.answered.map((count, c) =>
            cellOf(count, tally.seen[c] ?? 0, hidden[c] ?? null),
          ),
        },
        ...missingRows({ ...context, question: { ...context.question, required: false } }),
      ],
      validBases: null,
      note: null,
      chiSquare: null,
      texts,
      keywords: all ? topKeywords(all) : null,
    };
  },
};
