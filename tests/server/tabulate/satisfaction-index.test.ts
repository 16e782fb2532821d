// The declared indices (满意率 …) equal plain-loop counts of what was submitted, per category and
// per banner, hide exactly where their table hides, and rank the aspects by the 全体 value.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import type { Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { tabulate } from "../../../server/tabulate/tabulate.ts";
import { listQuestions } from "../../../surveys/format/answers.ts";
import { checkSurvey } from "../../../surveys/format/check-survey.ts";
import { parseSurvey } from "../../../surveys/format/parse-survey.ts";
import { seededRandom } from "../../support/random-answers.ts";
import { openTabulationStore, times } from "../../support/tabulation-store.ts";
import { chosenBy, columnOf, sawQuestion } from "./count-by-hand.ts";

const store = openTabulationStore();
const { survey } = store.version;

beforeAll(() => {
  const random = seededRandom(7);
  const spread = (count: number, category: string) =>
    times(count, { category, channel: "乡镇党委", day: "2026-11-21" });
  // Three shown categories, one under k (hidden "small") and its complement.
  store.add(
    [...spread(60, "A"), ...spread(45, "D"), ...spread(30, "J"), ...spread(3, "K")],
    random,
  );
});
afterAll(() => store.close());

async function run(banner: string | undefined): Promise<Tabulation> {
  const outcome = await tabulate(store.results, createPublicationLedger(), {
    version: store.version,
    state: "open",
    banner,
    filter: { channels: null, from: null, to: null },
    asOf: "2026-11-25",
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.tabulation;
}

/** (positive choices) / (substantive answers), counted response by response. */
function countByHand(code: string, positive: string[], column: string, banner: string) {
  const question = listQuestions(survey).find((q) => q.code === code);
  if (question?.kind !== "single") throw new Error(`${code} is not single choice`);
  const substantive = new Set(question.options.filter((o) => !o.nonSubstantive).map((o) => o.code));
  let count = 0;
  let base = 0;
  for (const g of store.generated) {
    if (column !== "_total" && columnOf(g, banner, survey) !== column) continue;
    if (!sawQuestion(g, question)) continue;
    const [chosen] = chosenBy(g, question);
    if (chosen === undefined || !substantive.has(chosen)) continue;
    base += 1;
    if (positive.includes(chosen)) count += 1;
  }
  return { count, base };
}

describe("satisfaction indices", () => {
  it("the seed survey declares 满意率 on its evaluation questions, and the file checks clean", () => {
    const declared = listQuestions(survey).filter((q) => q.kind === "single" && q.index);
    expect(declared.map((q) => q.code)).toEqual(
      expect.arrayContaining(["Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9", "Q10", "Q15"]),
    );
    expect(checkSurvey(survey)).toEqual([]);
  });

  for (const banner of [undefined, "Q24"]) {
    it(`every shown index cell equals the plain-loop count (banner ${banner ?? "category"})`, async () => {
      const t = await run(banner);
      const bannerCode = t.banner.question;
      const satisfaction = t.indices.find((s) => s.name === "满意率");
      expect(satisfaction?.items.length).toBe(10);
      let compared = 0;
      for (const summary of t.indices) {
        for (const item of summary.items) {
          const question = listQuestions(survey).find((q) => q.code === item.code);
          if (question?.kind !== "single" || !question.index) throw new Error(item.code);
          t.columns.forEach((column, c) => {
            const cell = item.cells[c];
            const table = t.questions.find((q) => q.code === item.code);
            if (column.hidden || table?.hidden[c]) {
              expect(cell).toMatchObject({ count: null, base: null, value: null });
              expect(cell?.hidden).not.toBeNull();
              return;
            }
            const hand = countByHand(
              item.code,
              question.index?.positive ?? [],
              column.key,
              bannerCode,
            );
            expect(cell?.count).toBe(hand.count);
            expect(cell?.base).toBe(hand.base);
            expect(cell?.value).toBe(hand.base > 0 ? hand.count / hand.base : null);
            compared += 1;
          });
        }
      }
      expect(compared).toBeGreaterThan(30);
    });
  }

  it("hides an index wherever its column is hidden (the small category and its complement)", async () => {
    const t = await run(undefined);
    const small = t.columns.findIndex((c) => c.key === "K");
    expect(t.columns[small]?.hidden).toBe("small");
    for (const item of t.indices.flatMap((s) => s.items))
      expect(item.cells[small]).toEqual({
        count: null,
        base: null,
        value: null,
        ci: null,
        hidden: "small",
      });
  });

  it("ranks the aspects by the 全体 value, highest first, equal values sharing a rank", async () => {
    const t = await run(undefined);
    for (const summary of t.indices) {
      const values = summary.items.map((i) => i.cells[0]?.value ?? -1);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      summary.items.forEach((item, i) => {
        const first = values.indexOf(values[i] ?? -1);
        expect(item.rank).toBe(first + 1);
      });
    }
  });

  it("refuses one index name over two bases: a ranked table compares like with like", () => {
    const broken = parseSurvey(
      {
        ...survey,
        sections: survey.sections.map((s) => ({
          ...s,
          questions: s.questions.map((q) =>
            q.code === "Q3" && q.kind === "single"
              ? { ...q, index: { name: "满意率", positive: ["A", "B"], base: "shown" } }
              : q,
          ),
        })),
      },
      "t.json",
    );
    expect(broken.ok ? [] : broken.errors).toEqual([
      't.json: sections[1].questions[1].index.base: another question\'s index "满意率" uses base "valid": one name, one base',
    ]);
  });

  it("refuses an index on an option the question lacks, or on 不作评价, naming the field", () => {
    const q2 = listQuestions(survey).find((q) => q.code === "Q2");
    if (q2?.kind !== "single") throw new Error("Q2");
    const broken = parseSurvey(
      {
        ...survey,
        sections: survey.sections.map((s) => ({
          ...s,
          questions: s.questions.map((q) =>
            q.code === "Q2" ? { ...q2, index: { name: "满意率", positive: ["A", "Z", "D"] } } : q,
          ),
        })),
      },
      "t.json",
    );
    expect(broken.ok ? [] : broken.errors).toEqual([
      't.json: sections[1].questions[0].index.positive[1]: "Z" is not an option of "Q2"',
      't.json: sections[1].questions[0].index.positive[2]: "D" is a non-substantive option: it cannot count as positive',
    ]);
  });
});
