// Sheets → a checked survey, or every problem found, each at its cell (survey!C7); pure.
import { checkSurvey } from "../check-survey.ts";
import { type Survey, SurveySchema } from "../schema.ts";
import { type Grid, SHEETS } from "./columns.ts";
import { Places } from "./places.ts";
import { readChoices } from "./read-choices.ts";
import { readQuestions } from "./read-questions.ts";
import { readSettings } from "./read-settings.ts";
import { readTable, type SheetProblem } from "./read-table.ts";

export type { SheetProblem } from "./read-table.ts";

export interface SheetsResult {
  /** Set only when there is no problem: then it has passed the schema and the survey checks. */
  survey: Survey | null;
  problems: SheetProblem[];
}

type SheetKind = keyof typeof SHEETS;

function findGrid(grids: Grid[], kind: SheetKind): Grid | undefined {
  const aliases: readonly string[] = SHEETS[kind].aliases;
  return grids.find((grid) => aliases.includes(grid.name.trim().toLowerCase()));
}

const cellKey = (p: SheetProblem) => `${p.sheet}!${p.column}${p.row}`;

/** Problems in sheet order (survey, choices, settings), then by row and column as WPS sorts them. */
function sorted(problems: SheetProblem[], order: string[]): SheetProblem[] {
  const rank = (p: SheetProblem) => [
    order.indexOf(p.sheet),
    p.row ?? 0,
    (p.column ?? "").length,
    p.column ?? "",
  ];
  return [...problems].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
    return 0;
  });
}

export function sheetsToSurvey(grids: Grid[]): SheetsResult {
  const problems: SheetProblem[] = [];
  const found = {
    survey: findGrid(grids, "survey"),
    choices: findGrid(grids, "choices"),
    settings: findGrid(grids, "settings"),
  };
  for (const kind of ["survey", "settings"] as const)
    if (!found[kind])
      problems.push({
        sheet: SHEETS[kind].name,
        row: null,
        column: null,
        message: `缺少名为 ${SHEETS[kind].aliases.join(" 或 ")} 的工作表`,
      });
  const names = {
    survey: found.survey?.name ?? SHEETS.survey.name,
    choices: found.choices?.name ?? SHEETS.choices.name,
    settings: found.settings?.name ?? SHEETS.settings.name,
  };
  const table = (kind: SheetKind) =>
    readTable(found[kind] ?? { name: names[kind], rows: [] }, SHEETS[kind].columns, problems);
  const places = new Places(names);
  const settings = readSettings(table("settings"), places, problems);
  const choices = table("choices");
  const lists = readChoices(choices, problems);
  const sections = readQuestions(table("survey"), lists, choices, places, problems);

  const order = [names.survey, names.choices, names.settings];
  const raw = { ...settings, sections };
  const parsed = SurveySchema.safeParse(raw);
  const later = parsed.success
    ? checkSurvey(parsed.data).map((p) => places.locate(p.path, p.message))
    : parsed.error.issues.map((issue) => places.locate(issue.path, issue.message));
  // A cell already reported (an unreadable number, say) is not reported again as missing.
  const seen = new Set(problems.map(cellKey));
  for (const problem of later) if (!seen.has(cellKey(problem))) problems.push(problem);
  if (problems.length > 0) return { survey: null, problems: sorted(problems, order) };
  return { survey: parsed.success ? parsed.data : null, problems: [] };
}
