// Password checks admitted per account name and per address: each attempt is counted before its
// slow hash starts, few hashes run at once, and failures earn growing waits (never a hard lock).
// The rules are here; the counters sit in the storage's GuardStore: this process's memory on
// SQLite, and on PostgreSQL a table every instance decides on under a row lock (as keyed hashes,
// never a name or an address), so a round-robin of instances adds no guesses. A restart or a
// crash only forgives.
import type { GuardStore, SignInCounter, SignInDecision } from "../storage/guard-store.ts";
import { createMemoryGuards } from "../storage/memory-guards.ts";

export interface Limits {
  /** Attempts without any wait (typos happen). */
  free: number;
  /** The first wait; each attempt after it doubles the wait, up to `maxMs`. */
  baseMs: number;
  maxMs: number;
  /** Password checks running at once; more are refused at once rather than queued. */
  inFlight: number;
}

export interface ThrottleRules {
  account: Limits;
  /** Looser: an office shares one address, and TRUST_PROXY names the client behind a proxy. */
  address: Limits;
  /** A key quiet this long (no attempt at all) is forgotten. */
  forgetMs: number;
}

/**
 * Account: 5 free, then 1 s, 2 s, 4 s … after the previous checked attempt, at most 5 minutes.
 * Address: 20 free, then 1 s doubling, at most 15 minutes. README "Signing in" has the table.
 */
export const DEFAULT_THROTTLE: ThrottleRules = {
  account: { free: 5, baseMs: 1000, maxMs: 5 * 60_000, inFlight: 1 },
  address: { free: 20, baseMs: 1000, maxMs: 15 * 60_000, inFlight: 4 },
  forgetMs: 60 * 60_000,
};

/**
 * The longest a started check counts as running if it is never ended (its instance crashed): an
 * account is never held busy longer. A check takes well under a second (one scrypt, two reads).
 */
export const CHECK_LEASE_MS = 30_000;

/** Refused: wait this long. Admitted: check the password, then say how it went (exactly once). */
export type Admission =
  | { ok: false; waitMs: number }
  | { ok: true; done(succeeded: boolean): Promise<void> };

export interface LoginThrottle {
  /** Counts one attempt now, whether or not it is admitted. */
  admit(account: string, address: string, now: number): Promise<Admission>;
}

/** Retry-After for a refusal because a check is already running: about one hash's time. */
const BUSY_MS = 1000;

export function createLoginThrottle(
  rules: ThrottleRules = DEFAULT_THROTTLE,
  counters: Pick<GuardStore, "decideSignIn" | "endSignInCheck"> = createMemoryGuards(),
): LoginThrottle {
  return {
    async admit(account, address, now) {
      // The address first: its counter is consulted (and counted) before the account's.
      const keys = {
        keys: [`ip:${address}`, `a:${account}`],
        now,
        forgetMs: rules.forgetMs,
        leaseMs: CHECK_LEASE_MS,
      };
      const { result: waitMs, lease } = await counters.decideSignIn(keys, (pair) =>
        decideAttempt(rules, now, pair),
      );
      if (lease === null) return { ok: false, waitMs };
      let finished = false;
      return {
        ok: true,
        async done(succeeded) {
          if (finished) return;
          finished = true;
          await counters.endSignInCheck(lease);
          if (succeeded) await counters.decideSignIn(keys, forgive);
        },
      };
    },
  };
}

/**
 * One attempt on the address's and the account's counters (changed in place): refused with the
 * wait to tell, or admitted (0), when a check starts on both.
 */
export function decideAttempt(
  rules: ThrottleRules,
  now: number,
  [address, account]: SignInCounter[],
): SignInDecision<number> {
  if (!address || !account) throw new Error("a sign-in needs an address and an account counter");
  const keys: [SignInCounter, Limits][] = [
    [address, rules.address],
    [account, rules.account],
  ];
  for (const [i, [counter, limits]] of keys.entries()) {
    if (waitOf(counter, limits, now) === 0) continue;
    // Counted on the address, and on the account once the address let it through; the wait
    // told is the one after counting, so a client that keeps to Retry-After gets its check.
    for (const [passed] of keys.slice(0, i + 1)) note(passed, now);
    return { result: waitOf(counter, limits, now) || BUSY_MS, startsCheck: false };
  }
  for (const [counter] of keys) {
    note(counter, now);
    counter.checkedAt = now;
  }
  return { result: 0, startsCheck: true };
}

/** The right password: the account starts afresh; the address only takes this one back. */
function forgive([address, account]: SignInCounter[]): SignInDecision<void> {
  if (account) {
    account.attempts = 0;
    account.checkedAt = 0;
  }
  if (address) address.attempts = Math.max(0, address.attempts - 1);
  return { result: undefined, startsCheck: false };
}

function note(counter: SignInCounter, now: number): void {
  counter.attempts += 1;
  counter.seenAt = now;
}

/** 0 when a check may start now, else how long until one may. */
export function waitOf(counter: SignInCounter, limits: Limits, now: number): number {
  if (counter.inFlight >= limits.inFlight) return BUSY_MS;
  if (counter.attempts < limits.free) return 0;
  const delay = Math.min(limits.baseMs * 2 ** (counter.attempts - limits.free), limits.maxMs);
  return Math.max(0, counter.checkedAt + delay - now);
}
