// Pure rules of moving through a survey: which screens show, what blocks Next, what gets sent.
import type {
  AnswerContext,
  AnswerProblem,
  Answers,
  OtherTexts,
} from "../../surveys/format/answers.ts";
import {
  answerOf,
  checkAnswer,
  isAnswered,
  isVisible,
  listQuestions,
  visibleAnswers,
} from "../../surveys/format/answers.ts";
import type { Question, Survey } from "../../surveys/format/schema.ts";

/** The visible questions of one section, judged the way the server judges them. */
export function visibleQuestions(
  survey: Survey,
  section: number,
  answers: Answers,
  context: AnswerContext,
): Question[] {
  const effective = visibleAnswers(survey, answers, context);
  return (survey.sections[section]?.questions ?? []).filter((q) =>
    isVisible(q, effective, context),
  );
}

/** Indexes of the sections that have at least one visible question. */
export function visibleSections(
  survey: Survey,
  answers: Answers,
  context: AnswerContext,
): number[] {
  return survey.sections.flatMap((_, i) =>
    visibleQuestions(survey, i, answers, context).length > 0 ? [i] : [],
  );
}

/** What stops the respondent leaving a section, in question order. */
export function sectionProblems(
  survey: Survey,
  section: number,
  answers: Answers,
  others: OtherTexts,
  context: AnswerContext,
): AnswerProblem[] {
  return visibleQuestions(survey, section, answers, context).flatMap((q) => {
    const problem = checkAnswer(q, answerOf(answers, q.code), answerOf(others, q.code));
    return problem ? [problem] : [];
  });
}

/** Only answered, visible questions, and “其他” text only where an “其他” option is chosen. */
export function answersToSend(
  survey: Survey,
  answers: Answers,
  others: OtherTexts,
  context: AnswerContext,
): { answers: Answers; otherText: OtherTexts } {
  const effective = visibleAnswers(survey, answers, context);
  const sent: Answers = {};
  const otherText: OtherTexts = {};
  for (const q of listQuestions(survey)) {
    const value = answerOf(effective, q.code);
    if (value === undefined || !isAnswered(value)) continue;
    sent[q.code] = value;
    if (q.kind !== "single" && q.kind !== "multiple") continue;
    const chosen = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    const text = answerOf(others, q.code);
    if (text && q.options.some((o) => o.other && chosen.includes(o.code))) otherText[q.code] = text;
  }
  return { answers: sent, otherText };
}

/** Stable numbers for the questions a respondent can see; a locked category question gets none. */
export function numberQuestions(survey: Survey, context: AnswerContext): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const q of listQuestions(survey)) {
    if (q.kind === "single" && q.category && context.lockedCategory) continue;
    numbers.set(q.code, numbers.size + 1);
  }
  return numbers;
}

/** The index of the section holding a question, or -1. */
export function sectionOf(survey: Survey, code: string): number {
  return survey.sections.findIndex((s) => s.questions.some((q) => q.code === code));
}
