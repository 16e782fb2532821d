// The pages a respondent meets when a link cannot be used say what is true: closed is over, full is
// full, and not-yet-open says when it opens, in the survey's time zone. A used code still reads
// exactly like an unknown one.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { issueCodes, submitDirectly } from "./page-level-steps.ts";
import { openPhone, type PhonePage } from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const NOW = "2099-06-01T00:00:00.000Z";

let browser: Browser;
let server: TestServer;
let phone: PhonePage;

beforeAll(async () => {
  browser = await launchBrowser();
  // The server's clock: mid-2099, so a link opening in December 2099 opens "this year".
  server = await startTestServer({ now: () => new Date(NOW) });
  phone = await openPhone(browser);
});
afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await server?.close();
});

/** What the phone shows at `url`: status, heading and the message under it. */
async function stateOf(page: Page, url: string) {
  const response = await page.goto(url);
  return {
    status: response?.status(),
    heading: (await page.locator("h1").textContent())?.trim(),
    message: (await page.locator("main p").textContent())?.trim(),
  };
}

describe("state pages", { timeout: 60_000 }, () => {
  test("a closed link says collection has ended, not that it is unavailable for now", async () => {
    const closed = await server.createLink({ state: "closed" });
    expect(await stateOf(phone.page, closed.url)).toEqual({
      status: 410,
      heading: "问卷已结束收集",
      message: "这份问卷已结束收集，感谢您的关注。",
    });
  });

  test("a full link says it has reached its number of responses", async () => {
    const full = await server.createLink({ cap: 1 });
    await submitDirectly(server, `/api/links/${full.id}`, survey);
    const shown = await stateOf(phone.page, full.url);
    expect(shown).toMatchObject({ status: 410, heading: "问卷已收满" });
    expect(shown.message).toContain("已达到份数上限");
    expect(`${shown.heading}${shown.message}`).not.toContain("暂时");
  });

  test("a link not yet open says when it opens, in Beijing time by default", async () => {
    const later = await server.createLink({ opensAt: "2100-01-05T00:00:00.000Z" });
    expect(await stateOf(phone.page, later.url)).toEqual({
      status: 403,
      heading: "问卷尚未开始",
      message: "这份问卷尚未开始收集，将于 2100年1月5日 08:00（北京时间）开放，请届时再打开。",
    });
    // Within the server's current year, the year is left out, as in the console.
    const soon = await server.createLink({ opensAt: "2099-12-03T00:00:00.000Z" });
    expect((await stateOf(phone.page, soon.url)).message).toContain(
      "将于 12月3日 08:00（北京时间）开放",
    );
  });

  test("the opening time is given in the survey's time zone (SURVEY_TIME_ZONE)", async () => {
    const berlin = await startTestServer({ env: { SURVEY_TIME_ZONE: "Europe/Berlin" } });
    try {
      const soon = await berlin.createLink({ opensAt: "2100-01-05T00:00:00.000Z" });
      expect((await stateOf(phone.page, soon.url)).message).toContain(
        "将于 2100年1月5日 01:00（Europe/Berlin）开放",
      );
    } finally {
      await berlin.close();
    }
  });

  test("a link past its closing time says when it closed", async () => {
    const ended = await server.createLink({ closesAt: "2001-06-01T04:30:00.000Z" });
    expect(await stateOf(phone.page, ended.url)).toEqual({
      status: 410,
      heading: "问卷已截止",
      message: "这份问卷的收集已于 2001年6月1日 12:30（北京时间）截止，感谢您的关注。",
    });
  });

  test("a used code and an unknown code get the very same page; an unknown link says so", async () => {
    const [used, spare] = await issueCodes(server, survey.id, 2);
    if (!used || !spare) throw new Error("no codes issued");
    await submitDirectly(server, `/api/codes/${used.code}`, survey);
    const usedPage = await phone.page.goto(used.url);
    const usedHtml = await usedPage?.text();
    const unknownPage = await phone.page.goto(`${server.url}/c/${"A".repeat(22)}`);
    expect(usedPage?.status()).toBe(404);
    expect(unknownPage?.status()).toBe(404);
    expect(usedHtml).toBe(await unknownPage?.text());
    expect(await stateOf(phone.page, used.url)).toEqual({
      status: 404,
      heading: "问卷码不能使用",
      message:
        "这个问卷码不能再使用：它可能已经提交过（每个码只能提交一次）、已作废，或输入有误。如有疑问，请向发放问卷的单位咨询。",
    });
    expect(await stateOf(phone.page, `${server.url}/s/NoSuchLinkNoSuchLink1`)).toEqual({
      status: 404,
      heading: "找不到这份问卷",
      message: "找不到这份问卷。请核对链接是否完整，或向发放问卷的单位索取新的链接。",
    });
    // The spare code still opens the survey.
    expect((await phone.page.goto(spare.url))?.status()).toBe(200);
  });

  test("a paused link says it is paused: the one state that is temporary", async () => {
    const paused = await server.createLink({ state: "paused" });
    expect(await stateOf(phone.page, paused.url)).toEqual({
      status: 403,
      heading: "问卷暂停收集",
      message: "这份问卷暂停收集，请稍后再试。",
    });
  });
});
