// The survey as a respondent's phone receives it: without the settings only reports use, so the
// page stays small (every byte is paid on a rural mobile connection).
import type { Survey } from "./schema.ts";

const views = new WeakMap<Survey, Survey>();

export function surveyForRespondents(survey: Survey): Survey {
  let view = views.get(survey);
  if (!view) {
    const { minBase: _minBase, ...rest } = survey;
    view = {
      ...rest,
      sections: survey.sections.map((section) => ({
        ...section,
        questions: section.questions.map((q) => {
          if (q.kind === "multiple") {
            const { reportPhrase: _phrase, ...question } = q;
            return question;
          }
          if (q.kind === "single" || q.kind === "matrix") {
            const { index: _index, ...question } = q;
            return question;
          }
          return q;
        }),
      })),
    };
    views.set(survey, view);
  }
  return view;
}
