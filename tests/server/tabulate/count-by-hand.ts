// The independent computation: the same tables counted with plain loops over what was submitted.
import { answerOf, isChoice, isVisible, listQuestions } from "../../../surveys/format/answers.ts";
import type { Question, Survey } from "../../../surveys/format/schema.ts";
import type { Generated } from "../../support/tabulation-store.ts";

export interface HandFilter {
  channels?: string[];
  from?: string;
  to?: string;
}

export const matches = (g: Generated, f: HandFilter) =>
  (!f.channels || f.channels.includes(g.channel)) &&
  (!f.from || g.day >= f.from) &&
  (!f.to || g.day <= f.to);

/** The banner column key of a respondent: category, or the banner question's answer. */
export function columnOf(g: Generated, banner: string, survey: Survey): string {
  const q = listQuestions(survey).find((x) => x.code === banner);
  if (q?.kind === "single" && q.category) return g.category;
  const value = answerOf(g.answers, banner);
  return typeof value === "string" ? value : "_none";
}

export const isCategoryQuestion = (q: Question) => q.kind === "single" && q.category === true;

export function sawQuestion(g: Generated, q: Question): boolean {
  if (isCategoryQuestion(q)) return true;
  return isVisible(q, g.answers, { lockedCategory: g.locked });
}

/** Option codes chosen (category for the category question); ["" ] for an answered text. */
export function chosenBy(g: Generated, q: Question): string[] {
  if (isCategoryQuestion(q)) return [g.category];
  if (!sawQuestion(g, q)) return [];
  const value = answerOf(g.answers, q.code);
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0))
    return [];
  if (!isChoice(q)) return [""];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value : [];
}
