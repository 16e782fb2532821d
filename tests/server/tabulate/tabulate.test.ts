// Every published cell equals a plain-loop count of what was submitted; hidden columns show nothing.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import { limitTexts } from "../../../server/tabulate/limit-texts.ts";
import type { Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { resolveBanner, tabulate } from "../../../server/tabulate/tabulate.ts";
import { tallyByCategory } from "../../../server/tabulate/tally-by-category.ts";
import { tallyResponses } from "../../../server/tabulate/tally-responses.ts";
import { isChoice, listQuestions } from "../../../surveys/format/answers.ts";
import { parseSurvey } from "../../../surveys/format/parse-survey.ts";
import { seededRandom } from "../../support/random-answers.ts";
import { openTabulationStore, times } from "../../support/tabulation-store.ts";
import { chosenBy, columnOf, type HandFilter, matches, sawQuestion } from "./count-by-hand.ts";

const store = openTabulationStore();
const { survey } = store.version;

beforeAll(() => {
  const random = seededRandom(42);
  const days = ["2026-11-20", "2026-11-21", "2026-11-22"];
  const spread = (count: number, category: string, locked = false) =>
    Array.from({ length: count }, (_, i) => ({
      category,
      channel: i % 3 === 0 ? "县直单位" : "乡镇党委",
      day: days[i % days.length]!,
      locked,
    }));
  store.add(
    [
      ...spread(40, "A"),
      ...spread(30, "D"),
      ...spread(24, "J"),
      ...spread(12, "I", true), // through a link locked to 村(社区)干部: Q1 never shown
      ...times(3, { category: "K", channel: "乡镇党委", day: days[0]! }),
      ...times(4, { category: "E", channel: "县直单位", day: days[1]! }),
    ],
    random,
  );
});
afterAll(() => store.close());

async function run(banner: string | undefined, filter: HandFilter): Promise<Tabulation> {
  const outcome = await tabulate(store.results, createPublicationLedger(), {
    version: store.version,
    state: "open",
    banner,
    filter: { channels: filter.channels ?? null, from: filter.from ?? null, to: filter.to ?? null },
    asOf: "2026-11-25",
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.tabulation;
}

const HIDDEN_CELL = { count: null, percent: null, ci: null, validPercent: null };

/** Compares every shown cell with the plain-loop count; hidden cells must be null. */
function expectMatchesHandCount(t: Tabulation, banner: string, filter: HandFilter) {
  const selected = store.generated.filter((g) => matches(g, filter));
  expect(t.respondents).toBe(selected.length);
  const inColumn = (key: string) =>
    key === "_total" ? selected : selected.filter((g) => columnOf(g, banner, survey) === key);
  t.columns.forEach((column) => {
    if (column.n !== null) expect(column.n).toBe(inColumn(column.key).length);
  });
  let compared = 0;
  for (const q of listQuestions(survey)) {
    const table = t.questions.find((x) => x.code === q.code)!;
    t.columns.forEach((column, c) => {
      const group = inColumn(column.key);
      const saw = group.filter((g) => sawQuestion(g, q));
      const answered = saw.filter((g) => chosenBy(g, q).length > 0);
      if (table.hidden[c]) {
        expect(table.bases[c]).toBeNull();
        for (const row of table.rows) expect(row.cells[c]!.count).toBeNull();
        return;
      }
      expect(table.bases[c]).toBe(saw.length);
      for (const row of table.rows) {
        const cell = row.cells[c]!;
        // The category question's rows under k (and their complements) show nothing at all.
        if (row.hidden) {
          expect(cell, `${q.code} ${row.key} ${column.key}`).toEqual(HIDDEN_CELL);
          continue;
        }
        const expected =
          row.kind === "unanswered"
            ? saw.length - answered.length
            : row.kind === "notShown"
              ? group.length - saw.length
              : isChoice(q)
                ? saw.filter((g) => chosenBy(g, q).includes(row.key)).length
                : answered.length;
        expect(cell.count, `${q.code} ${row.key} ${column.key}`).toBe(expected);
        const base = row.kind === "notShown" ? group.length : saw.length;
        if (base > 0) expect(cell.percent).toBeCloseTo(expected / base, 12);
        compared += 1;
      }
    });
  }
  return compared;
}

describe("tabulation equals an independent count", () => {
  it("the unfiltered category banner (the indexed fast path), every cell", async () => {
    const t = await run(undefined, {});
    expect(expectMatchesHandCount(t, "Q1", {})).toBeGreaterThan(900);
    const hidden = Object.fromEntries(t.columns.map((c) => [c.key, c.hidden]));
    expect(hidden).toMatchObject({ _total: null, A: null, D: null, J: null, I: null });
    expect(hidden.K).toBe("small");
    expect(hidden.E).toBe("small");
    // The category question's own table hides the same categories as rows.
    const rows = t.questions.find((q) => q.code === "Q1")!.rows;
    const { _total, ...categories } = hidden;
    expect(Object.fromEntries(rows.map((r) => [r.key, r.hidden]))).toEqual(categories);
  });

  // Each on a fresh ledger that holds the main table only (tabulate publishes it first); the two
  // together are refused there, since with the main table they would isolate a small set.
  it("a channel filter (the response pass)", async () => {
    const filter = { channels: ["乡镇党委"] };
    expectMatchesHandCount(await run(undefined, filter), "Q1", filter);
  });

  it("a day range (the response pass)", async () => {
    const filter = { from: "2026-11-21", to: "2026-11-22" };
    expectMatchesHandCount(await run(undefined, filter), "Q1", filter);
  });

  it("a banner by another single-choice question", async () => {
    const t = await run("Q2", {});
    expect(t.columns.map((c) => c.key)).toEqual(["_total", "A", "B", "C", "D", "_none"]);
    expectMatchesHandCount(t, "Q2", {});
    // K (3) and E (4) are under k as rows of the category question, as they are as columns.
    const rows = t.questions.find((q) => q.code === "Q1")!.rows;
    const hidden = Object.fromEntries(rows.map((r) => [r.key, r.hidden]));
    expect(hidden).toMatchObject({ A: null, D: null, J: null, I: null, K: "small", E: "small" });
  });

  it("both readers tally the same counts", async () => {
    const banner = resolveBanner(survey, undefined);
    if (typeof banner === "string") throw new Error(banner);
    const ordinals = createPublicationLedger().ordinalOf(store.version.id);
    const fast = await tallyByCategory(store.results, store.version.id, survey, banner, ordinals);
    const slow = await tallyResponses(
      survey,
      banner,
      store.results.iterateResponses(store.version.id, { channels: null, from: null, to: null }),
      ordinals,
    );
    expect(fast.n).toEqual(slow.n);
    expect(fast.days).toEqual(slow.days);
    for (const [code, counts] of fast.questions) {
      const other = slow.questions.get(code)!;
      expect(counts.seen, code).toEqual(other.seen);
      expect(counts.answered, code).toEqual(other.answered);
      for (const [option, perColumn] of other.options)
        expect(counts.options.get(option), `${code} ${option}`).toEqual(perColumn);
      for (const [option, perColumn] of other.texts)
        expect(counts.texts.get(option), `${code} ${option} texts`).toEqual(perColumn);
    }
    const sorted = (xs: number[][]) => xs.map((m) => [...m].sort((a, b) => a - b));
    expect(sorted(fast.members)).toEqual(sorted(slow.members));
  });
});

describe("the console's text lists", () => {
  it("keep the most frequent texts in text order and count the rest", async () => {
    const t = await run(undefined, {});
    const q28 = t.questions.find((q) => q.code === "Q28")!;
    // The first group whose texts are listed (全体's may be withheld: with the listed categories'
    // lists beside it, it would give the texts of the hidden ones by subtraction).
    const listed = q28.texts.findIndex((g) => (g.texts?.length ?? 0) > 2);
    expect(listed).toBeGreaterThanOrEqual(0);
    const all = q28.texts[listed]!.texts!;
    const limited = limitTexts(t, 2).questions.find((q) => q.code === "Q28")!.texts[listed]!;
    expect(limited.texts).toHaveLength(2);
    expect(limited.omitted).toBe(all.length - 2);
    const top = [...all]
      .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1))
      .slice(0, 2);
    expect(limited.texts).toEqual(top.sort((a, b) => (a.text < b.text ? -1 : 1)));
  });
});

describe("the survey's minimum base and the text threshold", () => {
  it("a survey's minBase replaces k; a column of 6 is hidden under k = 8 and texts wait for 10", async () => {
    const strict = openTabulationStore({ minBase: 8 });
    try {
      const random = seededRandom(5);
      strict.add(
        [
          ...times(20, { category: "A", channel: "x", day: "2026-11-20" }),
          ...times(9, { category: "D", channel: "x", day: "2026-11-20" }),
          ...times(6, { category: "J", channel: "x", day: "2026-11-20" }),
          ...times(6, { category: "K", channel: "x", day: "2026-11-20" }),
        ],
        random,
      );
      const outcome = await tabulate(strict.results, createPublicationLedger(), {
        version: strict.version,
        state: "open",
        banner: undefined,
        filter: { channels: null, from: null, to: null },
        asOf: "2026-11-25",
      });
      if (!outcome.ok) throw new Error(outcome.message);
      const t = outcome.tabulation;
      expect(t.minBase).toBe(8);
      const hidden = Object.fromEntries(t.columns.map((c) => [c.key, c.hidden]));
      expect(hidden).toMatchObject({ A: null, D: null, J: "small", K: "small" });
      const q28 = t.questions.find((q) => q.code === "Q28")!;
      const texts = Object.fromEntries(q28.texts.map((g) => [g.column, g.texts]));
      expect(texts.A).not.toBeNull(); // 20 respondents
      expect(texts.D).toBeNull(); // shown (9 ≥ 8) but under 10: no texts
      expect(texts.J).toBeNull();
    } finally {
      strict.close();
    }
  });

  it("a survey may not set minBase under 3", () => {
    const seed: unknown = JSON.parse(readFileSync("surveys/political-ecology.json", "utf8"));
    if (typeof seed !== "object" || seed === null) throw new Error("the seed is not an object");
    const parsed = parseSurvey({ ...seed, minBase: 2 }, "seed");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join("\n")).toContain("minBase");
  });
});
