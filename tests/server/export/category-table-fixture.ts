// The fixture's tabulation with the category question's own table added: its rows are the banner's
// categories, and 一般干部 (3, small) and 普通群众 (12, complementary) are hidden as rows as well.
import type { ExportInput } from "../../../server/export/export-input.ts";
import type { Cell, QuestionTable, Row } from "../../../server/tabulate/results-schemas.ts";
import { buildExportInput } from "./tabulation-fixture.ts";

const suppressed: Cell = { count: null, percent: null, ci: null, validPercent: null };
const cellOf = (count: number, base: number): Cell => ({
  count,
  percent: count / base,
  ci: null,
  validPercent: null,
});

/** Under the category banner: 全体 (38), 企业负责人 (23) shown, the two others hidden. */
function categoryTable(input: ExportInput): QuestionTable {
  const question = input.survey.sections[0]?.questions[0];
  if (question?.kind !== "single" || !question.category)
    throw new Error("the seed survey no longer opens with its category question");
  const hiddenRows: Record<string, Row["hidden"]> = { D: "small", J: "complementary" };
  const sizes: Record<string, number> = { D: 3, J: 12, K: 23 };
  // The hidden rows carry their figures, as a faulty engine might: every writer must go by
  // `hidden`, never by finding the cells empty.
  const rows: Row[] = question.options.map((o) => {
    const n = sizes[o.code] ?? 0;
    return {
      key: o.code,
      label: o.label,
      kind: "option",
      nonSubstantive: false,
      other: false,
      hidden: hiddenRows[o.code] ?? null,
      cells: [cellOf(n, 38), cellOf(o.code === "K" ? 23 : 0, 23), suppressed, suppressed],
    };
  });
  return {
    code: question.code,
    text: question.text,
    kind: "single",
    grid: null,
    section: input.survey.sections[0]?.code ?? "",
    bases: [38, 23, null, null],
    hidden: [null, null, "small", "complementary"],
    validBases: null,
    rows,
    note: null,
    chiSquare: { skipped: "本题就是列变量，不做检验" },
    texts: [],
    keywords: null,
  };
}

export const ROW_NOTE =
  "“您的身份是？”一题中人数少于 5 的类别不单独列行（显示为“<5”），必要时另隐藏一行，防止相减推算。";

export function buildInputWithCategoryTable(): ExportInput {
  const input = buildExportInput();
  const { tabulation } = input;
  return {
    ...input,
    tabulation: {
      ...tabulation,
      questions: [categoryTable(input), ...tabulation.questions],
      notes: [...tabulation.notes, ROW_NOTE],
    },
  };
}
