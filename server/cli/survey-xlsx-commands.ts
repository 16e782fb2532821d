// `survey xlsx FILE.json OUT.xlsx` and `survey from-xlsx IN.xlsx OUT.json`: the console's
// spreadsheet round trip for an office that edits survey files by hand.
import { readFileSync, writeFileSync } from "node:fs";
import { parseSurveyText } from "../../surveys/format/parse-survey.ts";
import { surveyToXlsx, xlsxToSurvey } from "../surveys/spreadsheet/survey-xlsx.ts";

export async function surveyToXlsxCommand(args: string[]): Promise<number> {
  const [input, output] = args;
  if (!input || !output) {
    console.error("✗ usage: survey xlsx FILE.json OUT.xlsx");
    return 2;
  }
  const parsed = parseSurveyText(readFileSync(input, "utf8"), input);
  if (!parsed.ok) {
    for (const error of parsed.errors) console.error(`✗ ${error}`);
    return 1;
  }
  writeFileSync(output, await surveyToXlsx(parsed.survey));
  console.log(`✓ ${output}: ${parsed.survey.id}, edit it in Excel or WPS`);
  return 0;
}

export async function surveyFromXlsxCommand(args: string[]): Promise<number> {
  const [input, output] = args;
  if (!input || !output) {
    console.error("✗ usage: survey from-xlsx IN.xlsx OUT.json");
    return 2;
  }
  const { survey, problems } = await xlsxToSurvey(readFileSync(input));
  for (const p of problems)
    console.error(
      `✗ ${p.sheet}${p.row === null ? "" : `!${p.column ?? ""}${p.row}`}: ${p.message}`,
    );
  if (!survey) return 1;
  writeFileSync(output, `${JSON.stringify(survey, null, 2)}\n`);
  console.log(`✓ ${output}: ${survey.id}`);
  return 0;
}
