// Rating grids on the phone page: the grid survey, a server serving it, and a respondent's taps.
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import type { Locator, Page } from "playwright-core";
import { listQuestions } from "../../surveys/format/answers.ts";
import { parseSurveyText } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import type { MatrixQuestion, Survey } from "../../surveys/format/schema.ts";
import { type FullAnswers, fullAnswers } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { questionBox } from "./respondent-steps.ts";

/** The seed survey with its evaluation questions as grids (surveys/, from the format's owner). */
export const GRID_FILE = resolve(
  ["surveys/political-ecology_grid.json", "surveys/political-ecology-grid.json"].find((path) =>
    existsSync(path),
  ) ?? "surveys/political-ecology_grid.json",
);
const SEED_FILE = resolve("surveys/political-ecology.json");

export function loadSurveyFile(path: string): Survey {
  const parsed = parseSurveyText(readFileSync(path, "utf8"), path);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return resolveSurvey(parsed.survey);
}

export const gridsOf = (survey: Survey): MatrixQuestion[] =>
  listQuestions(survey).filter((q): q is MatrixQuestion => q.kind === "matrix");

/** A real server holding the seed and the grid survey; pages from DIST_DIR when a test sets it. */
export function startGridServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "grid-surveys-"));
  copyFileSync(SEED_FILE, join(dir, "political-ecology.json"));
  copyFileSync(GRID_FILE, join(dir, basename(GRID_FILE)));
  const env: Record<string, string> = process.env.DIST_DIR
    ? { DIST_DIR: process.env.DIST_DIR }
    : {};
  return startTestServer({ surveysDir: dir, env });
}

/** Complete valid answers for any survey, with every grid row given its scale's first point. */
export function gridAnswers(survey: Survey, category: string): FullAnswers {
  const plan = fullAnswers(survey, category);
  for (const grid of gridsOf(survey))
    plan.answers[grid.code] = Object.fromEntries(
      grid.rows.map((r) => [r.code, grid.options[0]!.code]),
    );
  return plan;
}

/** One row of a grid: a radiogroup named by its row label. */
export const gridRow = (page: Page, grid: string, label: string): Locator =>
  questionBox(page, grid).getByRole("radiogroup", { name: label, exact: true });

/** Taps one point of the scale on one row, as a thumb would. */
export async function tapPoint(page: Page, grid: string, row: string, point: string) {
  await gridRow(page, grid, row).getByText(point, { exact: true }).tap();
}

/** The option labels checked on each row of a grid, as the page shows them. */
export function checkedPoints(page: Page, grid: MatrixQuestion): Promise<(string | null)[]> {
  return Promise.all(
    grid.rows.map(async (row) => {
      const checked = gridRow(page, grid.code, row.label).getByRole("radio", { checked: true });
      return (await checked.count()) === 0
        ? null
        : checked.evaluate((el) => el.parentElement?.textContent?.trim() ?? "");
    }),
  );
}
