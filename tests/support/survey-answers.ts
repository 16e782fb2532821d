// Builds complete valid answers for any survey, opening every display-logic branch on the way.
import { readFileSync } from "node:fs";
import {
  type Answers,
  isChoice,
  isVisible,
  listQuestions,
  type OtherTexts,
} from "../../surveys/format/answers.ts";
import { parseSurveyText } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import type { Survey } from "../../surveys/format/schema.ts";

/** The seed survey, or another file of surveys/ (e.g. political-ecology_grid.json), resolved. */
export function loadSeedSurvey(file = "political-ecology.json"): Survey {
  const path = new URL(`../../surveys/${file}`, import.meta.url);
  const parsed = parseSurveyText(readFileSync(path, "utf8"), file);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return resolveSurvey(parsed.survey);
}

export interface FullAnswers {
  answers: Answers;
  otherText: OtherTexts;
}

/** `category` picks the category answer; every 其他 option met is chosen, with text. */
export function fullAnswers(
  survey: Survey,
  category = "A",
  lockedCategory: string | null = null,
): FullAnswers {
  const questions = listQuestions(survey);
  // Option values that a later question's display logic waits for: choose them to open the branch.
  const triggers = new Map<string, string>();
  for (const q of questions) {
    if (q.showIf) triggers.set(q.showIf.question, q.showIf.equals ?? q.showIf.includes ?? "");
  }
  const answers: Answers = {};
  const otherText: OtherTexts = {};
  for (const q of questions) {
    if (!isVisible(q, answers, { lockedCategory })) continue;
    if (!isChoice(q)) {
      answers[q.code] = `关于${q.code}的意见：加强监督，改进作风。`;
    } else if (q.kind === "single") {
      answers[q.code] = q.category ? category : (triggers.get(q.code) ?? q.options[0]!.code);
    } else {
      const max = q.maxSelections ?? q.options.length;
      const other = q.options.find((o) => o.other);
      const picks = new Set<string>([triggers.get(q.code) ?? q.options[0]!.code]);
      if (other && picks.size < max) picks.add(other.code);
      answers[q.code] = [...picks].filter((code) => code !== "");
      if (other && picks.has(other.code)) otherText[q.code] = `${q.code}的其他情况`;
    }
  }
  return { answers, otherText };
}
