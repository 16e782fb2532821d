// Security headers on every response: strict CSP, no referrer, no sniffing, no caching of pages.
import type { MiddlewareHandler } from "hono";
import { type ContentSecurityPolicyOptionHandler, NONCE, secureHeaders } from "hono/secure-headers";

/** A fresh nonce for the Lit pages only: random bytes per API call would be wasted work. */
const PAGE_STYLE_NONCE: ContentSecurityPolicyOptionHandler = (c, directive) =>
  /^\/(s|c|admin)(\/|$)/.test(c.req.path) ? NONCE(c, directive) : "";

export function securityHeaders(): MiddlewareHandler {
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
    // A respondent's link id must never leak to another site through the Referer header.
    referrerPolicy: "no-referrer",
    xFrameOptions: "DENY",
  });
  return async function setSecurityHeaders(c, next) {
    await headers(c, next);
    // Survey pages and API answers may hold answers in progress: never cache them.
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  };
}
