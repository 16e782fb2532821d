// Survey drafts as storage keeps them: the JSON as last saved, a revision, and what it came from.

export interface DraftRecord {
  id: string;
  /** The survey JSON exactly as saved (it may not be a valid survey yet). */
  definition: string;
  /** The survey version it was opened from, or null. */
  basedOnVersionId: number | null;
  /** 1 when created, raised by one on every save. */
  revision: number;
  /** ISO time to the minute, e.g. 2026-11-25T09:30Z. */
  updatedAt: string;
}

export type NewDraft = Omit<DraftRecord, "revision">;

/** What a save or publish naming `revision` met: the draft, gone, or saved by someone else since. */
export type DraftOutcome<T> = { kind: "done"; value: T } | { kind: "missing" } | { kind: "stale" };
