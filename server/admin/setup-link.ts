// The one-time link that creates the first admin: printed at start while no admin exists, valid
// for an hour, and spent by its first use. Its token's sha256 is kept in the storage's GuardStore:
// this process's memory on SQLite; on PostgreSQL a table, so a link one instance printed works on
// every instance, once (and spends the links the others printed with it).
import type { GuardStore } from "../storage/guard-store.ts";
import { createMemoryGuards } from "../storage/memory-guards.ts";
import { hashSecret, newSecret } from "./secret-tokens.ts";

export const SETUP_LINK_TTL_MS = 60 * 60_000;

export interface SetupLink {
  /**
   * A fresh token, replacing the one this instance issued before. Made at once, so it can be
   * printed; stored right after: on another instance it works once `issued()` has resolved.
   */
  issue(now: Date): string;
  /** Resolves once every token issued so far is stored; rejects if the last could not be. */
  issued(): Promise<void>;
  /** True once for a live token, on any instance; the token is gone afterwards whatever the outcome. */
  consume(token: string, now: Date): Promise<boolean>;
}

export function createSetupLink(
  store: Pick<GuardStore, "putSetupLink" | "takeSetupLink"> = createMemoryGuards(),
): SetupLink {
  let previous: string | null = null;
  let storing: Promise<void> = Promise.resolve();
  return {
    issue(now) {
      const token = newSecret();
      const hash = hashSecret(token);
      const replacing = previous;
      previous = hash;
      // In issue order, so a token never outlives the one issued after it; one that could not be
      // stored does not stop the next.
      storing = storing
        .catch(() => undefined)
        .then(() => store.putSetupLink(hash, now.getTime() + SETUP_LINK_TTL_MS, replacing));
      // Reported by issued() to whoever waits for it, never as an unhandled rejection.
      storing.catch(() => undefined);
      return token;
    },
    issued: () => storing,
    async consume(token, now) {
      // A token this instance just issued is stored before it is looked for.
      await storing.catch(() => undefined);
      return store.takeSetupLink(hashSecret(token), now.getTime());
    },
  };
}
