// The code batch bodies the console reads and sends: plain types, equal to what the zod schemas of
// server/batches/batch-schemas.ts infer (tests/client/admin/shared-types.test.ts).
import type { BatchState } from "./batch-states.ts";

export interface BatchView {
  id: string;
  surveyId: string;
  label: string;
  category: string | null;
  categoryLabel: string | null;
  issued: number;
  /** Released responses of this batch: moves in cohorts, never by one. */
  used: number;
  /** Unused codes that were revoked. */
  revoked: number;
  state: BatchState;
  createdAt: string;
}

export interface NewBatchBody {
  surveyId: string;
  label: string;
  category?: string | null;
  count: number;
}

export interface RevokeResult {
  batch: BatchView;
  /** How many of the given codes belong to this batch (used or not). */
  matched: number;
}
