// The console lists at most a few hundred texts per group: at 100,000 responses every answer in
// the page would be megabytes of JSON and a frozen browser. Downloads keep every text.
import type { Tabulation } from "./results-schemas.ts";

export const TEXTS_SHOWN = 200;

/** Keeps each group's most frequent texts, still listed in text order (never arrival order). */
export function limitTexts(t: Tabulation, limit = TEXTS_SHOWN): Tabulation {
  return {
    ...t,
    questions: t.questions.map((q) => ({
      ...q,
      texts: q.texts.map((group) => {
        if (!group.texts || group.texts.length <= limit) return group;
        const kept = new Set(
          [...group.texts]
            .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1))
            .slice(0, limit),
        );
        return {
          ...group,
          texts: group.texts.filter((text) => kept.has(text)),
          omitted: group.texts.length - limit,
        };
      }),
    })),
  };
}
