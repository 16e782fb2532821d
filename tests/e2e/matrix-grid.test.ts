// A rating grid on a 360×640 phone, end to end: taps, keys, a named missing row, autosave, storage.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { matrixRowKey } from "../../surveys/format/matrix-answers.ts";
import { launchBrowser } from "../support/browser.ts";
import type { TestServer } from "../support/test-server.ts";
import {
  checkedPoints,
  GRID_FILE,
  gridAnswers,
  gridRow,
  gridsOf,
  loadSurveyFile,
  startGridServer,
  tapPoint,
} from "./matrix-steps.ts";
import {
  answerQuestion,
  answerScreen,
  button,
  fillToEnd,
  fitsWidth,
  focusedQuestion,
  goNext,
  heading,
  openPhone,
  type PhonePage,
  questionBox,
  readDraft,
  runAxe,
} from "./respondent-steps.ts";

const survey = loadSurveyFile(GRID_FILE);
const [grid, second] = gridsOf(survey);
if (!grid || !second) throw new Error(`${GRID_FILE} needs two grids`);
const label = (row: number) => grid.rows[row]!.label;
const point = (option: number) => grid.options[option]!.label;
/** Everything but the grids, which the steps tap by hand. */
const plan = gridAnswers(survey, "C");
const planWithoutGrids = {
  answers: Object.fromEntries(
    Object.entries(plan.answers).filter(([code]) => code !== grid.code && code !== second.code),
  ),
  otherText: plan.otherText,
};

let browser: Browser;
let server: TestServer;
let phone: PhonePage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  server = await startGridServer();
});
afterEach(async () => {
  await phone?.close();
  await server?.close();
});

/** Opens the link, starts, answers the first screen and goes on to the grids' screen. */
async function openGrids(bypassCSP = false) {
  const link = await server.createLink({ surveyId: survey.id });
  phone = await openPhone(browser, { bypassCSP });
  const { page } = phone;
  await page.goto(link.url);
  await button(page, "开始填写").click();
  while ((await questionBox(page, grid!.code).count()) === 0) {
    await answerScreen(page, survey, planWithoutGrids);
    await goNext(page);
  }
  return { link, page };
}

describe("rating grid on the phone", { timeout: 90_000 }, () => {
  test("a respondent taps a grid; a missing row is named; the answer reaches the server", async () => {
    const { link, page } = await openGrids();
    expect(await fitsWidth(page)).toBe(true);
    // Every row but one, the last point (不作评价) on one of them.
    const answer: Record<string, string> = {};
    grid.rows.forEach((row, i) => {
      if (i !== 3) answer[row.code] = grid.options[i % grid.options.length]!.code;
    });
    await answerQuestion(page, grid, answer);
    await answerQuestion(page, second, plan.answers[second.code] ?? {});
    await button(page, "下一页").click();

    // The message names the row, the row is marked, and focus lands in it.
    const box = questionBox(page, grid.code);
    await box.getByText(`未作答：${label(3)}`).waitFor();
    expect(await gridRow(page, grid.code, label(3)).getAttribute("aria-invalid")).toBe("true");
    expect(await gridRow(page, grid.code, label(2)).getAttribute("aria-invalid")).toBeNull();
    expect(await focusedQuestion(page)).toBe(grid.code);
    const focusedRow = await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.closest("[role=radiogroup]")?.getAttribute("data-row");
    });
    expect(focusedRow).toBe(grid.rows[3]!.code);

    // Arrow keys move along the row's scale, choosing as they go, like any radio group.
    await page.keyboard.press("ArrowRight");
    expect((await checkedPoints(page, grid))[3]).toBe(point(1));
    await box.getByText(/未作答/).waitFor({ state: "detached" });
    await page.keyboard.press("ArrowRight");
    expect((await checkedPoints(page, grid))[3]).toBe(point(2));

    // Autosave keeps the grid: a reload shows every row as it was.
    const shown = await checkedPoints(page, grid);
    const draft = JSON.parse((await readDraft(page, link.id)) ?? "{}");
    expect(draft.answers[grid.code]).toEqual({
      ...answer,
      [grid.rows[3]!.code]: grid.options[2]!.code,
    });
    await page.reload();
    await questionBox(page, grid.code).waitFor();
    expect(await checkedPoints(page, grid)).toEqual(shown);

    await goNext(page);
    await fillToEnd(page, survey, planWithoutGrids);
    const posted = page.waitForRequest((r) => r.method() === "POST");
    await button(page, "提交问卷").click();
    expect((await posted).postDataJSON().answers[grid.code]).toEqual(draft.answers[grid.code]);
    await page.getByText("提交成功，感谢您的参与！").waitFor();

    const stored = (await server.answerRows()).filter((r) =>
      r.question.startsWith(`${grid.code}.`),
    );
    const expected = grid.rows.map((row) => ({
      question: matrixRowKey(grid.code, row.code),
      option: draft.answers[grid.code][row.code],
      text: null,
    }));
    expect(stored).toEqual(expect.arrayContaining(expected));
    expect(stored).toHaveLength(grid.rows.length);
    expect(await readDraft(page, link.id)).toBeNull();
  });

  test("a grid passes axe and fits 360 px at 200% text, each point at least 44 px high", async () => {
    // axe and the larger text are injected, which the page's CSP would rightly refuse.
    const { page } = await openGrids(true);
    await button(page, "下一页").click();
    await questionBox(page, grid.code)
      .getByText(/未作答/)
      .waitFor();
    expect(await runAxe(page)).toEqual([]);
    await page.addStyleTag({ content: "html { font-size: 200% !important; }" });
    await tapPoint(page, grid.code, label(0), point(0));
    expect(await fitsWidth(page)).toBe(true);
    const small = await questionBox(page, grid.code)
      .locator("label")
      .evaluateAll((els) =>
        els.flatMap((el) => (el.getBoundingClientRect().height < 44 ? [el.textContent] : [])),
      );
    expect(small).toEqual([]);
    expect(await heading(page).textContent()).toBe(
      survey.sections.find((s) => s.questions.includes(grid))?.title,
    );
  });
});
