// A survey reduced to what an office types (kinds, texts, labels, maxima, flags), for comparing a
// parsed questionnaire with its JSON without caring about codes or punctuation widths.
import type { Survey } from "../../../surveys/format/schema.ts";
import { toHalfWidth } from "../../../surveys/format/text-import/lines.ts";

/** Half-width, one kind of quote, {{county}} as printed: how two typings of one text compare. */
export const plain = (s: string) =>
  toHalfWidth(s)
    .replaceAll("{{county}}", "xx县")
    .replace(/[“”‘’"']/g, '"')
    .replace(/\s+/g, "");

export interface QuestionShape {
  kind: string;
  text: string;
  category?: true;
  maxSelections?: number;
  options?: { label: string; other?: true; nonSubstantive?: true }[];
}

export function shapeOf(survey: Survey): { title: string; questions: QuestionShape[] }[] {
  return survey.sections.map((section) => ({
    title: plain(section.title),
    questions: section.questions.map((q) => {
      const shape: QuestionShape = { kind: q.kind, text: plain(q.text) };
      if (q.kind === "single" && q.category) shape.category = true;
      if (q.kind === "multiple" && q.maxSelections !== undefined)
        shape.maxSelections = q.maxSelections;
      if (q.kind === "single" || q.kind === "multiple")
        shape.options = q.options.map((o) => ({
          label: plain(o.label),
          ...(o.other ? { other: true as const } : {}),
          ...(o.nonSubstantive ? { nonSubstantive: true as const } : {}),
        }));
      return shape;
    }),
  }));
}
