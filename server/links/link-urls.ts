// Where respondents reach this server: the configured public URL, else the address listened on.
import { isIPv6 } from "node:net";
import { networkInterfaces } from "node:os";

export function lanAddress(): string | null {
  let interfaces: ReturnType<typeof networkInterfaces>;
  try {
    interfaces = networkInterfaces();
  } catch {
    // A sandbox without netlink (systemd's RestrictAddressFamilies) cannot list them: no address
    // to print is no reason to refuse the start.
    return null;
  }
  for (const list of Object.values(interfaces)) {
    for (const net of list ?? []) {
      if (net.family === "IPv4" && !net.internal) return net.address;
    }
  }
  return null;
}

/** 0.0.0.0 and :: listen everywhere, so they name no one address a phone could open. */
const listensEverywhere = (host: string) =>
  host === "" || host === "0.0.0.0" || (isIPv6(host) && /^[0:]+$/.test(host));

/**
 * The base of every printed link, the same for the server and the CLI: PUBLIC_URL; else HOST when
 * it is one address (127.0.0.1 serves no one else, so a LAN address would be refused); else this
 * machine's LAN address. `port` is the one actually bound (PORT=0 lets the system pick).
 */
export function baseUrl(
  settings: { publicUrl: string | null; host: string },
  port: number,
  lan: () => string | null = lanAddress,
): string {
  if (settings.publicUrl !== null) return settings.publicUrl;
  const { host } = settings;
  const address = listensEverywhere(host) ? (lan() ?? "127.0.0.1") : host;
  // A zone id (fe80::1%eth0) is written %25 inside a URL's brackets (RFC 6874).
  const named = isIPv6(address) ? `[${address.replace("%", "%25")}]` : address;
  return `http://${named}:${port}`;
}

export function respondentUrl(base: string, linkId: string): string {
  return `${base}/s/${linkId}`;
}
