// The question kinds the tabulation knows, by survey kind: adding a kind is one module and one line.
import type { Question } from "../../../surveys/format/schema.ts";
import { multipleChoice } from "./multiple-choice.ts";
import type { QuestionKind } from "./question-kind.ts";
import { singleChoice } from "./single-choice.ts";
import { textAnswer } from "./text-answer.ts";

const KINDS: Record<Question["kind"], QuestionKind> = {
  single: singleChoice,
  multiple: multipleChoice,
  shortText: textAnswer,
  longText: textAnswer,
};

export const kindOf = (question: Question): QuestionKind => KINDS[question.kind];
