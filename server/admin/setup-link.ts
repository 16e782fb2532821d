// The one-time link that creates the first admin: printed at start while no admin exists,
// valid for an hour, held only in this process's memory, and spent by its first use.
import { timingSafeEqual } from "node:crypto";
import { hashSecret, newSecret } from "./secret-tokens.ts";

export const SETUP_LINK_TTL_MS = 60 * 60_000;

export interface SetupLink {
  /** A fresh token, replacing any earlier one. */
  issue(now: Date): string;
  /** True once for a live token; the token is gone afterwards whatever the outcome. */
  consume(token: string, now: Date): boolean;
}

export function createSetupLink(): SetupLink {
  let pending: { hash: Buffer; expiresAt: number } | null = null;
  return {
    issue(now) {
      const token = newSecret();
      pending = {
        hash: Buffer.from(hashSecret(token)),
        expiresAt: now.getTime() + SETUP_LINK_TTL_MS,
      };
      return token;
    },
    consume(token, now) {
      const live = pending;
      if (!live) return false;
      const given = Buffer.from(hashSecret(token));
      const matches = given.length === live.hash.length && timingSafeEqual(given, live.hash);
      if (!matches) return false;
      pending = null;
      return now.getTime() <= live.expiresAt;
    },
  };
}
