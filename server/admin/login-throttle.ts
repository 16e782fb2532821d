// Failed sign-ins counted per account name and per address, with a lockout. Kept in memory:
// it holds addresses, which the database never should, and a restart only forgives, never exposes.

export interface ThrottleRules {
  /** Failures allowed per account name inside the window before it locks. */
  perAccount: number;
  /** Failures allowed per address inside the window (several people may share an office NAT). */
  perAddress: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottleRules = {
  perAccount: 10,
  perAddress: 50,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

interface Counter {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}

export interface LoginThrottle {
  /** Milliseconds until the account name or the address may try again; 0 when free. */
  lockedFor(account: string, address: string, now: number): number;
  noteFailure(account: string, address: string, now: number): void;
  noteSuccess(account: string): void;
}

/** Beyond this many tracked keys the oldest are forgotten, so a flood cannot exhaust memory. */
const MAX_KEYS = 50_000;

export function createLoginThrottle(rules: ThrottleRules = DEFAULT_THROTTLE): LoginThrottle {
  const counters = new Map<string, Counter>();
  const limitOf = (key: string) => (key.startsWith("a:") ? rules.perAccount : rules.perAddress);

  const lockOf = (key: string, now: number) => {
    const counter = counters.get(key);
    return counter && counter.lockedUntil > now ? counter.lockedUntil - now : 0;
  };
  const fail = (key: string, now: number) => {
    let counter = counters.get(key);
    if (!counter || now - counter.windowStart > rules.windowMs) {
      counter = { failures: 0, windowStart: now, lockedUntil: 0 };
      counters.delete(key);
      counters.set(key, counter);
      if (counters.size > MAX_KEYS) counters.delete(counters.keys().next().value ?? "");
    }
    counter.failures += 1;
    if (counter.failures >= limitOf(key)) {
      counter.lockedUntil = now + rules.lockMs;
      counter.failures = 0;
      counter.windowStart = now;
    }
  };

  return {
    lockedFor: (account, address, now) =>
      Math.max(lockOf(`a:${account}`, now), lockOf(`ip:${address}`, now)),
    noteFailure(account, address, now) {
      fail(`a:${account}`, now);
      fail(`ip:${address}`, now);
    },
    noteSuccess: (account) => void counters.delete(`a:${account}`),
  };
}
