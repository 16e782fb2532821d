// A survey as an .xlsx file and back: the pure sheet mapping (surveys/format/spreadsheet) joined
// to the byte-level reader and writer here. Used by the console routes and the CLI.
import type { Survey } from "../../../surveys/format/schema.ts";
import {
  type SheetsResult,
  sheetsToSurvey,
} from "../../../surveys/format/spreadsheet/sheets-to-survey.ts";
import { surveyToSheets } from "../../../surveys/format/spreadsheet/survey-to-sheets.ts";
import { readXlsx } from "./read-xlsx.ts";
import { writeXlsx } from "./write-xlsx.ts";

export const surveyToXlsx = (survey: Survey): Promise<Buffer> => writeXlsx(surveyToSheets(survey));

export async function xlsxToSurvey(bytes: Buffer): Promise<SheetsResult> {
  const read = await readXlsx(bytes);
  return read.ok ? sheetsToSurvey(read.grids) : { survey: null, problems: read.problems };
}

/** A download name any browser and file system takes: the survey id is already [A-Za-z0-9_-]. */
export function xlsxFileName(surveyId: string, version?: number): string {
  const safe = surveyId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "survey";
  return `${safe}${version === undefined ? "" : `-v${version}`}.xlsx`;
}
