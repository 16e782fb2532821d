// Multiple choice: one row per option as a share of respondents shown the question, so shares
// may add up past 100%; “其他” texts are listed under the table.
import {
  cellOf,
  choiceOf,
  missingRows,
  optionRow,
  type QuestionKind,
  textGroups,
} from "./question-kind.ts";

export const MULTIPLE_NOTE = "多选题：百分比以看到本题的人数为基数，各选项合计可超过 100%。";

export const multipleChoice: QuestionKind = {
  shape(context) {
    const q = choiceOf(context);
    const { tally } = context;
    const rows = q.options.map((o) =>
      optionRow(context, o, (count, c, reason) => cellOf(count, tally.seen[c] ?? 0, reason)),
    );
    const other = q.options.find((o) => o.other && !context.hiddenRows.has(o.code));
    return {
      rows: [...rows, ...missingRows(context)],
      validBases: null,
      note: MULTIPLE_NOTE,
      chiSquare: { skipped: "多选题各选项不互斥，不做卡方检验" },
      texts: other ? textGroups(context, other.code) : [],
      keywords: null,
    };
  },
};
