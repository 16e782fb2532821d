// An optional proof-of-work for submissions through links (the ALTCHA scheme, written here so the
// phone needs no library and no third-party request): find n ≤ maxNumber with
// SHA-256(salt + n) = challenge. Stateless challenges (HMAC-signed, expiring, bound to one link);
// only the salts already used are remembered, in memory, until they expire.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

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

export type ProofCheck = { ok: true; consume(): void } | { ok: false; message: string };

export interface ProofOfWork {
  issue(linkId: string, now: number): Challenge;
  check(linkId: string, solution: Solution | undefined, now: number): ProofCheck;
}

/** Long enough to answer the last screen, solve, and wait out a queue of 429s (15 minutes). */
const TTL_MS = 30 * 60_000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function createProofOfWork(maxNumber: number): ProofOfWork {
  // A new key per start: a restart only invalidates puzzles in flight (the page asks again).
  const key = randomBytes(32);
  const sign = (challenge: string) => createHmac("sha256", key).update(challenge).digest("hex");
  /** Salt → expiry (ms): a solution is good for one stored response. */
  const used = new Map<string, number>();
  // Every salt lives TTL_MS, so the Map's insertion order is expiry order: stop at the first live.
  const forgetExpired = (now: number) => {
    for (const [salt, expires] of used) {
      if (expires > now) break;
      used.delete(salt);
    }
  };
  return {
    issue(linkId, now) {
      const salt = `${linkId}.${now + TTL_MS}.${randomBytes(12).toString("base64url")}`;
      const challenge = sha256(`${salt}${randomInt(0, maxNumber + 1)}`);
      return { algorithm: "SHA-256", challenge, salt, maxNumber, signature: sign(challenge) };
    },
    check(linkId, solution, now) {
      if (!solution) return { ok: false, message: "缺少防刷验证，请刷新页面后重新提交" };
      const [forLink, expiresText] = solution.salt.split(".");
      const expires = Number(expiresText);
      const expected = Buffer.from(sign(sha256(`${solution.salt}${solution.number}`)), "hex");
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
      if (used.has(solution.salt)) return { ok: false, message: "防刷验证已使用过，请重新提交" };
      return {
        ok: true,
        consume() {
          forgetExpired(now);
          used.set(solution.salt, expires);
        },
      };
    },
  };
}
