// A question's declared index as the publish diff compares and words it: read from any survey
// JSON (a half-written draft too), the base's default filled so leaving it out is no change.
import type { Item } from "./survey-shape.ts";

export interface IndexShape {
  name: string;
  aspect: string;
  /** Option codes, in the order declared. */
  positive: string[];
  base: string;
}

type Json = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

export function readIndexShape(v: unknown): IndexShape | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const index: Json = { ...v };
  const positive = Array.isArray(index.positive)
    ? index.positive.filter((c): c is string => typeof c === "string")
    : [];
  return {
    name: text(index.name),
    aspect: text(index.aspect),
    positive,
    base: text(index.base) || "valid",
  };
}

export const sameIndex = (a: IndexShape | null, b: IndexShape | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * “满意率（好、较好）”, the options by their labels in that version, then what else is declared:
 * a short name for the ranked table, a base of everyone shown, one figure per grid row.
 */
export function indexWords(index: IndexShape, options: Item[], grid: boolean): string {
  const labels = index.positive.map((code) => {
    const label = options.find((o) => o.code === code)?.label;
    return label ? label : code;
  });
  const extras = [
    index.aspect && `简称“${index.aspect}”`,
    index.base === "shown" ? "以全部被调查者为基数" : "",
    grid ? "每个评价项各算一个" : "",
  ].filter((s) => s !== "");
  return `${index.name || "（未命名）"}（${labels.join("、")}）${extras.map((s) => `，${s}`).join("")}`;
}
