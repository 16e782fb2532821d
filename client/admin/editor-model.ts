// The editor's working copy of a draft: survey-file shapes (possibly invalid), read defensively from
// the server, and the "sections.0.questions.2.code" keys the server's problems name.
import type { SurveyInput } from "../../surveys/format/schema.ts";
import { isRecord } from "./guards.ts";

export type EditSurvey = SurveyInput;
export type EditSection = EditSurvey["sections"][number];
export type EditQuestion = EditSection["questions"][number];
export type QuestionKind = EditQuestion["kind"];
export type ChoiceQuestion = Extract<EditQuestion, { kind: "single" | "multiple" | "matrix" }>;
export type EditOption = ChoiceQuestion["options"][number];
export type EditRow = Extract<EditQuestion, { kind: "matrix" }>["rows"][number];
/** An index can be declared on a single-choice question or a rating grid. */
export type IndexedQuestion = Extract<EditQuestion, { kind: "single" | "matrix" }>;
export type EditIndex = NonNullable<IndexedQuestion["index"]>;
export type Path = readonly (string | number)[];

/** One problem the server found, at a path in the survey file. */
export interface Problem {
  path: string;
  message: string;
}

export const KIND_LABELS: Record<QuestionKind, string> = {
  single: "单选",
  multiple: "多选",
  shortText: "简短文字",
  longText: "较长文字",
  matrix: "矩阵量表",
};

/** ["sections", 0, "questions", 4, "code"] → "sections.0.questions.4.code", as the draft API names it. */
export const pathKey = (path: Path): string => path.map(String).join(".") || "(root)";

const text = (v: unknown) => (typeof v === "string" ? v : "");
const maybeText = (v: unknown) => (typeof v === "string" ? v : undefined);
const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const flag = (v: unknown) => (v === true ? true : undefined);
const records = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);

/** Drops undefined keys, so the saved JSON holds only what the admin set. */
function compact<T extends object>(o: T): T {
  for (const key of Object.keys(o) as (keyof T)[]) if (o[key] === undefined) delete o[key];
  return o;
}

const readOption = (o: Record<string, unknown>): EditOption =>
  compact({
    code: text(o.code),
    label: text(o.label),
    other: flag(o.other),
    otherMaxLength: count(o.otherMaxLength),
    nonSubstantive: flag(o.nonSubstantive),
  });

function readShowIf(v: unknown): EditQuestion["showIf"] {
  if (!isRecord(v)) return undefined;
  return compact({
    question: text(v.question),
    equals: maybeText(v.equals),
    includes: maybeText(v.includes),
  });
}

/** A declared index (满意率…): carried whole, so a copied version keeps it. */
function readIndex(v: unknown): EditIndex | undefined {
  if (!isRecord(v)) return undefined;
  const positive = Array.isArray(v.positive) ? v.positive.filter((c) => typeof c === "string") : [];
  const base: EditIndex["base"] =
    v.base === "valid" ? "valid" : v.base === "shown" ? "shown" : undefined;
  return compact({ name: text(v.name), aspect: maybeText(v.aspect), positive, base });
}

function readQuestion(q: Record<string, unknown>): EditQuestion {
  const base = {
    code: text(q.code),
    text: text(q.text),
    help: maybeText(q.help),
    required: q.required === true,
    showIf: readShowIf(q.showIf),
  };
  const options = records(q.options).map(readOption);
  switch (q.kind) {
    case "shortText":
    case "longText":
      return compact({ ...base, kind: q.kind, maxLength: count(q.maxLength) ?? 200 });
    case "matrix": {
      const rows = records(q.rows).map((r) =>
        compact({ code: text(r.code), label: text(r.label), required: flag(r.required) }),
      );
      return compact({ ...base, kind: "matrix", rows, options, index: readIndex(q.index) });
    }
    case "multiple":
      return compact({
        ...base,
        kind: "multiple",
        options,
        minSelections: count(q.minSelections),
        maxSelections: count(q.maxSelections),
        reportPhrase: maybeText(q.reportPhrase),
      });
    default:
      return compact({
        ...base,
        kind: "single",
        options,
        category: flag(q.category),
        index: readIndex(q.index),
      });
  }
}

/** The server keeps whatever the admin typed, valid or not: read it without trusting its shape. */
export function readSurvey(raw: unknown): EditSurvey {
  const s = isRecord(raw) ? raw : {};
  const variables: Record<string, string> = {};
  if (isRecord(s.variables))
    for (const [k, v] of Object.entries(s.variables)) variables[k] = text(v);
  return compact({
    id: text(s.id),
    title: text(s.title),
    intro: maybeText(s.intro),
    variables,
    minBase: count(s.minBase),
    sections: records(s.sections).map((sec) =>
      compact({
        code: text(sec.code),
        title: text(sec.title),
        description: maybeText(sec.description),
        questions: records(sec.questions).map(readQuestion),
      }),
    ),
  });
}
