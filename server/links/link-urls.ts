// Where respondents reach this server: the configured public URL, else this machine's LAN address.
import { networkInterfaces } from "node:os";

export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? []) {
      if (net.family === "IPv4" && !net.internal) return net.address;
    }
  }
  return null;
}

export function baseUrl(publicUrl: string | null, port: number): string {
  return publicUrl ?? `http://${lanAddress() ?? "127.0.0.1"}:${port}`;
}

export function respondentUrl(base: string, linkId: string): string {
  return `${base}/s/${linkId}`;
}
