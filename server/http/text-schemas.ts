// Text people type (answers, labels, names) must be well-formed Unicode. A lone surrogate from
// JSON ("\ud800") would be stored as bytes that read back as U+FFFD in one place and as the
// escape in another (a response's JSON record vs its long-table rows and exports). And no text
// from a request may hold U+0000 ("\u0000" in JSON, %00 in a URL): PostgreSQL's text cannot hold
// it at all, SQLite's can. Let through, it would be kept on one engine and fail on the other: a
// lookup answering 500 instead of 404, and one such answer stopping the long table for everyone
// (every expansion slice would fail on it).
import type { z } from "@hono/zod-openapi";

const NO_LONE_SURROGATE = /^[^\uD800-\uDFFF]*$/u;

/** `schema` plus the well-formedness rule, with a message naming the problem. */
export const wellFormed = (schema: z.ZodString) =>
  schema.regex(NO_LONE_SURROGATE, "不是有效的 Unicode 文本（含孤立的代理字符）");

/**
 * Where the first U+0000 sits in a request's validated params, query or body (a string, or a
 * key), as a path like the 422's fields; null when there is none. A loop, not recursion: a body
 * may nest thousands deep before the answer checks refuse it.
 */
export function pathOfNul(value: unknown): string[] | null {
  interface Place {
    value: unknown;
    key: string | null;
    parent: Place | null;
  }
  const pathTo = (place: Place, key: string | null = null): string[] => {
    const path = key === null ? [] : [key];
    for (let p: Place | null = place; p?.key != null; p = p.parent) path.push(p.key);
    return path.reverse();
  };
  const todo: Place[] = [{ value, key: null, parent: null }];
  for (let place = todo.pop(); place; place = todo.pop()) {
    const here = place.value;
    if (typeof here === "string") {
      if (here.includes("\u0000")) return pathTo(place);
    } else if (typeof here === "object" && here !== null) {
      const entries = Object.entries(here);
      for (const [key] of entries) if (key.includes("\u0000")) return pathTo(place, key);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i] as [string, unknown];
        todo.push({ value: inner, key, parent: place });
      }
    }
  }
  return null;
}
