// Turns the read questionnaire into a survey: codes S1… Q1… by order, one category question, and
// a map from JSON paths back to lines, so the schema's complaints can name a line too.
import type { Question, Section, Survey } from "../schema.ts";
import { buildQuestion } from "./build-question.ts";
import type { Draft } from "./drafts.ts";
import { MESSAGES, type TextProblem, WHOLE_TEXT } from "./problems.ts";
import { looksLikeCategory } from "./question-hints.ts";

export interface Built {
  survey: Survey;
  problems: TextProblem[];
  /** The line a JSON path points into (WHOLE_TEXT when none). */
  lineOf(path: readonly PropertyKey[]): number;
}

export function buildSurvey(draft: Draft, id: string): Built {
  const problems: TextProblem[] = [];
  const report = (line: number, message: string) => problems.push({ line, message });
  const sectionLines: number[] = [];
  const questionLines: number[][] = [];
  const sections: Section[] = [];
  let count = 0;
  for (const draftSection of draft.sections) {
    if (draftSection.questions.length === 0) {
      report(draftSection.line, MESSAGES.emptySection);
      continue;
    }
    const questions = draftSection.questions.map((q) => {
      count += 1;
      return buildQuestion(q, draftSection, `Q${count}`, report);
    });
    const description = draftSection.description.join("\n");
    sections.push({
      code: `S${sections.length + 1}`,
      title: draftSection.title,
      ...(description ? { description } : {}),
      questions,
    });
    sectionLines.push(draftSection.line);
    questionLines.push(draftSection.questions.map((q) => q.line));
  }
  if (count === 0) report(WHOLE_TEXT, MESSAGES.noQuestions);
  else markCategory(sections, questionLines, report);

  const intro = draft.intro.join("\n");
  const survey: Survey = {
    id,
    title: draft.title?.text ?? "未命名问卷",
    ...(intro ? { intro } : {}),
    variables: {},
    sections,
  };
  const lineOf = (path: readonly PropertyKey[]) => {
    const [top, s, , q] = path;
    if (top !== "sections" || typeof s !== "number") return WHOLE_TEXT;
    if (typeof q === "number") return questionLines[s]?.[q] ?? WHOLE_TEXT;
    return sectionLines[s] ?? WHOLE_TEXT;
  };
  return { survey, problems, lineOf };
}

/** Exactly one: the first single question asking who the respondent is; the editor may change it. */
function markCategory(
  sections: Section[],
  lines: number[][],
  report: (line: number, message: string) => void,
) {
  let first: number | undefined;
  sections.forEach((section, s) => {
    section.questions.forEach((q: Question, i) => {
      if (q.kind !== "single" || !looksLikeCategory(q.text)) return;
      const line = lines[s]?.[i] ?? WHOLE_TEXT;
      if (first === undefined) {
        first = line;
        q.category = true;
      } else report(line, MESSAGES.secondCategory(first));
    });
  });
  if (first === undefined) report(WHOLE_TEXT, MESSAGES.noCategory);
}
