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

export interface DraftStorage {
  createDraft(draft: NewDraft): DraftRecord;
  getDraft(id: string): DraftRecord | undefined;
  /** Newest first. */
  listDrafts(): DraftRecord[];
  /** Saves only if the draft is still at `revision`. */
  saveDraft(
    id: string,
    revision: number,
    definition: string,
    updatedAt: string,
  ): DraftOutcome<DraftRecord>;
  deleteDraft(id: string): boolean;
  /**
   * In one transaction: checks the draft is still at `revision`, runs `publish` (which registers
   * the version and audits), then deletes the draft; if `publish` throws, nothing is kept.
   */
  publishDraft<T>(
    id: string,
    revision: number,
    publish: (draft: DraftRecord) => T,
  ): DraftOutcome<T>;
}
