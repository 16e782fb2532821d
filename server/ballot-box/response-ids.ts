// Derives the stored id and the receipt from the page's submission id, so retries are idempotent
// without keeping any table that maps one to the other.
import { createHash } from "node:crypto";

const digest = (purpose: string, submissionId: string) =>
  createHash("sha256").update(`${purpose}:${submissionId}`).digest();

/**
 * Hashing makes the id uniformly random even if a client picks ordered submission ids,
 * so the primary-key order of responses never reflects submission order.
 */
export function responseIdFor(submissionId: string): string {
  return digest("response", submissionId).toString("base64url").slice(0, 22);
}

const RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * A different hash: holding a receipt (say, a coerced screenshot) does not find the response,
 * because the receipt and the stored id only meet through the submission id, which the page forgets.
 */
export function receiptFor(submissionId: string): string {
  const bytes = digest("receipt", submissionId);
  let code = "";
  for (let i = 0; i < 10; i++) code += RECEIPT_ALPHABET[(bytes[i] ?? 0) % 32];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
