// Survey drafts: saved as typed, each save checked against the revision it was based on.

import type { NewAuditRecord } from "./admin-records.ts";
import type { DraftOutcome, DraftRecord, NewDraft } from "./draft-records.ts";
import type { NewSurveyVersion, RegisteredVersion } from "./survey-store.ts";

export interface DraftStore {
  createDraft(draft: NewDraft): Promise<DraftRecord>;
  getDraft(id: string): Promise<DraftRecord | undefined>;
  /** Newest first. */
  listDrafts(): Promise<DraftRecord[]>;
  /** Saves only if the draft is still at `revision`. */
  saveDraft(
    id: string,
    revision: number,
    definition: string,
    updatedAt: string,
  ): Promise<DraftOutcome<DraftRecord>>;
  deleteDraft(id: string): Promise<boolean>;
  /**
   * In one transaction: checks the draft is still at `revision`, registers `version` as current,
   * appends the audit entry `audit` makes of what was registered, then deletes the draft.
   */
  publishDraft(
    id: string,
    revision: number,
    version: NewSurveyVersion,
    audit: (registered: RegisteredVersion) => NewAuditRecord,
  ): Promise<DraftOutcome<RegisteredVersion>>;
}
