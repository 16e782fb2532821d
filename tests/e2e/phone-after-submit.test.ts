// Attack 3: what the phone keeps after 提交. Walks the real page section by section (so Back has
// history entries), submits, then searches everything the device holds — localStorage,
// sessionStorage, cookies, history.state, the URL — for the answers, a time of day and the code;
// presses Back and Forward after submitting; opens a second link of the same survey.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { issueCodes } from "./page-level-steps.ts";
import { button, fillToEnd, openPhone, type PhonePage } from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const MARKER = "暗号七三九甲乙";
const plan = (() => {
  const p = fullAnswers(survey, "C");
  return { ...p, answers: { ...p.answers, Q27: `${MARKER}短`, Q28: `${MARKER}长` } };
})();

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

/** Everything this origin keeps on the device that a page can read, as one text. */
async function deviceState(page: Page) {
  const inPage = await page.evaluate(() => {
    const dump = (s: Storage) =>
      Object.fromEntries(
        Array.from({ length: s.length }, (_, i) => s.key(i) ?? "").map((k) => [k, s.getItem(k)]),
      );
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      historyState: history.state as unknown,
      historyLength: history.length,
      url: location.href,
      cookie: document.cookie,
    };
  });
  const cookies = await page.context().cookies();
  return { ...inPage, cookies };
}

async function walkAndSubmit(page: Page, url: string) {
  await page.goto(url);
  await button(page, "开始填写").click();
  await fillToEnd(page, survey, plan);
  await button(page, "提交问卷").click();
  await page.getByText("提交成功，感谢您的参与！").waitFor();
}

const posts = (p: PhonePage) => p.requests.filter((r) => r.endsWith("/responses")).length;

describe("attack 3: the phone after submitting", { timeout: 120_000 }, () => {
  test("a link: no answer, no time of day, nothing but the link's record survives", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await walkAndSubmit(page, link.url);
    const state = await deviceState(page);
    const all = JSON.stringify(state);
    expect(all).not.toContain(MARKER);
    expect(Object.keys(state.local).sort()).toEqual(
      [`survey-done:${link.id}`]
        .concat(Object.keys(state.local).filter((k) => !k.startsWith("survey-")))
        .sort(),
    );
    expect(state.session).toEqual({});
    expect(state.cookies).toEqual([]);
    expect(JSON.stringify(state.local)).not.toMatch(/\d{1,2}:\d{2}|T\d{2}/);
    expect(state.url).toBe(link.url);
    // history.state holds a depth and nothing else
    expect(Object.keys((state.historyState as object | null) ?? {})).toEqual(["surveyDepth"]);

    // Back after submitting: never a second POST, never the answers again.
    await page.goBack();
    await page.waitForTimeout(300);
    if (page.url().startsWith(server.url)) {
      expect((await page.locator("body").textContent()) ?? "").not.toContain(MARKER);
    }
    await page.goForward().catch(() => null);
    await page.waitForTimeout(500);
    await page.goBack().catch(() => null);
    await page.waitForTimeout(300);
    await page.goForward().catch(() => null);
    await page.waitForTimeout(500);
    const text = await page.evaluate(
      () =>
        document.body.textContent +
        (document.querySelector("survey-page")?.shadowRoot?.textContent ?? ""),
    );
    expect(text).not.toContain(MARKER);
    expect(posts(phone)).toBe(1);
    expect(await server.countResponses()).toBe(1);
  });

  test("another link of the same survey on the same phone is not taken as answered", async () => {
    const first = await server.createLink({ label: "甲" });
    const second = await server.createLink({ label: "乙" });
    phone = await openPhone(browser);
    const { page } = phone;
    await walkAndSubmit(page, first.url);
    await page.goto(second.url);
    await button(page, "开始填写").waitFor();
    await page.goto(first.url);
    await page.getByRole("heading", { name: "您已提交过本问卷" }).waitFor();
  });

  test("a single-use code: after submitting, the device no longer shows or keeps the code", async () => {
    const [slip] = await issueCodes(server, survey.id, 1);
    if (!slip) throw new Error("no code issued");
    phone = await openPhone(browser);
    const { page } = phone;
    await walkAndSubmit(page, `${server.url}/c/${slip.code}`);
    const state = await deviceState(page);
    expect(JSON.stringify(state.local) + JSON.stringify(state.session)).not.toContain(slip.code);
    expect(JSON.stringify(state)).not.toContain(MARKER);
    // The address bar and this tab's history entry still read /c/<code> after the thank-you.
    expect(state.url).not.toContain(slip.code);
  });
});
