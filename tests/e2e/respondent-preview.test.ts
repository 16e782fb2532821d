// The console's phone preview of a draft: the real page under a banner, saving and sending nothing.
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { draftKey } from "../../client/respond/autosave.ts";
import { addAccount, callAdmin, sessionCookie } from "../support/admin-session.ts";
import { launchBrowser } from "../support/browser.ts";
import type { TestServer } from "../support/test-server.ts";
import { GRID_FILE, gridAnswers, loadSurveyFile, startGridServer } from "./matrix-steps.ts";
import { button, fillToEnd, openPhone, type PhonePage } from "./respondent-steps.ts";

const survey = loadSurveyFile(GRID_FILE);
const plan = gridAnswers(survey, "B");
const BANNER = "预览：答案不会保存";

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

/** A draft of the grid survey, made through the console API, and an admin's session cookie. */
async function makeDraft(): Promise<{ draftId: string; cookie: string }> {
  const cookie = await sessionCookie(server, await addAccount(server, "editor", "admin"));
  const json = JSON.parse(readFileSync(GRID_FILE, "utf8"));
  const made = await callAdmin(server, { cookie }, "POST", "/admin/drafts", {
    source: "survey",
    survey: json,
  });
  expect(made.status).toBe(201);
  const draftId = (made.body as { draft: { id: string } }).draft.id;
  return { draftId, cookie };
}

const storageOf = (p: PhonePage) =>
  p.page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));

describe("phone preview of a draft", { timeout: 90_000 }, () => {
  test("the preview fills like the real page, never submits and leaves a link's draft alone", async () => {
    const { draftId, cookie } = await makeDraft();
    phone = await openPhone(browser);
    const { page } = phone;
    // A respondent's unsent answers to a real link, on the same device (the author's own phone).
    const link = await server.createLink({ surveyId: survey.id });
    await page.goto(link.url);
    const real = JSON.stringify({
      answers: { Q1: "A" },
      otherText: {},
      section: 1,
      submissionId: "x".repeat(21),
    });
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
      draftKey(link.id),
      real,
    ] as const);
    const before = await storageOf(phone);

    const [name, value] = cookie.split("=") as [string, string];
    await page.context().addCookies([{ name, value, url: server.url }]);
    const response = await page.goto(`${server.url}/admin/preview/${draftId}`);
    expect(response?.status()).toBe(200);
    await page.getByText(BANNER).waitFor();
    await button(page, "开始填写").click();
    await fillToEnd(page, survey, plan, async () => {
      await page.getByText(BANNER).waitFor();
      // Nothing is kept while filling either.
      expect(await storageOf(phone)).toEqual(before);
    });
    const requestsBefore = phone.requests.length;
    await button(page, "提交问卷").click();
    await page.locator("survey-page .receipt").getByText(BANNER).waitFor();
    await page.getByText(BANNER).first().waitFor();

    expect(phone.requests.slice(requestsBefore)).toEqual([]);
    expect(phone.requests.filter((url) => url.includes("/api/"))).toEqual([]);
    expect(await server.countResponses()).toBe(0);
    expect(await storageOf(phone)).toEqual(before);
    expect(phone.errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);

    // The link itself still offers its respondent's answers back, untouched.
    await page.goto(link.url);
    await page.getByText("已恢复本设备上尚未提交的答案。").waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), draftKey(link.id))).toBe(real);
  });
});
