// The differencing loop: plan a table, ask the ledger whether its groups (with everything published
// before) isolate fewer than k respondents, and if so hide the smallest blamed group and plan again.
import type { HiddenReason } from "../results-schemas.ts";
import type { PublicationLedger } from "./publication-ledger.ts";

export type Hidden = (HiddenReason | null)[];

/** Where a group shows: a banner column, or a row of the category question's table. */
export type Axis = "columns" | "rows";

/** A group a table would publish, and what to hide should the ledger blame it (index 0 = 全体). */
export interface Candidate {
  axis: Axis;
  index: number;
  members: number[];
}

export interface Attempt {
  hidden: Record<Axis, Hidden>;
  groups: Candidate[];
}

export interface Settling {
  ledger: PublicationLedger;
  versionId: number;
  domain: string;
  k: number;
  /** 全体 is the selection itself: when only it is left to blame, give up instead of hiding it. */
  keepTotal: boolean;
  /** The selection and its data state (banner, filters, respondents): what a repeat shares. */
  selection: string;
}

/** Why a table could not be settled: a subtraction found, or the ledger's search gave up. */
export type Unsettled = { unsettled: "differencing" | "budget" };

/**
 * Retries `attempt` with more columns or rows hidden ("differencing") until the ledger finds no
 * set under k. Unsettled when only 全体 is left to blame (`keepTotal`) or nothing is left to hide.
 */
export function settle(
  s: Settling,
  attempt: (dropped: Record<Axis, Hidden>) => Attempt,
): Attempt | Unsettled {
  const key = `${s.versionId}|${s.domain}|${s.selection}`;
  const before = s.ledger.remembered.get(key);
  // A repeat starts from what it hid last time: the ledger finds nothing new and it shows the same.
  const dropped: Record<Axis, Hidden> = {
    columns: [...(before?.columns ?? [])],
    rows: [...(before?.rows ?? [])],
  };
  for (;;) {
    const tried = attempt(dropped);
    const groups = tried.groups.map((g) => g.members);
    const check = s.ledger.check(s.versionId, s.domain, groups, s.k);
    if (check.smallClasses === 0) {
      s.ledger.remembered.set(key, dropped);
      return tried;
    }
    const blamed = [...check.culprits]
      .map((index) => tried.groups[index])
      .filter((g) => g !== undefined && (g.index > 0 || !s.keepTotal))
      .sort((a, b) => (a?.members.length ?? 0) - (b?.members.length ?? 0));
    const first = blamed[0];
    // A blamed group that is already dropped cannot be hidden further: stop rather than spin.
    if (!first || dropped[first.axis][first.index])
      return { unsettled: check.gaveUp ? "budget" : "differencing" };
    dropped[first.axis][first.index] = "differencing";
  }
}
