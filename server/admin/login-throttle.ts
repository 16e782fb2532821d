// Password checks admitted per account name and per address: each attempt is counted before its
// slow hash starts, few hashes run at once, and failures earn growing waits (never a hard lock).
// Kept in memory: it holds addresses, which the database never should, and a restart only forgives.

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

/** Refused: wait this long. Admitted: check the password, then say how it went (exactly once). */
export type Admission =
  | { ok: false; waitMs: number }
  | { ok: true; done(succeeded: boolean): void };

export interface LoginThrottle {
  /** Counts one attempt now, whether or not it is admitted. */
  admit(account: string, address: string, now: number): Admission;
}

interface Counter {
  /** Attempts counted since the key was last forgiven, refused ones included. */
  attempts: number;
  /** When the last admitted check started: the waits run from here, so refusals cannot extend them. */
  checkedAt: number;
  seenAt: number;
  inFlight: number;
}

/** Beyond this many tracked keys the oldest are forgotten, so a flood cannot exhaust memory. */
const MAX_KEYS = 50_000;
/** Retry-After for a refusal because a check is already running: about one hash's time. */
const BUSY_MS = 1000;

export function createLoginThrottle(rules: ThrottleRules = DEFAULT_THROTTLE): LoginThrottle {
  const counters = new Map<string, Counter>();

  const counterOf = (key: string, now: number): Counter => {
    const known = counters.get(key);
    if (known && now - known.seenAt <= rules.forgetMs) return known;
    // A check still running on a forgotten counter releases that one: this starts at 0, never stuck.
    const fresh = { attempts: 0, checkedAt: 0, seenAt: now, inFlight: 0 };
    counters.delete(key);
    counters.set(key, fresh);
    if (counters.size > MAX_KEYS) counters.delete(counters.keys().next().value ?? "");
    return fresh;
  };

  return {
    admit(account, address, now) {
      const keys: [Counter, Limits][] = [
        [counterOf(`ip:${address}`, now), rules.address],
        [counterOf(`a:${account}`, now), rules.account],
      ];
      for (const [i, [counter, limits]] of keys.entries()) {
        if (waitOf(counter, limits, now) === 0) continue;
        // Counted on the address, and on the account once the address let it through; the wait
        // told is the one after counting, so a client that keeps to Retry-After gets its check.
        for (const [passed] of keys.slice(0, i + 1)) note(passed, now);
        return { ok: false, waitMs: waitOf(counter, limits, now) || BUSY_MS };
      }
      for (const [counter] of keys) {
        note(counter, now);
        counter.checkedAt = now;
        counter.inFlight += 1;
      }
      let finished = false;
      return {
        ok: true,
        done(succeeded) {
          if (finished) return;
          finished = true;
          for (const [counter] of keys) counter.inFlight -= 1;
          if (!succeeded) return;
          // The right password: the account starts afresh; the address only takes this one back.
          counters.delete(`a:${account}`);
          const [addressCounter] = keys[0] ?? [];
          if (addressCounter) addressCounter.attempts = Math.max(0, addressCounter.attempts - 1);
        },
      };
    },
  };
}

function note(counter: Counter, now: number): void {
  counter.attempts += 1;
  counter.seenAt = now;
}

/** 0 when a check may start now, else how long until one may. */
function waitOf(counter: Counter, limits: Limits, now: number): number {
  if (counter.inFlight >= limits.inFlight) return BUSY_MS;
  if (counter.attempts < limits.free) return 0;
  const delay = Math.min(limits.baseMs * 2 ** (counter.attempts - limits.free), limits.maxMs);
  return Math.max(0, counter.checkedAt + delay - now);
}
