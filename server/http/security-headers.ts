// Security headers on every response: strict CSP, no referrer, no sniffing, no caching of pages,
// and HSTS only on answers that reached the browser over https.
import type { Context, MiddlewareHandler } from "hono";
import { type ContentSecurityPolicyOptionHandler, NONCE, secureHeaders } from "hono/secure-headers";
import { clientAddress, NO_PROXIES, type TrustedProxies } from "./client-address.ts";

/** A fresh nonce for the Lit pages only: random bytes per API call would be wasted work. */
const PAGE_STYLE_NONCE: ContentSecurityPolicyOptionHandler = (c, directive) =>
  /^\/(s|c|admin)(\/|$)/.test(c.req.path) ? NONCE(c, directive) : "";

/**
 * 180 days, without includeSubDomains: an office that serves this at its bare domain must not find
 * its other http-only intranet sites (oa.example.gov.cn) refused by every browser that came here.
 */
export const HSTS = "max-age=15552000";

/**
 * This server speaks plain http only, so a request came over https only when a proxy named in
 * TRUST_PROXY, itself the socket peer, says so. Anyone else's X-Forwarded-Proto is ignored. The
 * last entry is what the nearest proxy saw; a chain that ends in plain http gets no HSTS.
 */
export function cameOverHttps(c: Context, trusted: TrustedProxies): boolean {
  // With nobody trusted, clientAddress is the socket peer itself.
  if (!trusted.trusts(clientAddress(c, NO_PROXIES))) return false;
  const proto = c.req.header("X-Forwarded-Proto")?.split(",").at(-1)?.trim().toLowerCase();
  return proto === "https";
}

/** The editor's phone preview: the one page the console may frame (same origin only). */
const PREVIEW = /^\/admin\/preview\/[^/]+$/;

/**
 * Set after the route ran (secureHeaders writes its headers then), so the route cannot loosen
 * them itself. Every other page stays unframeable, the respondent's above all.
 */
function allowSameOriginFrame(headers: Headers): void {
  const csp = headers.get("Content-Security-Policy");
  if (csp)
    headers.set(
      "Content-Security-Policy",
      csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
    );
  headers.set("X-Frame-Options", "SAMEORIGIN");
}

/** `trusted`: the TRUST_PROXY list; with none, no answer carries HSTS (nothing here is https). */
export function securityHeaders(trusted: TrustedProxies = NO_PROXIES): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // The nonce is for browsers without constructable stylesheets (iOS Safari < 16.4, common
      // on older phones): there Lit falls back to <style> tags, which carry this nonce.
      styleSrc: ["'self'", PAGE_STYLE_NONCE],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    // Set below, on answers that came over https only: over plain http it is ignored at best.
    strictTransportSecurity: false,
    // A respondent's link id must never leak to another site through the Referer header.
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
  });
  return async function setSecurityHeaders(c, next) {
    await headers(c, next);
    if (cameOverHttps(c, trusted)) c.res.headers.set("Strict-Transport-Security", HSTS);
    if (PREVIEW.test(c.req.path)) allowSameOriginFrame(c.res.headers);
    // Survey pages and API answers may hold answers in progress: never cache them.
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  };
}
