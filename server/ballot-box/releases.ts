// Which waiting responses are released now. A response waits until its category × channel cell
// holds at least k waiting responses (k = the survey's minimum base); the whole cell is then released
// together as one cohort. Once the survey is closed, whatever waits is released, by category: a
// category whose last few number under k stays held if results were already published.
//
// Why: every count and result reads released responses only, so they move in cohorts of at least k
// per category and channel, never by one submission; and what storage keeps about a response's time
// (its release day, the publication ledger) narrows it to its cohort, never to its moment.
import type { LedgerStore, ResponseStore, SurveyStore, WaitingCell } from "../storage/storage.ts";
import type { SurveyCatalog } from "../surveys/survey-catalog.ts";
import { minBaseOf } from "../tabulate/tabulate.ts";

/** What judging the waiting cells reads: heldFor (the results publisher's) can release nothing. */
type CellReads = Pick<ResponseStore, "waitingCells"> &
  Pick<SurveyStore, "surveyState"> &
  Pick<LedgerStore, "publishedVersions">;
type ReleaseStorage = CellReads & Pick<ResponseStore, "releaseCells">;

/**
 * Releases due cells on `day`, whole cells only, until `limit` responses are out (at least one
 * cell, so it always makes progress); returns how many responses were released.
 */
export async function releaseDue(
  storage: ReleaseStorage,
  catalog: SurveyCatalog,
  day: string,
  limit = Number.POSITIVE_INFINITY,
): Promise<number> {
  // A category's cells go out together: after closing, its last few are due only as a whole (a
  // later pass would count what is left of them alone, and hold it).
  const byCategory = new Map<string, WaitingCell[]>();
  for (const cell of (await sortCells(storage, catalog)).due) {
    const cells = byCategory.get(keyOf(cell));
    if (cells) cells.push(cell);
    else byCategory.set(keyOf(cell), [cell]);
  }
  const chosen: WaitingCell[] = [];
  let total = 0;
  for (const cells of byCategory.values()) {
    if (total >= limit) break;
    chosen.push(...cells);
    total += cells.reduce((sum, cell) => sum + cell.waiting, 0);
  }
  return chosen.length === 0 ? 0 : storage.releaseCells(chosen, day);
}

const keyOf = (cell: WaitingCell) => `${cell.versionId}\u0000${cell.category}`;

/** Responses of a closed version that wait and will never be released (the results say so). */
export async function heldFor(storage: CellReads, catalog: SurveyCatalog, versionId: number) {
  return (await sortCells(storage, catalog)).held
    .filter((cell) => cell.versionId === versionId)
    .reduce((sum, cell) => sum + cell.waiting, 0);
}

async function sortCells(storage: CellReads, catalog: SurveyCatalog) {
  const cells = await storage.waitingCells();
  const published = cells.length === 0 ? new Set<number>() : await storage.publishedVersions();
  // After closing: what waits per version × category, over all channels.
  const leftOver = new Map<string, number>();
  for (const cell of cells)
    leftOver.set(keyOf(cell), (leftOver.get(keyOf(cell)) ?? 0) + cell.waiting);
  const due: WaitingCell[] = [];
  const held: WaitingCell[] = [];
  for (const cell of cells) {
    const version = await catalog.byVersionId(cell.versionId);
    // A version the catalog no longer serves keeps waiting; so does an unknown one.
    if (!version) continue;
    const k = minBaseOf(version.survey);
    if (cell.waiting >= k) due.push(cell);
    else if ((await storage.surveyState(version.surveyId)) !== "closed") continue;
    // Closed: the last few go out too, unless results were published already and this category's
    // stragglers number under k: the final main table less the one before would be their answers.
    // Those few are held for good (README: Closing).
    else if (!published.has(cell.versionId) || (leftOver.get(keyOf(cell)) ?? 0) >= k)
      due.push(cell);
    else held.push(cell);
  }
  return { due, held };
}
