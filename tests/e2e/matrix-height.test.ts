// Grids shorten the evaluation screen: its height in phone screens, seed survey against grid version.
import { nanoid } from "nanoid";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { draftKey } from "../../client/respond/autosave.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import { launchBrowser, newPhoneContext } from "../support/browser.ts";
import { loadSeedSurvey } from "../support/survey-answers.ts";
import type { TestServer } from "../support/test-server.ts";
import { GRID_FILE, loadSurveyFile, startGridServer } from "./matrix-steps.ts";
import { heading } from "./respondent-steps.ts";

const seed = loadSeedSurvey();
const grid = loadSurveyFile(GRID_FILE);
/** The screen the grids are on, by its section code, in both surveys. */
const sectionCode = grid.sections.find((s) => s.questions.some((q) => q.kind === "matrix"))?.code;

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startGridServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Screens {
  /** The section's heading and questions, in screen heights. */
  section: number;
  /** The whole page on that screen (progress, buttons too), in screen heights. */
  page: number;
}

/** Opens the survey straight on the section, through a stored draft, and measures it. */
async function measureSection(page: Page, survey: Survey): Promise<Screens> {
  const index = survey.sections.findIndex((s) => s.code === sectionCode);
  const link = await server.createLink({ surveyId: survey.id });
  await page.goto(link.url);
  const draft = { answers: {}, otherText: {}, section: index, submissionId: nanoid() };
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    draftKey(link.id),
    JSON.stringify(draft),
  ] as const);
  await page.reload();
  await heading(page).filter({ hasText: survey.sections[index]!.title }).waitFor();
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const body = document.querySelector("survey-page")?.shadowRoot?.querySelector("survey-section");
    const screen = window.innerHeight;
    return {
      section: (body?.getBoundingClientRect().height ?? 0) / screen,
      page: document.documentElement.scrollHeight / screen,
    };
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

describe("screen heights of the evaluation section", { timeout: 60_000 }, () => {
  test.each([
    { width: 360, height: 640 },
    { width: 390, height: 844 },
  ])("at $width×$height the grid version takes fewer screens", async (viewport) => {
    expect(sectionCode).toBeDefined();
    const context = await newPhoneContext(browser, { viewport });
    const page = await context.newPage();
    const before = await measureSection(page, seed);
    const after = await measureSection(page, grid);
    await context.close();
    console.log(
      `${viewport.width}×${viewport.height}, section ${sectionCode}: ` +
        `questions ${round(before.section)} → ${round(after.section)} screens, ` +
        `whole page ${round(before.page)} → ${round(after.page)} screens`,
    );
    expect(after.section).toBeGreaterThan(0);
    expect(after.section).toBeLessThan(before.section);
    expect(after.page).toBeLessThan(before.page);
  });
});
