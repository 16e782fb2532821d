// Text people type (answers, labels, names) must be well-formed Unicode. A lone surrogate from
// JSON ("\ud800") would be stored as bytes that read back as U+FFFD in one place and as the
// escape in another (a response's JSON record vs its long-table rows and exports).
import type { z } from "@hono/zod-openapi";

const NO_LONE_SURROGATE = /^[^\uD800-\uDFFF]*$/u;

/** `schema` plus the well-formedness rule, with a message naming the problem. */
export const wellFormed = (schema: z.ZodString) =>
  schema.regex(NO_LONE_SURROGATE, "不是有效的 Unicode 文本（含孤立的代理字符）");
