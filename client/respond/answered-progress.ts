// How far the respondent is: questions answered among those shown now, display logic applied.
import type { AnswerContext, Answers } from "../../surveys/format/answers.ts";
import {
  answerOf,
  isAnswered,
  isVisible,
  listQuestions,
  visibleAnswers,
} from "../../surveys/format/answers.ts";
import { matrixRowValue } from "../../surveys/format/matrix-answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";

/**
 * A hidden question is neither counted nor answered (nor is a category fixed by the link).
 * A grid is one question, as it has one number, and counts as answered once every row is.
 */
export function answeredProgress(
  survey: Survey,
  answers: Answers,
  context: AnswerContext,
): { answered: number; shown: number } {
  const effective = visibleAnswers(survey, answers, context);
  const shown = listQuestions(survey).filter((q) => isVisible(q, effective, context));
  const answered = shown.filter((q) => {
    const value = answerOf(effective, q.code);
    return q.kind === "matrix"
      ? q.rows.every((r) => matrixRowValue(value, r.code) !== undefined)
      : isAnswered(value);
  });
  return { answered: answered.length, shown: shown.length };
}
