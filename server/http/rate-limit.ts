// Requests counted per address and in all, per fixed window, where a request answers a question
// about one respondent (is this code still unused?), so nobody can ask it thousands of times a
// second. The counts sit in the storage's GuardStore: this process's memory on SQLite, shared by
// every instance on PostgreSQL (as keyed hashes, never an address); never in the log, and a
// restart or crash only forgives.
import type { Context, MiddlewareHandler } from "hono";
import type { GuardStore } from "../storage/guard-store.ts";
import { createMemoryGuards } from "../storage/memory-guards.ts";
import { clientAddress, NO_PROXIES, type TrustedProxies } from "./client-address.ts";

export interface RateLimits {
  /** Requests per address per window. Generous: a meeting room behind one NAT shares an address. */
  perAddress: number;
  /** Requests from everyone together per window. */
  global: number;
  windowMs: number;
}

/** 200 people scanning their slips in one room within a minute make ~400 lookups. */
export const CODE_LOOKUP_LIMITS: RateLimits = { perAddress: 600, global: 3_000, windowMs: 60_000 };

export interface RateLimiter {
  /** Counts one request; resolves to 0 when it may go on, else the milliseconds until it may. */
  take(address: string, now: number): Promise<number>;
}

/**
 * The end of the fixed window `now` falls in: windows start at multiples of `windowMs` since the
 * epoch, so every instance counts into the same one. A window that divides an hour (these do)
 * never spans two of the hourly keys that hash addresses on PostgreSQL.
 */
export function windowEndOf(now: number, windowMs: number): number {
  return now - (now % windowMs) + windowMs;
}

export interface SharedCounts {
  /** Where the counts are kept; by default a store of this limiter's own, in memory. */
  store?: Pick<GuardStore, "countRequest">;
  /** Names this limiter's windows in a store other limiters count in too. */
  scope?: string;
}

export function createRateLimiter(
  limits: RateLimits,
  { store = createMemoryGuards(), scope = "requests" }: SharedCounts = {},
): RateLimiter {
  return {
    async take(address, now) {
      const windowEnd = windowEndOf(now, limits.windowMs);
      const counted = await store.countRequest({
        scope,
        address,
        perAddress: limits.perAddress,
        global: limits.global,
        windowEnd,
        now,
      });
      return counted ? 0 : windowEnd - now;
    },
  };
}

/**
 * Refuses over-limit requests through `refuse` (HTML or JSON, as the route speaks), with
 * Retry-After. `limiter` is read per request, so tests can swap it. Behind a reverse proxy, pass
 * the TRUST_PROXY list, or every client counts as the proxy's one address. `now` is the server's
 * clock (AppDeps.now), in ms.
 */
export function rateLimit(
  limiter: () => RateLimiter,
  refuse: (c: Context) => Response | Promise<Response>,
  trusted: TrustedProxies = NO_PROXIES,
  now: () => number = Date.now,
): MiddlewareHandler {
  return async function limitRate(c, next) {
    const wait = await limiter().take(addressOf(c, trusted), now());
    if (wait === 0) return next();
    c.header("Retry-After", String(Math.ceil(wait / 1000)));
    return refuse(c);
  };
}

/** The client's address as http/client-address.ts resolves it; "unknown" without a socket. */
function addressOf(c: Context, trusted: TrustedProxies): string {
  return clientAddress(c, trusted);
}
