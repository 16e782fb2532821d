// Which address a request came from, for in-memory limits only (never stored or logged): the socket
// peer, or, when that peer is a proxy named in TRUST_PROXY, the address the proxies vouch for.

import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** The proxies whose X-Forwarded-For is believed. */
export interface TrustedProxies {
  trusts(address: string): boolean;
}

/** Believes nobody: each request is its socket peer. */
export const NO_PROXIES: TrustedProxies = { trusts: () => false };

export type ProxiesResult = { ok: true; proxies: TrustedProxies } | { ok: false; entry: string };

/** `["10.0.0.2", "10.1.0.0/16", "::1"]`; the first entry that is no address or CIDR is refused. */
export function parseTrustedProxies(entries: readonly string[]): ProxiesResult {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = "", bits, ...rest] = entry.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    const max = family === 6 ? 128 : 32;
    const wellFormed = /^\d{1,3}$/.test(bits ?? "0") && prefix >= 0 && prefix <= max;
    if (family === 0 || rest.length > 0 || !wellFormed) return { ok: false, entry };
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  if (entries.length === 0) return { ok: true, proxies: NO_PROXIES };
  return {
    ok: true,
    proxies: {
      trusts(address) {
        const plain = unmapped(address);
        const family = isIP(plain);
        return family !== 0 && list.check(plain, family === 6 ? "ipv6" : "ipv4");
      },
    },
  };
}

/**
 * The socket peer; when it is a trusted proxy, walks X-Forwarded-For from the right past every
 * trusted hop and returns the first address no trusted proxy is (the rightmost untrusted one):
 * entries to its left were written by the client and prove nothing. "unknown" without a socket.
 */
export function clientAddress(c: Context, trusted: TrustedProxies): string {
  let address = peerAddress(c);
  if (!trusted.trusts(address)) return address;
  const hops = (c.req.header("X-Forwarded-For") ?? "").split(",").map((h) => h.trim());
  for (const hop of hops.reverse()) {
    // A malformed hop ends the chain: the last address a trusted proxy vouched for stands.
    if (isIP(unmapped(hop)) === 0) return address;
    address = unmapped(hop);
    if (!trusted.trusts(address)) return address;
  }
  return address;
}

function peerAddress(c: Context): string {
  try {
    return unmapped(getConnInfo(c).remote.address ?? "unknown");
  } catch {
    // app.request() in tests has no socket.
    return "unknown";
  }
}

/** `::ffff:10.0.0.2` (an IPv4 client on a dual-stack socket) is 10.0.0.2. */
function unmapped(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return v4?.[1] ?? address;
}
