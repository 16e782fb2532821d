// Disclosure control, end to end through the real engine and a real SQLite file: nothing published,
// alone or combined with everything published before, lets a group under k be recovered.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressColumns } from "../../../server/tabulate/disclosure/column-suppression.ts";
import { createPublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import { seededRandom } from "../../support/random-answers.ts";
import { openTabulationStore, type Spec, times } from "../../support/tabulation-store.ts";
import { storesClosedAfterEach } from "../../support/tabulation-stores.ts";
import { recoverableSmallSets } from "./linear-recovery.ts";
import { ask, type Published, publishedGroups, type Query } from "./published-groups.ts";

const K = 5;
const DAYS = ["2026-11-20", "2026-11-21", "2026-11-22"];
const newStore = storesClosedAfterEach();

describe("the attacker's algebra (the checker can fail)", () => {
  it("finds the cell of a 2×2 layout isolated by all, a row, a column and the opposite cell", () => {
    // a b / c d with a = row1 + col1 − all + d: four published boxes recover a.
    const all = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const a = [0, 1];
    const b = [2, 3, 4, 5, 6, 7];
    const c = [8, 9, 10, 11, 12, 13];
    const d = [14, 15, 16, 17, 18, 19, 20];
    const found = recoverableSmallSets(
      [all, new Set([...a, ...b]), new Set([...a, ...c]), new Set(d)],
      21,
      K,
    );
    expect(found).toContainEqual(a);
  });
});

describe("the attacker's signed algebra", () => {
  it("finds X − Y from two views S ∪ {X} and S ∪ {Y}, where no set is determined", () => {
    const S = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const groups = [new Set([...S, 10]), new Set([...S, 11])];
    expect(recoverableSmallSets(groups, 12, K)).toEqual([]);
    expect(recoverableSmallSets(groups, 12, K, true)).toContainEqual([10, 11]);
  });
});

describe("suppression within one table", () => {
  it("hides a lone small column together with the next smallest", () => {
    expect(suppressColumns([100, 40, 3, 30, 27], K)).toEqual([
      null,
      null,
      "small",
      null,
      "complementary",
    ]);
  });
  it("keeps hiding until the hidden columns hold at least k together", () => {
    expect(suppressColumns([60, 1, 1, 2, 56], K)).toEqual([
      null,
      "small",
      "small",
      "small",
      "complementary",
    ]);
  });
  it("needs no complement when the small ones already add up to k", () => {
    expect(suppressColumns([60, 3, 4, 53], K)).toEqual([null, "small", "small", null]);
  });
});

describe("differencing is refused or hidden", () => {
  it("a view after fewer than k new responses is refused; after k it is shown", async () => {
    const store = newStore();
    const ledger = createPublicationLedger();
    const random = seededRandom(7);
    store.add([...times(20, { category: "A", channel: "x", day: DAYS[0]! })], random);
    expect((await ask(store, ledger, { banner: "Q1" })).ok).toBe(true);
    store.add(times(2, { category: "A", channel: "x", day: DAYS[1]! }), random);
    const refused = await ask(store, ledger, { banner: "Q1" });
    expect(refused).toMatchObject({ ok: false, field: "survey" });
    if (!refused.ok) expect(refused.message).toContain("相减");
    store.add(times(3, { category: "A", channel: "x", day: DAYS[1]! }), random);
    expect((await ask(store, ledger, { banner: "Q1" })).ok).toBe(true);
  });

  it("a channel filter that adds fewer than k respondents to an earlier one is refused", async () => {
    const store = newStore();
    const ledger = createPublicationLedger();
    const random = seededRandom(8);
    store.add(
      [
        ...times(20, { category: "A", channel: "x", day: DAYS[0]! }),
        ...times(2, { category: "D", channel: "y", day: DAYS[0]! }),
        ...times(20, { category: "J", channel: "z", day: DAYS[0]! }),
        // D is shown in the main table (published before any filter): the x view is safe then.
        ...times(5, { category: "D", channel: "z", day: DAYS[0]! }),
      ],
      random,
    );
    expect((await ask(store, ledger, { banner: "Q1", channels: ["x"] })).ok).toBe(true);
    expect(await ask(store, ledger, { banner: "Q1", channels: ["x", "y"] })).toMatchObject({
      ok: false,
      field: "channel",
    });
  });

  it("a filtered selection under k is refused naming the filter", async () => {
    const store = newStore();
    store.add(
      [
        ...times(20, { category: "A", channel: "x", day: DAYS[0]! }),
        ...times(3, { category: "A", channel: "y", day: DAYS[0]! }),
      ],
      seededRandom(9),
    );
    const outcome = await ask(store, createPublicationLedger(), { banner: "Q1", channels: ["y"] });
    expect(outcome).toMatchObject({ ok: false, field: "channel" });
    if (!outcome.ok) expect(outcome.message).toContain("只有 3 份");
  });

  it("a column that would isolate new arrivals in one category is hidden, not shown", async () => {
    const store = newStore();
    const ledger = createPublicationLedger();
    const random = seededRandom(10);
    store.add(
      [
        ...times(20, { category: "A", channel: "x", day: DAYS[0]! }),
        ...times(20, { category: "D", channel: "x", day: DAYS[0]! }),
      ],
      random,
    );
    expect((await ask(store, ledger, { banner: "Q1" })).ok).toBe(true);
    // 6 new: 2 in A (would be A_now − A_before) and 4 in J (a new small column anyway).
    store.add(
      [
        ...times(2, { category: "A", channel: "x", day: DAYS[1]! }),
        ...times(4, { category: "J", channel: "x", day: DAYS[1]! }),
      ],
      random,
    );
    const outcome = await ask(store, ledger, { banner: "Q1" });
    if (!outcome.ok) throw new Error(outcome.message);
    const hidden = Object.fromEntries(outcome.tabulation.columns.map((c) => [c.key, c.hidden]));
    expect(hidden.A).toBe("differencing");
    expect(hidden.J).toBe("small");
    expect(outcome.tabulation.notes.join("")).toContain("差分保护");
    // The category question's rows are the same groups, hidden for the same reasons.
    const rows = outcome.tabulation.questions.find((q) => q.code === "Q1")!.rows;
    const byRow = Object.fromEntries(rows.map((r) => [r.key, r.hidden]));
    expect(byRow).toMatchObject({ A: "differencing", D: null, J: "small" });
  });
});

const respondent = fc.record({
  category: fc.constantFrom("A", "D", "J", "K"),
  channel: fc.constantFrom("x", "y", "z"),
  day: fc.constantFrom(...DAYS),
});
const query = fc.record(
  {
    banner: fc.constantFrom("Q1", "Q2", "Q18"),
    channels: fc.subarray(["x", "y", "z"], { minLength: 1 }),
    from: fc.constantFrom(...DAYS),
    to: fc.constantFrom(...DAYS),
  },
  { requiredKeys: ["banner"] },
);

describe("property: no published combination recovers a group under k", () => {
  // The attacker knows every shown column, every shown base of a display-logic question, and every
  // shown row of the category question's table (each is a category's respondents in the selection).
  it("holds over random data, random filters and banners, and data arriving between views", async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.array(respondent, { minLength: 6, maxLength: 36 }),
        fc.array(respondent, { maxLength: 8 }),
        fc.array(query, { minLength: 1, maxLength: 6 }),
        fc.array(query, { maxLength: 4 }),
        async (seed, first, later, before, after) => {
          const store = openTabulationStore();
          try {
            const ledger = createPublicationLedger();
            const random = seededRandom(seed);
            const published: Published = new Map();
            const run = async (queries: Query[]) => {
              for (const q of queries) {
                const outcome = await ask(store, ledger, q);
                if (!outcome.ok) continue;
                accepted += 1;
                publishedGroups(store, outcome.tabulation, q, published);
              }
            };
            store.add(first as Spec[], random);
            await run(before);
            if (later.length > 0) store.add(later as Spec[], random);
            await run(after);
            for (const [domain, groups] of published) {
              const found = recoverableSmallSets(groups, store.generated.length, K, true);
              expect(found, `domain ${domain}`).toEqual([]);
            }
          } finally {
            store.close();
          }
        },
      ),
      {
        numRuns: Number(process.env.DISCLOSURE_RUNS ?? 60),
        seed: Number(process.env.DISCLOSURE_SEED ?? 20261125),
      },
    );
    // The property must not pass by refusing everything.
    expect(accepted).toBeGreaterThan(60);
  });
});

describe("crossed banners", () => {
  it("a second banner over the same respondents hides nothing: its cells are not determined", async () => {
    const store = newStore();
    const ledger = createPublicationLedger();
    store.add(
      ["A", "D", "J"].flatMap((category) => times(12, { category, channel: "x", day: DAYS[0]! })),
      seededRandom(11),
    );
    const byCategory = await ask(store, ledger, { banner: "Q1" });
    const byQ2 = await ask(store, ledger, { banner: "Q2" });
    if (!byCategory.ok || !byQ2.ok) throw new Error("refused");
    // Random answers make some category × Q2 cells hold 1–4 people: the margins do not give them.
    const cells = new Map<string, number>();
    for (const g of store.generated) {
      const key = `${g.category}:${String(g.answers.Q2)}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    expect([...cells.values()].some((n) => n > 0 && n < K)).toBe(true);
    expect(byQ2.tabulation.columns.map((c) => c.hidden)).not.toContain("differencing");
    expect(byCategory.tabulation.columns.map((c) => c.hidden)).not.toContain("differencing");
  });
});
