// The category question's own table: a category under k is a known person, so its row is hidden
// under every banner, with complements, exactly as its column is hidden under the category banner.
import { describe, expect, it } from "vitest";
import { createPublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import type { QuestionTable, Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { chiSquareTest } from "../../../server/tabulate/statistics.ts";
import { listQuestions } from "../../../surveys/format/answers.ts";
import { seededRandom } from "../../support/random-answers.ts";
import { times } from "../../support/tabulation-store.ts";
import { storesClosedAfterEach } from "../../support/tabulation-stores.ts";
import { columnOf } from "./count-by-hand.ts";
import { recoverableSmallSets } from "./linear-recovery.ts";
import { ask, type Published, publishedGroups } from "./published-groups.ts";

const K = 5;
const DAY = "2026-11-20";
const newStore = storesClosedAfterEach();

const categoryTable = (t: Tabulation): QuestionTable => t.questions.find((q) => q.code === "Q1")!;
const rowOf = (t: Tabulation, key: string) => categoryTable(t).rows.find((r) => r.key === key)!;

describe("the lone business owner (12 A, 12 D, 12 J and 1 K)", () => {
  it("no banner reads their answers back from the category question's table", async () => {
    const store = newStore();
    store.add(
      [
        ...["A", "D", "J"].flatMap((category) => times(12, { category, channel: "x", day: DAY })),
        ...times(1, { category: "K", channel: "x", day: DAY }),
      ],
      seededRandom(21),
    );
    const lone = store.generated.findIndex((g) => g.category === "K");
    const ledger = createPublicationLedger();
    const published: Published = new Map();
    const banners = listQuestions(store.version.survey).filter(
      (q) => q.kind === "single" && !q.category,
    );
    expect(banners).toHaveLength(16);
    let shown = 0;
    /** What the row of K gave away, per banner: "Q2=B" when its only count sits under option B. */
    const leaks: string[] = [];
    const hiddenAs: (string | null)[] = [];
    const unshown: number[] = [];
    for (const banner of banners) {
      const outcome = await ask(store, ledger, { banner: banner.code });
      if (!outcome.ok) continue;
      shown += 1;
      const t = outcome.tabulation;
      publishedGroups(store, t, { banner: banner.code }, published);
      const row = rowOf(t, "K");
      const read = t.columns.findIndex((_, c) => c > 0 && row.cells[c]?.count === 1);
      if (row.cells.some((cell) => cell.count !== null))
        leaks.push(`${banner.code}=${t.columns[read]?.key ?? "?"}`);
      hiddenAs.push(row.hidden ?? null);
      // Hidden rows hold at least k together: 全体 minus the shown rows is no one person.
      const shownRows = categoryTable(t)
        .rows.filter((r) => r.kind === "option" && !r.hidden)
        .reduce((sum, r) => sum + (r.cells[0]?.count ?? 0), 0);
      unshown.push(t.respondents - shownRows);
    }
    expect(leaks).toEqual([]);
    expect(hiddenAs).toEqual(hiddenAs.map(() => "small"));
    for (const rest of unshown) expect(rest === 0 || rest >= K, `${rest} unshown`).toBe(true);
    expect(shown).toBeGreaterThan(0);
    // Whatever was published, added and subtracted, never isolates the lone respondent.
    for (const [domain, groups] of published) {
      const found = recoverableSmallSets(groups, store.generated.length, K);
      expect(
        found.filter((set) => set.includes(lone)),
        domain,
      ).toEqual([]);
    }
  });

  it("the category banner prints no size under k, in its columns or in its own table", async () => {
    const store = newStore();
    store.add(
      [
        ...["A", "D", "J"].flatMap((category) => times(12, { category, channel: "x", day: DAY })),
        ...times(1, { category: "K", channel: "x", day: DAY }),
      ],
      seededRandom(22),
    );
    const outcome = await ask(store, createPublicationLedger(), { banner: "Q1" });
    if (!outcome.ok) throw new Error(outcome.message);
    const t = outcome.tabulation;
    for (const table of t.questions)
      for (const row of table.rows) {
        const count = row.cells[0]?.count ?? null;
        if (table.code === "Q1" && count !== null && count !== 0)
          expect(count, `${table.code} ${row.key}`).toBeGreaterThanOrEqual(K);
      }
    // The hidden rows are the hidden columns: same categories, same reasons.
    for (const column of t.columns.slice(1))
      expect(rowOf(t, column.key).hidden, column.key).toBe(column.hidden);
    expect(rowOf(t, "K").hidden).toBe("small");
  });
});

describe("complementary rows", () => {
  it("a single small row hides the next smallest with it; the note says why", async () => {
    const store = newStore();
    store.add(
      [
        ...times(20, { category: "A", channel: "x", day: DAY }),
        ...times(12, { category: "D", channel: "x", day: DAY }),
        ...times(15, { category: "J", channel: "x", day: DAY }),
        ...times(3, { category: "K", channel: "x", day: DAY }),
      ],
      seededRandom(23),
    );
    const outcome = await ask(store, createPublicationLedger(), { banner: "Q2" });
    if (!outcome.ok) throw new Error(outcome.message);
    const t = outcome.tabulation;
    const hidden = Object.fromEntries(categoryTable(t).rows.map((r) => [r.key, r.hidden]));
    expect(hidden).toMatchObject({ A: null, D: "complementary", J: null, K: "small", E: null });
    expect(rowOf(t, "A").cells[0]?.count).toBe(20);
    expect(rowOf(t, "E").cells[0]?.count).toBe(0);
    expect(rowOf(t, "D").cells.every((cell) => cell.count === null)).toBe(true);
    expect(t.notes.join("")).toContain("不单独列行");
    // The test of independence counts the shown rows only: A and J by Q2's answers.
    const shownColumns = t.columns.flatMap((c, i) => (i > 0 && !c.hidden ? [c.key] : []));
    const byHand = ["A", "J"].map((category) =>
      shownColumns.map(
        (key) =>
          store.generated.filter(
            (g) => g.category === category && columnOf(g, "Q2", store.version.survey) === key,
          ).length,
      ),
    );
    expect(categoryTable(t).chiSquare).toEqual(chiSquareTest(byHand));
  });
});

describe("differencing", () => {
  it("a row that would give away the respondents added since an earlier view is hidden", async () => {
    const store = newStore();
    const random = seededRandom(24);
    store.add(
      ["A", "D"].flatMap((category) => times(20, { category, channel: "x", day: DAY })),
      random,
    );
    const ledger = createPublicationLedger();
    const published: Published = new Map();
    const first = await ask(store, ledger, { banner: "Q1", channels: ["x"] });
    if (!first.ok) throw new Error(first.message);
    publishedGroups(store, first.tabulation, { banner: "Q1", channels: ["x"] }, published);
    // Channel y adds 2 A (A in x and y minus A in x would be those two), 3 J and 10 E.
    store.add(
      [
        ...times(2, { category: "A", channel: "y", day: DAY }),
        ...times(3, { category: "J", channel: "y", day: DAY }),
        ...times(10, { category: "E", channel: "y", day: DAY }),
      ],
      random,
    );
    const outcome = await ask(store, ledger, { banner: "Q2" });
    if (!outcome.ok) throw new Error(outcome.message);
    const t = outcome.tabulation;
    const hidden = Object.fromEntries(categoryTable(t).rows.map((r) => [r.key, r.hidden]));
    // Hiding A also covers J: the hidden rows hold 25 together, so E needs no complement.
    expect(hidden).toMatchObject({ A: "differencing", D: null, J: "small", E: null });
    expect(t.notes.join("")).toContain("差分保护");
    publishedGroups(store, t, { banner: "Q2" }, published);
    for (const [domain, groups] of published)
      expect(recoverableSmallSets(groups, store.generated.length, K, true), domain).toEqual([]);
  });
});
