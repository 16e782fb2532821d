// The per-address submission limit for links (http/rate-limit.ts): an open link cannot tell an
// attacker from 500 phones behind one NAT, so it slows a stuffer, never refuses one. Counted in
// the GuardStore, so two instances behind a round-robin give an address one allowance, not two.
import { createRateLimiter, type RateLimiter } from "../http/rate-limit.ts";
import type { GuardStore } from "../storage/guard-store.ts";

const UNLIMITED: RateLimiter = { take: async () => 0 };

/**
 * `perMinute` is split into six 10-second windows (floor(perMinute / 6) each), so no minute ever
 * stores more than 7/6 of it from one address: a fixed one-minute window would let a stuffer send
 * twice the limit across a window boundary. Below 6 a minute, one 60-second window.
 * No global limit: one stuffer must not be able to lock every honest phone out.
 */
export function createSubmitLimiter(
  perMinute: number,
  store?: Pick<GuardStore, "countRequest">,
): RateLimiter {
  if (perMinute <= 0) return UNLIMITED;
  const global = Number.POSITIVE_INFINITY;
  const shared = { store, scope: "link-submission" };
  return perMinute >= 6
    ? createRateLimiter({ perAddress: Math.floor(perMinute / 6), global, windowMs: 10_000 }, shared)
    : createRateLimiter({ perAddress: perMinute, global, windowMs: 60_000 }, shared);
}
