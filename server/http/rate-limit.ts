// Requests counted per address and in all, per fixed window, in memory only: an address is never
// written to the database or the log, and a restart only forgives. Used where a request answers a
// question about one respondent (is this code still unused?), so nobody can ask it thousands of
// times a second.
import type { Context, MiddlewareHandler } from "hono";
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
  /** Counts one request; returns 0 when it may go on, else the milliseconds until it may. */
  take(address: string, now: number): number;
}

/** Beyond this many tracked addresses the oldest are forgotten, so a flood cannot exhaust memory. */
const MAX_ADDRESSES = 50_000;

export function createRateLimiter(limits: RateLimits): RateLimiter {
  let windowStart = 0;
  let total = 0;
  let perAddress = new Map<string, number>();
  return {
    take(address, now) {
      if (now - windowStart >= limits.windowMs) {
        windowStart = now - ((now - windowStart) % limits.windowMs);
        total = 0;
        perAddress = new Map();
      }
      const wait = windowStart + limits.windowMs - now;
      const mine = perAddress.get(address) ?? 0;
      if (total >= limits.global || mine >= limits.perAddress) return wait;
      total += 1;
      perAddress.set(address, mine + 1);
      if (perAddress.size > MAX_ADDRESSES) perAddress.delete(perAddress.keys().next().value ?? "");
      return 0;
    },
  };
}

/**
 * Refuses over-limit requests through `refuse` (HTML or JSON, as the route speaks), with
 * Retry-After. `limiter` is read per request, so tests can swap it. Behind a reverse proxy, pass
 * the TRUST_PROXY list, or every client counts as the proxy's one address.
 */
export function rateLimit(
  limiter: () => RateLimiter,
  refuse: (c: Context) => Response | Promise<Response>,
  trusted: TrustedProxies = NO_PROXIES,
): MiddlewareHandler {
  return async function limitRate(c, next) {
    const wait = limiter().take(addressOf(c, trusted), Date.now());
    if (wait === 0) return next();
    c.header("Retry-After", String(Math.ceil(wait / 1000)));
    return refuse(c);
  };
}

/** The client's address as http/client-address.ts resolves it; "unknown" without a socket. */
function addressOf(c: Context, trusted: TrustedProxies): string {
  return clientAddress(c, trusted);
}
