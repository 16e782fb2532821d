// The attacker's notebook: runs a view through the real engine and writes down, per ledger domain,
// every set of respondents whose totals it showed, recomputed from what was submitted.
import { expect } from "vitest";
import type { PublicationLedger } from "../../../server/tabulate/disclosure/publication-ledger.ts";
import type { Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { tabulate } from "../../../server/tabulate/tabulate.ts";
import { listQuestions } from "../../../surveys/format/answers.ts";
import type { openTabulationStore } from "../../support/tabulation-store.ts";
import {
  columnOf,
  type HandFilter,
  isCategoryQuestion,
  matches,
  sawQuestion,
} from "./count-by-hand.ts";

export type Store = ReturnType<typeof openTabulationStore>;

export interface Query extends HandFilter {
  banner: string;
}

/** Tabulates and, when allowed, publishes, as the results route does. */
export async function ask(store: Store, ledger: PublicationLedger, q: Query) {
  const outcome = await tabulate(store.results, ledger, {
    version: store.version,
    state: "open",
    banner: q.banner,
    filter: { channels: q.channels ?? null, from: q.from ?? null, to: q.to ?? null },
    asOf: "2026-11-25",
  });
  if (outcome.ok) outcome.publish();
  return outcome;
}

/** Sets of respondents (indexes into store.generated), per domain. */
export type Published = Map<string, Set<number>[]>;

/**
 * Adds what `t` published: each shown column, each shown base of a display-logic question, and
 * each shown row of the category question's table (its 全体 cell is the category's size in the
 * selection, and its other cells split that category by the banner).
 */
export function publishedGroups(store: Store, t: Tabulation, q: Query, into: Published) {
  const { survey } = store.version;
  const selected = store.generated.map((g, i) => ({ g, i })).filter(({ g }) => matches(g, q));
  expect(t.respondents).toBe(selected.length);
  const inColumn = (key: string) =>
    key === "_total" ? selected : selected.filter(({ g }) => columnOf(g, q.banner, survey) === key);
  const add = (domain: string, members: { i: number }[]) =>
    into.set(domain, [...(into.get(domain) ?? []), new Set(members.map(({ i }) => i))]);
  t.columns.forEach((column) => {
    if (column.n === null) return;
    expect(column.n).toBe(inColumn(column.key).length);
    add("columns", inColumn(column.key));
  });
  for (const question of listQuestions(survey)) {
    const table = t.questions.find((x) => x.code === question.code)!;
    if (isCategoryQuestion(question))
      for (const row of table.rows) {
        if (row.kind !== "option") continue;
        if (row.hidden) {
          expect(row.cells.every((cell) => cell.count === null && cell.percent === null)).toBe(
            true,
          );
          continue;
        }
        const members = selected.filter(({ g }) => g.category === row.key);
        expect(row.cells[0]!.count, `${question.code} ${row.key}`).toBe(members.length);
        add("columns", members);
      }
    if (!question.showIf) continue;
    t.columns.forEach((column, c) => {
      if (table.hidden[c]) return;
      const saw = inColumn(column.key).filter(({ g }) => sawQuestion(g, question));
      expect(table.bases[c]).toBe(saw.length);
      add(question.code, saw);
    });
  }
}
