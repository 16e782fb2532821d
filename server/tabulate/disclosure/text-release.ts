// Free texts name their writers more easily than counts (a turn of phrase, a place, an incident), so
// a text list is published only for a group of at least `textMinGroup` (10) respondents, and that
// holds across outputs too. Texts are listed in one selection only, the unfiltered category banner
// (like the raw sheet): lists of other banners or filters would differ from these by small sets
// (channel B with 10 and channels B + L with 15: the difference is channel L's 5 texts). And the
// lists go through the ledger at that size, per question, so that as cohorts arrive, a list is not
// published again until its group has grown by at least 10.
import { isChoice, isText } from "../../../surveys/format/answers.ts";
import type { Question } from "../../../surveys/format/schema.ts";
import type { Tally } from "../tally.ts";
import type { PublicationLedger } from "./publication-ledger.ts";
import { type Candidate, type Hidden, settle } from "./settle.ts";

export const textsDomain = (question: string) => `texts:${question}`;

export interface TextRelease {
  /** Per question with texts, per column: may its texts be listed? */
  listed: Map<string, boolean[]>;
  /** Per ledger domain (texts:Q…), the groups whose texts this tabulation lists. */
  groups: Map<string, number[][]>;
  /** Some list big enough was still withheld, because of what was published before. */
  withheld: boolean;
}

const hasTexts = (q: Question) => isText(q) || (isChoice(q) && q.options.some((o) => o.other));

export function planTexts(
  tally: Tally,
  /** Only the unfiltered category banner lists texts. */
  canonical: boolean,
  questions: Question[],
  /** Per question, the columns its table hides: hidden columns list nothing. */
  hiddenOf: (question: Question) => Hidden,
  textMinGroup: number,
  ledger: PublicationLedger,
  versionId: number,
  /** The selection and its data state, as settle.ts keys a repeat. */
  selection: string,
): TextRelease {
  const listed = new Map<string, boolean[]>();
  const groups = new Map<string, number[][]>();
  let withheld = false;
  for (const q of questions.filter(hasTexts)) {
    const hidden = hiddenOf(q);
    // Those shown the question: a display-logic question's group is smaller than its column.
    const members = tally.seenMembers.get(q.code) ?? tally.members;
    const big = tally.columns.map(
      (_, c) => canonical && !hidden[c] && (members[c]?.length ?? 0) >= textMinGroup,
    );
    const candidates = (dropped: Hidden): Candidate[] =>
      big.flatMap((ok, index) =>
        ok && !dropped[index]
          ? [{ axis: "columns" as const, index, members: members[index] ?? [] }]
          : [],
      );
    const outcome = settle(
      {
        ledger,
        versionId,
        domain: textsDomain(q.code),
        k: textMinGroup,
        keepTotal: false,
        selection,
      },
      (dropped) => ({
        hidden: { columns: dropped.columns, rows: [] },
        groups: candidates(dropped.columns),
      }),
    );
    const settled = "unsettled" in outcome ? null : outcome;
    const shown = new Set(settled?.groups.map((g) => g.index) ?? []);
    if (big.some((ok, c) => ok && !shown.has(c))) withheld = true;
    listed.set(
      q.code,
      tally.columns.map((_, c) => shown.has(c)),
    );
    if (settled)
      groups.set(
        textsDomain(q.code),
        settled.groups.map((g) => g.members),
      );
  }
  return { listed, groups, withheld };
}
