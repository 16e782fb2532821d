// Substitutes survey variables ({{county}} → xx县) into every text a respondent reads.
import type { Option, Question, Survey } from "./schema.ts";

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
  const fillOptions = (options: Option[]) => options.map((o) => ({ ...o, label: fill(o.label) }));
  const resolveQuestion = (q: Question): Question => {
    const texts = { text: fill(q.text), help: fillOptional(q.help) };
    switch (q.kind) {
      case "single":
        return { ...q, ...texts, options: fillOptions(q.options) };
      case "multiple": {
        const phrase = q.reportPhrase === undefined ? {} : { reportPhrase: fill(q.reportPhrase) };
        return { ...q, ...texts, ...phrase, options: fillOptions(q.options) };
      }
      case "matrix": {
        const rows = q.rows.map((r) => ({ ...r, label: fill(r.label) }));
        return { ...q, ...texts, rows, options: fillOptions(q.options) };
      }
      default:
        return { ...q, ...texts };
    }
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
