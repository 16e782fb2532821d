// Which waiting responses are released now. A response waits until its category × channel cell
// holds at least k waiting responses (k = the survey's minimum base); the whole cell is then released
// together as one cohort. Once the survey is closed, whatever waits is released.
//
// Why: every count and result reads released responses only, so they move in cohorts of at least k
// per category and channel, never by one submission; and what storage keeps about a response's time
// (its release day, the publication ledger) narrows it to its cohort, never to its moment.
import type { Storage } from "../storage/storage.ts";
import type { SurveyCatalog } from "../surveys/survey-catalog.ts";
import { minBaseOf } from "../tabulate/tabulate.ts";

type ReleaseStorage = Pick<Storage, "waitingCells" | "releaseCells" | "surveyState">;

/** Releases every due cell on `day`; returns how many responses were released. */
export function releaseDue(storage: ReleaseStorage, catalog: SurveyCatalog, day: string): number {
  const due = storage.waitingCells().filter((cell) => {
    const version = catalog.byVersionId(cell.versionId);
    // A version the catalog no longer serves keeps waiting; so does an unknown one.
    if (!version) return false;
    if (storage.surveyState(version.surveyId) === "closed") return true;
    return cell.waiting >= minBaseOf(version.survey);
  });
  return due.length === 0 ? 0 : storage.releaseCells(due, day);
}
