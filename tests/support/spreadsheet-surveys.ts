// The surveys every spreadsheet round trip is checked with: the seed, the second test survey, and
// one with a rating grid and every optional field set.
import { readFileSync } from "node:fs";
import { parseSurvey } from "../../surveys/format/parse-survey.ts";
import type { Survey } from "../../surveys/format/schema.ts";

export const SPREADSHEET_SURVEYS = [
  "surveys/political-ecology.json",
  "tests/fixtures/surveys/second/patient-satisfaction.json",
  "tests/fixtures/surveys/spreadsheet/every-field.json",
];

export function loadSurvey(path: string): Survey {
  const parsed = parseSurvey(JSON.parse(readFileSync(path, "utf8")), path);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  // An editor's hint, not content: never stored, so not carried by the spreadsheet.
  const { $schema: _hint, ...survey } = parsed.survey;
  return survey;
}
