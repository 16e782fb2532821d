// The per-address submission limit for links, in memory only (http/rate-limit.ts): an open link
// cannot tell an attacker from 500 phones behind one NAT, so it slows a stuffer, never refuses one.
import { createRateLimiter, type RateLimiter } from "../http/rate-limit.ts";

const UNLIMITED: RateLimiter = { take: () => 0 };

/**
 * `perMinute` is split into six 10-second windows (floor(perMinute / 6) each), so no minute ever
 * stores more than 7/6 of it from one address: a fixed one-minute window would let a stuffer send
 * twice the limit across a window boundary. Below 6 a minute, one 60-second window.
 * No global limit: one stuffer must not be able to lock every honest phone out.
 */
export function createSubmitLimiter(perMinute: number): RateLimiter {
  if (perMinute <= 0) return UNLIMITED;
  const global = Number.POSITIVE_INFINITY;
  return perMinute >= 6
    ? createRateLimiter({ perAddress: Math.floor(perMinute / 6), global, windowMs: 10_000 })
    : createRateLimiter({ perAddress: perMinute, global, windowMs: 60_000 });
}
