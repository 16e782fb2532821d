// Attack 1: can a declared index (满意率) show a count the tables of the same publication hide? Every
// banner, channel and day filter, one shared ledger, small categories, an index on a question behind
// display logic (base shown) and on a grid: each index figure must be a sum of the very cells its
// table shows, and hidden wherever one of them is hidden.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import type { QuestionTable, Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { tabulate } from "../../../server/tabulate/tabulate.ts";
import { listQuestions } from "../../../surveys/format/answers.ts";
import type { SurveyInput } from "../../../surveys/format/schema.ts";
import { type CustomStore, openCustomStore } from "../../support/custom-store.ts";
import { seededRandom } from "../../support/random-answers.ts";
import { times } from "../../support/tabulation-store.ts";

/** The seed plus: an index behind display logic (base shown), a grid with an index, Q17 on base shown.
 * (One name over two bases is refused by the format: tests/server/tabulate/satisfaction-index.test.ts.) */
function withMoreIndices(seed: SurveyInput): SurveyInput {
  const sections = structuredClone(seed.sections);
  const last = sections[sections.length - 1];
  if (!last) throw new Error("no section");
  const q17 = sections.flatMap((s) => s.questions).find((q) => q.code === "Q17");
  if (q17?.kind !== "single") throw new Error("Q17");
  q17.index = { name: "开展率", aspect: "Q17方面", positive: ["A"], base: "shown" };
  last.questions.unshift(
    {
      code: "Z1",
      kind: "single",
      text: "（仅对选E者）您对处理结果是否满意？",
      showIf: { question: "Q24", equals: "D" },
      options: [
        { code: "A", label: "满意" },
        { code: "B", label: "不满意" },
        { code: "C", label: "说不清", nonSubstantive: true },
      ],
      index: { name: "处理满意率", positive: ["A"], base: "shown" },
    },
    {
      code: "G1",
      kind: "matrix",
      text: "请评价以下方面",
      rows: [
        { code: "r1", label: "会风文风" },
        { code: "r2", label: "基层减负" },
        { code: "r3", label: "窗口服务" },
      ],
      options: [
        { code: "A", label: "好" },
        { code: "B", label: "一般" },
        { code: "C", label: "差" },
        { code: "D", label: "不作评价", nonSubstantive: true },
      ],
      index: { name: "方面满意率", positive: ["A"] },
    },
  );
  return { ...seed, sections };
}

let store: CustomStore;
const DAYS = ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"];

beforeAll(() => {
  store = openCustomStore(withMoreIndices);
  // Large, middling and tiny categories over two channels and four days: many hidden cells.
  const sizes: Record<string, number> = { A: 40, B: 23, C: 9, D: 6, E: 4, F: 3, G: 2, H: 1 };
  const specs = Object.entries(sizes).flatMap(([category, n]) =>
    Array.from({ length: n }, (_, i) =>
      times(1, {
        category,
        channel: i % 3 === 0 ? "县直单位" : "乡镇党委",
        day: DAYS[i % DAYS.length] ?? "2026-11-20",
      }),
    ).flat(),
  );
  store.add(specs, seededRandom(1515));
});
afterAll(() => store?.close());

/** The sum of one column's shown cells over some option rows; null if one of them is hidden. */
function shownSum(table: QuestionTable, keys: (key: string) => boolean, c: number): number | null {
  let sum = 0;
  for (const row of table.rows) {
    if (row.kind !== "option" || !keys(row.key)) continue;
    const count = row.cells[c]?.count;
    if (count === null || count === undefined) return null;
    sum += count;
  }
  return sum;
}

/** Every index cell against its table: nothing the table hides, nothing more than its shown cells. */
function checkAgainstTables(t: Tabulation): number {
  let shown = 0;
  const { survey } = store.version;
  for (const summary of t.indices)
    for (const item of summary.items) {
      const table = t.questions.find((q) => q.code === item.code);
      if (!table) throw new Error(`no table for ${item.code}`);
      const source = listQuestions(survey).find((q) => q.code === (table.grid?.code ?? table.code));
      if (source?.kind !== "single" && source?.kind !== "matrix") throw new Error(item.code);
      const index = source.index;
      if (!index) throw new Error(`${item.code} has no index`);
      const positive = new Set(index.positive);
      const substantive = new Set(
        source.options.filter((o) => !o.nonSubstantive).map((o) => o.code),
      );
      t.columns.forEach((column, c) => {
        const cell = item.cells[c];
        const count = shownSum(table, (k) => positive.has(k), c);
        const base =
          index.base === "shown"
            ? (table.bases[c] ?? null)
            : shownSum(table, (k) => substantive.has(k), c);
        const where = `${t.banner.question} ${JSON.stringify(t.filters)} ${item.code} ${column.label}`;
        if (table.hidden[c] || column.hidden || count === null || base === null) {
          expect(cell?.count ?? null, where).toBeNull();
          expect(cell?.base ?? null, where).toBeNull();
          expect(cell?.value ?? null, where).toBeNull();
          expect(cell?.ci ?? null, where).toBeNull();
          return;
        }
        expect(cell?.count, where).toBe(count);
        expect(cell?.base, where).toBe(base);
        shown += 1;
      });
    }
  return shown;
}

describe("attack 1: an index never discloses what its table hides", () => {
  it("holds under every banner and filter, with one shared ledger", async () => {
    const ledger = createPublicationLedger();
    const { survey } = store.version;
    const banners = [
      undefined,
      ...listQuestions(survey)
        .filter((q) => q.kind === "single" && !q.category)
        .map((q) => q.code),
    ];
    const filters = [
      { channels: null, from: null, to: null },
      { channels: ["县直单位"], from: null, to: null },
      { channels: ["乡镇党委"], from: null, to: null },
      { channels: null, from: "2026-11-21", to: null },
      { channels: null, from: null, to: "2026-11-22" },
    ];
    let views = 0;
    let figures = 0;
    let hiddenSeen = 0;
    for (const filter of filters)
      for (const banner of banners) {
        const outcome = await tabulate(store.results, ledger, {
          version: store.version,
          state: "open",
          banner,
          filter,
          asOf: "2026-11-25",
        });
        if (!outcome.ok) continue;
        outcome.publish();
        views += 1;
        figures += checkAgainstTables(outcome.tabulation);
        hiddenSeen += outcome.tabulation.indices
          .flatMap((s) => s.items)
          .flatMap((i) => i.cells)
          .filter((cell) => cell.hidden !== null).length;
      }
    // The attack ran for real: many views published, shown and hidden index figures both met.
    expect(views).toBeGreaterThan(20);
    expect(figures).toBeGreaterThan(500);
    expect(hiddenSeen).toBeGreaterThan(50);
  });

  it("the check itself catches an index figure its table hides (a planted leak)", async () => {
    const t = structuredClone((await store.exportInput()).tabulation);
    const c = t.columns.findIndex((column) => column.hidden !== null);
    const item = t.indices[0]?.items[0];
    const total = item?.cells[0];
    if (c < 0 || !item || !total) throw new Error("no hidden column to plant a leak in");
    item.cells[c] = { ...total, hidden: null };
    expect(() => checkAgainstTables(t)).toThrow();
  });

  it("declares the grid's rows and the display-logic question's index as their own items", async () => {
    const t = (await store.exportInput()).tabulation;
    const names = t.indices.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["满意率", "开展率", "处理满意率", "方面满意率"]));
    expect(t.indices.find((s) => s.name === "方面满意率")?.items).toHaveLength(3);
  });
});
