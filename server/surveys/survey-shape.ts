// Reads what a diff compares from any survey JSON, valid or half-written: questions in order with
// their section, texts, options and grid rows. Elements without a code are skipped, not refused.
import { type IndexShape, readIndexShape } from "./index-shape.ts";

export interface Item {
  code: string;
  label: string;
}

export interface QuestionShape {
  code: string;
  text: string;
  kind: string;
  sectionCode: string;
  sectionTitle: string;
  category: boolean;
  options: Item[];
  rows: Item[];
  /** Whether, when and how much may be answered: required, showIf, selection and length limits. */
  rules: string;
  /** The declared index (满意率…), if any. */
  index: IndexShape | null;
}

export interface SurveyShape {
  id: string;
  title: string;
  intro: string;
  /** JSON of the variables, to tell whether any changed. */
  variables: string;
  minBase: number | null;
  questions: QuestionShape[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" ? v : "");
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

function items(v: unknown): Item[] {
  return list(v)
    .filter((o) => typeof o.code === "string")
    .map((o) => ({ code: text(o.code), label: text(o.label ?? o.text) }));
}

const RULE_KEYS = ["required", "showIf", "minSelections", "maxSelections", "maxLength"] as const;

function rulesOf(q: Json): string {
  const rules = Object.fromEntries(RULE_KEYS.map((key) => [key, q[key] ?? null]));
  // `required` defaults to false: leaving it out is no change.
  return JSON.stringify({ ...rules, required: rules.required ?? false });
}

export function readShape(raw: unknown): SurveyShape {
  const survey = isObject(raw) ? raw : {};
  const questions = list(survey.sections).flatMap((section) =>
    list(section.questions)
      .filter((q) => typeof q.code === "string")
      .map((q) => ({
        code: text(q.code),
        text: text(q.text),
        kind: text(q.kind),
        sectionCode: text(section.code),
        sectionTitle: text(section.title),
        category: q.category === true,
        options: items(q.options),
        rows: items(q.rows),
        rules: rulesOf(q),
        index: readIndexShape(q.index),
      })),
  );
  return {
    id: text(survey.id),
    title: text(survey.title),
    intro: text(survey.intro),
    variables: JSON.stringify(isObject(survey.variables) ? survey.variables : {}),
    minBase: typeof survey.minBase === "number" ? survey.minBase : null,
    questions,
  };
}
