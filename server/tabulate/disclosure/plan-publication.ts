// Decides what one tabulation may show: columns, category rows and display-logic bases under k are
// hidden with their complements, then every group to be shown is checked against what was
// published before; a column or row that would let a subtraction isolate fewer than k respondents
// is hidden as well.
import type { Question } from "../../../surveys/format/schema.ts";
import type { HiddenReason } from "../results-schemas.ts";
import type { Banner, Tally } from "../tally.ts";
import { categoryRowsOf, hideCategoryRows } from "./category-rows.ts";
import { suppressColumns } from "./column-suppression.ts";
import type { PublicationLedger } from "./publication-ledger.ts";
import { type Attempt, type Candidate, type Hidden, settle, type Unsettled } from "./settle.ts";

/** The ledger domain of the questions every respondent is shown (and of the category rows). */
export const COLUMNS_DOMAIN = "columns";

export interface PublicationPlan {
  columns: Hidden;
  /** The category question's hidden rows, by category code. */
  rows: Map<string, HiddenReason>;
  /** Questions shown to only some respondents: hidden per column, 全体 included. */
  questions: Map<string, Hidden>;
  /** Per ledger domain, the respondent groups this tabulation publishes. */
  groups: Map<string, number[][]>;
}

export interface PlanInput {
  tally: Tally;
  banner: Banner;
  questions: Question[];
  k: number;
  ledger: PublicationLedger;
  versionId: number;
  /** The selection (banner and filters) and its data state: a repeat shows what it showed. */
  selection: string;
}

const shownColumns = (hidden: Hidden, members: number[][]): Candidate[] =>
  hidden.flatMap((reason, index) =>
    reason ? [] : [{ axis: "columns" as const, index, members: members[index] ?? [] }],
  );

const membersOf = (attempt: Attempt) => attempt.groups.map((g) => g.members);

export function planPublication(input: PlanInput): PublicationPlan | Unsettled {
  const { tally, k } = input;
  const rows = categoryRowsOf(input.questions, input.banner);
  const shown = settle({ ...input, domain: COLUMNS_DOMAIN, keepTotal: true }, (dropped) => {
    const columns = suppressColumns(tally.n, k, dropped.columns);
    const categories = hideCategoryRows(rows, tally, k, columns, dropped.rows);
    return {
      hidden: { columns, rows: categories.hidden },
      groups: [...shownColumns(columns, tally.members), ...categories.groups],
    };
  });
  if ("unsettled" in shown) return shown;

  const hiddenRows = new Map<string, HiddenReason>();
  rows?.codes.forEach((code, r) => {
    const reason = shown.hidden.rows[r + 1];
    if (reason) hiddenRows.set(code, reason);
  });
  const groups = new Map([[COLUMNS_DOMAIN, membersOf(shown)]]);
  const hiddenInQuestion = new Map<string, Hidden>();
  for (const q of input.questions) {
    const seenMembers = tally.seenMembers.get(q.code);
    if (!seenMembers) continue;
    const settled = planShownTo(input, q.code, seenMembers, shown.hidden.columns);
    hiddenInQuestion.set(q.code, settled.hidden.columns);
    groups.set(q.code, membersOf(settled));
  }
  return { columns: shown.hidden.columns, rows: hiddenRows, questions: hiddenInQuestion, groups };
}

/**
 * A display-logic question, in its own ledger domain: its bases are those shown it, so a column
 * may be small here though not in the banner; and its 全体 may be hidden too.
 */
function planShownTo(
  input: PlanInput,
  code: string,
  seenMembers: number[][],
  columns: Hidden,
): Attempt {
  const seen = input.tally.questions.get(code)?.seen ?? [];
  const all = seen[0] ?? 0;
  const whole = (reason: HiddenReason): Attempt => ({
    hidden: { columns: seen.map(() => reason), rows: [] },
    groups: [],
  });
  if (all > 0 && all < input.k) return whole("small");
  const settled = settle({ ...input, domain: code, keepTotal: false }, (dropped) => {
    if (dropped.columns[0]) return whole("differencing");
    const given = columns.map((reason, c) => reason ?? dropped.columns[c] ?? null);
    const hidden = suppressColumns(seen, input.k, given);
    return { hidden: { columns: hidden, rows: [] }, groups: shownColumns(hidden, seenMembers) };
  });
  return "unsettled" in settled ? whole("differencing") : settled;
}
