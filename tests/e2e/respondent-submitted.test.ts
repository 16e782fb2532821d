// After submitting, the phone remembers only that the link was answered, with the receipt it showed:
// a reload says so instead of offering 开始填写 again, and the record can be cleared there or on
// /privacy. A single-use code leaves nothing behind.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { draftKey } from "../../client/respond/autosave.ts";
import { launchBrowser } from "../support/browser.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { issueCodes, storedItems } from "./page-level-steps.ts";
import { button, heading, openPhone, type PhonePage, seedDraft } from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const LAST_SECTION = survey.sections.length - 1;

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

/** Submits a whole filling from the last screen; returns the receipt the thank-you screen shows. */
async function submitFrom(p: PhonePage, url: string, id: string): Promise<string> {
  await seedDraft(p.page, url, id, fullAnswers(survey, "C"), LAST_SECTION);
  await button(p.page, "提交问卷").click();
  await p.page.getByText("提交成功，感谢您的参与！").waitFor();
  return (await p.page.locator("survey-page .receipt").textContent())?.trim() ?? "";
}

const DONE = /^survey-done:/;

describe("a link answered on this phone", { timeout: 90_000 }, () => {
  test("a reload says it was submitted, with the receipt; clearing offers the survey again", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    const receipt = await submitFrom(phone, link.url, link.id);
    expect(receipt).not.toBe("");
    await page.getByText("本设备只记住这个链接已提交过及其回执编号").waitFor();
    // The draft is gone; what is left is the link's record and the receipt, nothing else.
    expect(await storedItems(page)).toEqual({ [`survey-done:${link.id}`]: receipt });

    await page.reload();
    await page.getByRole("heading", { name: "您已提交过本问卷" }).waitFor();
    expect((await page.locator("survey-page .receipt").textContent())?.trim()).toBe(receipt);
    expect(await button(page, "开始填写").count()).toBe(0);
    expect(await heading(page).textContent()).toBe(survey.title);

    await button(page, "清除本设备上的提交记录").click();
    await button(page, "开始填写").waitFor();
    expect(await storedItems(page)).toEqual({});
    await page.reload();
    await button(page, "开始填写").waitFor();
    expect(await server.countResponses()).toBe(1);
  });

  test("/privacy says what stays on the phone and clears every record, leaving unsent answers", async () => {
    const first = await server.createLink({ label: "一" });
    const second = await server.createLink({ label: "二" });
    const third = await server.createLink({ label: "三" });
    phone = await openPhone(browser);
    const { page } = phone;
    await submitFrom(phone, first.url, first.id);
    await submitFrom(phone, second.url, second.id);
    // A third survey started but not sent: its draft is not a record of a submission.
    await seedDraft(page, third.url, third.id, fullAnswers(survey, "D"), 1);
    expect(Object.keys(await storedItems(page)).filter((k) => DONE.test(k))).toHaveLength(2);

    await page.goto(`${server.url}/privacy`);
    await page.getByText("手机上只留下一条提交记录").waitFor();
    await page.getByText("用纸质答题码提交的，手机上不留任何记录").waitFor();
    await page.getByText("这部手机上现有 2 条提交记录。").waitFor();
    await button(page, "清除本设备上的提交记录").click();
    await page.getByText("这部手机上没有提交记录。").waitFor();
    expect(Object.keys(await storedItems(page))).toEqual([draftKey(third.id)]);

    await page.goto(first.url);
    await button(page, "开始填写").waitFor();
    expect(phone.errors).toEqual([]);
  });

  test("a single-use code leaves nothing on the phone, and its page stays that of an unknown code", async () => {
    const [slip] = await issueCodes(server, survey.id, 1);
    if (!slip) throw new Error("no code issued");
    phone = await openPhone(browser);
    const { page } = phone;
    await submitFrom(phone, slip.url, slip.code);
    expect(await storedItems(page)).toEqual({});
    await page.getByText("本设备只记住这个链接已提交过").waitFor({ state: "detached" });

    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(404);
    const unknown = await fetch(`${server.url}/c/${"B".repeat(22)}`);
    expect(await reloaded?.text()).toBe(await unknown.text());
    expect(await storedItems(page)).toEqual({});
  });
});
