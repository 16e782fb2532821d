// The phone's Back gesture walks back through the sections (history API) instead of leaving the
// survey, keeps every answer out of the URL and the history, and survives a reload mid-way.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import {
  answerScreen,
  button,
  goNext,
  heading,
  openPhone,
  type PhonePage,
  questionBox,
} from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const title = (section: number) => survey.sections[section]?.title ?? "";

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
  server = await startTestServer();
});
afterEach(async () => {
  await phone?.close();
  await server?.close();
});

/** The gesture: the browser's own Back, then the screen it led to. */
async function swipeBack(page: Page): Promise<string> {
  const before = page.url() === "about:blank" ? "" : await heading(page).textContent();
  await page.goBack({ waitUntil: "commit" });
  for (let waited = 0; waited < 5000; waited += 50) {
    if (page.url() === "about:blank") return "(left the page)";
    const now = await heading(page).textContent();
    if (now !== before) return now ?? "";
    await page.waitForTimeout(50);
  }
  return before ?? "";
}

/** Everything the history holds for this tab's current entry, as text. */
const historyState = (page: Page) => page.evaluate(() => JSON.stringify(history.state));

describe("the phone's Back gesture", { timeout: 90_000 }, () => {
  test("goes back one section at a time, then to the start screen, then leaves", async () => {
    const link = await server.createLink();
    const plan = fullAnswers(survey, "C");
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "开始填写").click();
    const states: string[] = [];
    for (let section = 0; section < 3; section++) {
      expect(await heading(page).textContent()).toBe(title(section));
      await answerScreen(page, survey, plan);
      states.push(await historyState(page));
      await goNext(page);
    }
    expect(await heading(page).textContent()).toBe(title(3));
    // The URL never changes, and no entry carries an answer: only how deep it is.
    expect(page.url()).toBe(link.url);
    for (const state of states) expect(state).toMatch(/^\{"surveyDepth":\d\}$/);

    expect(await swipeBack(page)).toBe(title(2));
    expect(page.url()).toBe(link.url);
    // Answers given on the section are still there.
    await questionBox(page, "Q11").getByRole("checkbox", { checked: true }).first().waitFor();
    expect(await swipeBack(page)).toBe(title(1));
    expect(await swipeBack(page)).toBe(title(0));
    expect(await swipeBack(page)).toBe(survey.title);
    await button(page, "开始填写").waitFor();
    // From the start screen, Back does what it always did: it leaves the page.
    expect(await swipeBack(page)).toBe("(left the page)");
  });

  test("the page's 上一页 and the gesture take the same steps, and a reload mid-way keeps them", async () => {
    const link = await server.createLink();
    const plan = fullAnswers(survey, "E");
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "开始填写").click();
    for (let section = 0; section < 3; section++) {
      await answerScreen(page, survey, plan);
      await goNext(page);
    }
    expect(await heading(page).textContent()).toBe(title(3));

    // A reload on section 4: the draft brings the screen back, and Back still walks the sections.
    await page.reload();
    await heading(page).getByText(title(3)).waitFor();
    expect(await swipeBack(page)).toBe(title(2));
    await questionBox(page, "Q11").getByRole("checkbox", { checked: true }).first().waitFor();

    // The page's own Back button is a step back too: the gesture then goes on from there.
    await button(page, "上一页").click();
    await heading(page).getByText(title(1)).waitFor();
    expect(await swipeBack(page)).toBe(title(0));
    expect(page.url()).toBe(link.url);
    expect(await historyState(page)).toBe('{"surveyDepth":1}');
  });

  test("after submitting, one Back leaves the thank-you screen instead of walking the sections", async () => {
    const link = await server.createLink();
    const plan = fullAnswers(survey, "B");
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "开始填写").click();
    for (let section = 0; section < survey.sections.length; section++) {
      await answerScreen(page, survey, plan);
      if (await button(page, "提交问卷").isVisible()) break;
      await goNext(page);
    }
    await button(page, "提交问卷").click();
    await page.getByText("提交成功，感谢您的参与！").waitFor();
    // The page steps back to its own entry by itself; wait until it has (a bare entry counts as 0).
    await page.waitForFunction(() => (history.state?.surveyDepth ?? 0) === 0);
    expect(await swipeBack(page)).toBe("(left the page)");
    expect(await server.countResponses()).toBe(1);
  });
});
