// An optional proof-of-work for submissions through links (the ALTCHA scheme, written here so the
// phone needs no library and no third-party request): find n ≤ maxNumber with
// SHA-256(salt + n) = challenge. Stateless challenges (HMAC-signed, expiring, bound to one link)
// under an hourly key, and the salts already spent, both kept by the guard store: in memory on
// SQLite, shared by every instance on PostgreSQL, so a puzzle fetched from one instance is good on
// another, and spent once across all of them.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { GuardStore } from "../storage/guard-store.ts";

export interface Challenge {
  algorithm: "SHA-256";
  challenge: string;
  salt: string;
  maxNumber: number;
  signature: string;
}

export interface Solution {
  salt: string;
  number: number;
  signature: string;
}

export type ProofCheck =
  | { ok: true; spend(): Promise<ProofCheck> }
  | { ok: false; message: string };

export interface ProofOfWork {
  issue(linkId: string, now: number): Promise<Challenge>;
  /** Checks the solution; spend() then marks it used, once, just before the response is stored. */
  check(linkId: string, solution: Solution | undefined, now: number): Promise<ProofCheck>;
}

/** Long enough to answer the last screen, solve, and wait out a queue of 429s (15 minutes). */
const TTL_MS = 30 * 60_000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const USED = "防刷验证已使用过，请重新提交";

export function createProofOfWork(
  maxNumber: number,
  store: Pick<GuardStore, "proofKey" | "spendPuzzle">,
): ProofOfWork {
  const sign = (key: Buffer, challenge: string) =>
    createHmac("sha256", key).update(challenge).digest("hex");
  return {
    async issue(linkId, now) {
      const key = await store.proofKey(now, now, true);
      if (!key) throw new Error("the guard store made no proof-of-work key");
      const salt = `${linkId}.${now + TTL_MS}.${randomBytes(12).toString("base64url")}`;
      const challenge = sha256(`${salt}${randomInt(0, maxNumber + 1)}`);
      return { algorithm: "SHA-256", challenge, salt, maxNumber, signature: sign(key, challenge) };
    },
    async check(linkId, solution, now) {
      if (!solution) return { ok: false, message: "缺少防刷验证，请刷新页面后重新提交" };
      const [forLink, expiresText] = solution.salt.split(".");
      const expires = Number(expiresText);
      if (!Number.isSafeInteger(expires)) return { ok: false, message: "防刷验证无效，请重新提交" };
      // Signed under the key of the hour it was issued in; a key already gone means it expired.
      const key = await store.proofKey(expires - TTL_MS, now, false);
      if (!key) return { ok: false, message: "防刷验证已过期，请重新提交" };
      const expected = Buffer.from(sign(key, sha256(`${solution.salt}${solution.number}`)), "hex");
      const given = Buffer.from(solution.signature, "hex");
      const genuine =
        forLink === linkId &&
        Number.isInteger(solution.number) &&
        solution.number >= 0 &&
        solution.number <= maxNumber &&
        given.length === expected.length &&
        timingSafeEqual(given, expected);
      if (!genuine) return { ok: false, message: "防刷验证无效，请重新提交" };
      if (!(expires > now)) return { ok: false, message: "防刷验证已过期，请重新提交" };
      return {
        ok: true,
        // Spent only once the answers passed every check, so a refused submission keeps its proof.
        spend: async () =>
          (await store.spendPuzzle(solution.salt, expires, now))
            ? { ok: true, spend: async () => ({ ok: false, message: USED }) }
            : { ok: false, message: USED },
      };
    },
  };
}
