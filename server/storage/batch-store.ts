// Batches of single-use codes: created with their codes, revoked whole or code by code.
import type { BatchRecord, CodeUnavailable, NewBatch } from "./admin-records.ts";

/** The batch a code belongs to, or why it cannot be used now. */
export interface FoundCode {
  batch: Pick<BatchRecord, "id" | "surveyId" | "channelId" | "label" | "lockedCategory">;
  unavailable: CodeUnavailable | null;
}

export interface BatchStore {
  /** Creates the batch and its codes in one transaction. */
  createBatch(batch: NewBatch, codes: string[]): Promise<BatchRecord>;
  getBatch(id: string): Promise<BatchRecord | undefined>;
  listBatches(): Promise<BatchRecord[]>;
  /** Every code of the batch, sorted, so a reprinted sheet numbers its slips the same way. */
  batchCodes(id: string): Promise<string[]>;
  revokeBatch(id: string): Promise<void>;
  /** Revokes the unused ones among `codes`; returns how many of them belong to the batch. */
  revokeCodes(id: string, codes: string[]): Promise<number>;
  /** Undefined when the code is unknown. */
  findCode(code: string): Promise<FoundCode | undefined>;
}
