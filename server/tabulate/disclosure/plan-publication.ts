// Decides what one tabulation may show: columns and display-logic bases under k are hidden with
// their complements, then every group to be shown is checked against what was published before;
// a column that would let a subtraction isolate fewer than k respondents is hidden as well.
import type { Question } from "../../../surveys/format/schema.ts";
import type { HiddenReason } from "../results-schemas.ts";
import type { Tally } from "../tally.ts";
import { suppressColumns } from "./column-suppression.ts";
import type { PublicationLedger } from "./publication-ledger.ts";

type Hidden = (HiddenReason | null)[];

/** The ledger domain of the questions every respondent is shown. */
export const COLUMNS_DOMAIN = "columns";

export interface PublicationPlan {
  columns: Hidden;
  /** Questions shown to only some respondents: hidden per column, 全体 included. */
  questions: Map<string, Hidden>;
  /** Per ledger domain, the respondent groups this tabulation publishes. */
  groups: Map<string, number[][]>;
}

interface Attempt {
  hidden: Hidden;
  /** Groups to publish, each with the column it shows (0 = 全体). */
  groups: { column: number; members: number[] }[];
}

/**
 * Retries `attempt` with more columns hidden until the ledger finds no class under k.
 * Returns null when only 全体 is left to blame (`keepTotal`) or nothing is left to hide.
 */
function settle(
  ledger: PublicationLedger,
  versionId: number,
  domain: string,
  k: number,
  attempt: (dropped: Hidden) => Attempt,
  width: number,
  keepTotal: boolean,
): Attempt | null {
  const dropped: Hidden = new Array(width).fill(null);
  for (;;) {
    const tried = attempt(dropped);
    const check = ledger.check(
      versionId,
      domain,
      tried.groups.map((g) => g.members),
      k,
    );
    if (check.smallClasses === 0) return tried;
    const blamed = [...check.culprits]
      .map((index) => tried.groups[index])
      .filter((g) => g !== undefined && (g.column > 0 || !keepTotal))
      .sort((a, b) => (a?.members.length ?? 0) - (b?.members.length ?? 0));
    const first = blamed[0];
    if (!first) return null;
    dropped[first.column] = "differencing";
  }
}

export function planPublication(
  tally: Tally,
  questions: Question[],
  k: number,
  ledger: PublicationLedger,
  versionId: number,
): PublicationPlan | { refused: true } {
  const width = tally.columns.length;
  const shownGroups = (hidden: Hidden, members: number[][]) =>
    hidden.flatMap((reason, column) =>
      reason ? [] : [{ column, members: members[column] ?? [] }],
    );
  const columns = settle(
    ledger,
    versionId,
    COLUMNS_DOMAIN,
    k,
    (dropped) => {
      const hidden = suppressColumns(tally.n, k, dropped);
      return { hidden, groups: shownGroups(hidden, tally.members) };
    },
    width,
    true,
  );
  if (!columns) return { refused: true };

  const groups = new Map([[COLUMNS_DOMAIN, columns.groups.map((g) => g.members)]]);
  const hiddenInQuestion = new Map<string, Hidden>();
  for (const q of questions) {
    const seenMembers = tally.seenMembers.get(q.code);
    if (!seenMembers) continue;
    const seen = tally.questions.get(q.code)?.seen ?? [];
    const all = seen[0] ?? 0;
    const whole = (reason: HiddenReason): Attempt => ({
      hidden: seen.map(() => reason),
      groups: [],
    });
    const settled =
      all > 0 && all < k
        ? whole("small")
        : (settle(
            ledger,
            versionId,
            q.code,
            k,
            (dropped) => {
              if (dropped[0]) return whole("differencing");
              const given = columns.hidden.map((reason, c) => reason ?? dropped[c] ?? null);
              const hidden = suppressColumns(seen, k, given);
              return { hidden, groups: shownGroups(hidden, seenMembers) };
            },
            width,
            false,
          ) ?? whole("differencing"));
    hiddenInQuestion.set(q.code, settled.hidden);
    groups.set(
      q.code,
      settled.groups.map((g) => g.members),
    );
  }
  return { columns: columns.hidden, questions: hiddenInQuestion, groups };
}
