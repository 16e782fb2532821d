// Reads a questionnaire pasted as text (as Chinese offices type them) into a survey plus the
// problems found, each with its line. Pure: saves nothing; the editor shows both to the office.

import { checkSurvey } from "../check-survey.ts";
import { formatPath } from "../parse-survey.ts";
import { type Survey, SurveySchema } from "../schema.ts";
import { buildSurvey } from "./build-survey.ts";
import { readLines, toHalfWidth } from "./lines.ts";
import { MESSAGES, type TextProblem } from "./problems.ts";
import { readDrafts } from "./read-drafts.ts";

export type { TextProblem } from "./problems.ts";

export interface TextImport {
  /** The best survey the text gives; it passes the schema when `problems` leaves nothing unsaid. */
  survey: Survey;
  /** In line order; line 0 concerns the text as a whole. */
  problems: TextProblem[];
}

export function importSurveyText(text: string): TextImport {
  const { draft, problems } = readDrafts(readLines(text));
  const built = buildSurvey(draft, surveyIdFor(text));
  problems.push(...built.problems);
  // What the schema still refuses, unless that line already has its explanation.
  const explained = new Set(problems.map((p) => p.line));
  const parsed = SurveySchema.safeParse(built.survey);
  const issues = parsed.success
    ? checkSurvey(parsed.data)
    : parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  for (const issue of issues) {
    const line = built.lineOf(issue.path);
    if (!explained.has(line))
      problems.push({ line, message: MESSAGES.schema(formatPath(issue.path), issue.message) });
  }
  problems.sort((a, b) => a.line - b.line);
  return { survey: built.survey, problems };
}

/** The same text gives the same id (FNV-1a); the office renames it in the editor. */
function surveyIdFor(text: string): string {
  let hash = 0x811c9dc5;
  const norm = toHalfWidth(text);
  for (let i = 0; i < norm.length; i++) hash = Math.imul(hash ^ norm.charCodeAt(i), 0x01000193);
  return `imported-${(hash >>> 0).toString(16).padStart(8, "0")}`;
}
