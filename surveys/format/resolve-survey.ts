// Substitutes survey variables ({{county}} → xx县) into every text a respondent reads.
import type { Question, Survey } from "./schema.ts";

const VARIABLE = /\{\{\s*([a-zA-Z0-9]+)\s*\}\}/g;

export function fillVariables(text: string, variables: Record<string, string>): string {
  // Own keys only: {{constructor}} must not print Object's source into a respondent's page.
  return text.replace(VARIABLE, (whole, name: string) =>
    Object.hasOwn(variables, name) ? (variables[name] ?? whole) : whole,
  );
}

/** A copy of the survey with variables filled in; codes and structure are untouched. */
export function resolveSurvey(survey: Survey): Survey {
  const fill = (text: string) => fillVariables(text, survey.variables);
  const fillOptional = (text: string | undefined) => (text === undefined ? undefined : fill(text));
  const resolveQuestion = (q: Question): Question => {
    const base = { ...q, text: fill(q.text), help: fillOptional(q.help) };
    if (base.kind === "multiple" && base.reportPhrase !== undefined)
      base.reportPhrase = fill(base.reportPhrase);
    if (base.kind !== "single" && base.kind !== "multiple") return base;
    return { ...base, options: base.options.map((o) => ({ ...o, label: fill(o.label) })) };
  };
  return {
    ...survey,
    title: fill(survey.title),
    intro: fillOptional(survey.intro),
    sections: survey.sections.map((s) => ({
      ...s,
      title: fill(s.title),
      description: fillOptional(s.description),
      questions: s.questions.map(resolveQuestion),
    })),
  };
}
