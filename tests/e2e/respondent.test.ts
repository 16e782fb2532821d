// The phone page end to end: real server, real SQLite, headless Chromium at 360×640.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import { launchBrowser } from "../support/browser.ts";
import { secretHits, secretsOf } from "../support/log-secrets.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
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
  seedDraft,
  smallTargets,
} from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const question = (code: string) => {
  const q = listQuestions(survey).find((x) => x.code === code);
  if (!q) throw new Error(`no question ${code}`);
  return q;
};
const optionLabel = (code: string, option: string) => {
  const q = question(code);
  const label = isChoice(q) ? q.options.find((o) => o.code === option)?.label : undefined;
  if (!label) throw new Error(`no option ${code}.${option}`);
  return label;
};
const PRIVACY =
  "本问卷匿名填写：不记录您的姓名、手机号、IP 地址、设备信息或精确作答时间，只保存您的答案、所属类别、发放渠道和提交日期。";
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
  // Everything the server wrote during the test: no code, link id, response id or answer text.
  if (server) expect(secretHits(server.logs, await secretsOf(server))).toEqual([]);
  await server?.close();
});

/** Every request stayed on the test server, and nothing was refused by the page's CSP. */
function expectSelfContained(p: PhonePage) {
  expect(
    p.requests.filter((url) => !url.startsWith(`${server.url}/`) && !url.startsWith("data:")),
  ).toEqual([]);
  expect(p.errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
}

describe("respondent page", { timeout: 90_000 }, () => {
  test("a respondent answers all 28 questions on a phone and gets a receipt", async () => {
    const link = await server.createLink({ label: "教育系统" });
    const plan = fullAnswers(survey, "G");
    expect(Object.keys(plan.answers)).toHaveLength(28);
    phone = await openPhone(browser);
    const { page } = phone;

    const response = await page.goto(link.url);
    expect(response?.status()).toBe(200);
    await page.getByText(PRIVACY).waitFor();
    expect(await heading(page).textContent()).toBe(survey.title);
    // The privacy note links to 本系统保存什么, which opens beside the survey, on our own origin.
    const [stored] = await Promise.all([
      page.waitForEvent("popup"),
      page.getByRole("link", { name: "本系统保存什么" }).click(),
    ]);
    await stored.getByRole("heading", { name: "本系统保存什么", level: 1 }).waitFor();
    expect(stored.url()).toBe(`${server.url}/privacy`);
    expect(await stored.locator("tr[data-field^='responses.']").count()).toBe(6);
    expect(await fitsWidth(stored)).toBe(true);
    await stored.close();
    expect(await fitsWidth(page)).toBe(true);
    await button(page, "开始填写").click();

    await fillToEnd(page, survey, plan, async () => {
      expect(await fitsWidth(page)).toBe(true);
      if ((await questionBox(page, "Q11").count()) === 0) return;
      // Display logic, live: the follow-ups appear only once their trigger is answered.
      expect(await questionBox(page, "Q12").isHidden()).toBe(true);
      expect(await questionBox(page, "Q19").isHidden()).toBe(true);
      await answerQuestion(page, question("Q11"), ["B"]);
      expect(await questionBox(page, "Q12").isVisible()).toBe(true);
      await answerQuestion(page, question("Q18"), "A");
      expect(await questionBox(page, "Q19").isVisible()).toBe(true);
    });
    await page.getByRole("progressbar", { name: `第 5 / 5 部分` }).waitFor();
    const posted = page.waitForRequest((r) => r.method() === "POST");
    await button(page, "提交问卷").click();
    const body = (await posted).postDataJSON();
    expect(body.submissionId).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(Object.keys(body.answers)).toHaveLength(28);

    await page.getByText("提交成功，感谢您的参与！").waitFor();
    const receipt = await page.locator("survey-page .receipt").textContent();
    expect(receipt?.trim()).not.toBe("");
    expect(await server.countResponses()).toBe(1);
    expect(await server.responseCategories()).toEqual(["G"]);
    const others = (await server.answerRows()).filter((r) => r.text !== null && r.option === "X");
    expect(others.map((r) => [r.question, r.text])).toEqual(
      Object.entries(plan.otherText).sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(await readDraft(page, link.id)).toBeNull();
    // What stays on the phone: that this link was answered, with the receipt shown; no answers.
    expect(await page.evaluate(() => Object.entries(localStorage).map(([k, v]) => [k, v]))).toEqual(
      [[`survey-done:${link.id}`, receipt?.trim()]],
    );
    expectSelfContained(phone);
  });

  test("answers typed halfway come back after a reload", async () => {
    const link = await server.createLink();
    const plan = fullAnswers(survey, "J");
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "开始填写").click();
    await answerScreen(page, survey, plan);
    await goNext(page);
    await answerScreen(page, survey, plan);
    await goNext(page);
    await answerQuestion(page, question("Q11"), ["B", "X"], "论资排辈");

    await page.reload();
    await page.getByText("已恢复本设备上尚未提交的答案。").waitFor();
    expect(await heading(page).textContent()).toBe(survey.sections[2]?.title);
    const q11 = questionBox(page, "Q11");
    expect(await q11.getByRole("checkbox", { name: optionLabel("Q11", "B") }).isChecked()).toBe(
      true,
    );
    expect(await q11.getByRole("textbox", { name: /^请注明/ }).inputValue()).toBe("论资排辈");
    expect(await questionBox(page, "Q12").isVisible()).toBe(true);
    await button(page, "上一页").click();
    await questionBox(page, "Q2").getByRole("radio", { checked: true }).waitFor();
  });

  test("double-clicking Submit stores one response", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await seedDraft(page, link.url, link.id, fullAnswers(survey, "D"), LAST_SECTION);
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
    await button(page, "提交问卷").dblclick();
    await page.getByText("提交成功，感谢您的参与！").waitFor();
    await page.waitForTimeout(500);
    expect(posts).toHaveLength(1);
    expect(await server.countResponses()).toBe(1);
  });

  test("a POST lost on the network is retried automatically under the same submissionId", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await seedDraft(page, link.url, link.id, fullAnswers(survey, "A"), LAST_SECTION);
    const ids: string[] = [];
    await page.route("**/api/links/*/responses", async (route) => {
      ids.push(route.request().postDataJSON().submissionId);
      if (ids.length === 1) return route.abort("internetdisconnected");
      return route.continue();
    });
    await button(page, "提交问卷").click();
    await page.getByText("提交成功，感谢您的参与！").waitFor();
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(await server.countResponses()).toBe(1);
  });

  test("when the answer to a stored POST is lost, retrying by hand still stores one response", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await seedDraft(page, link.url, link.id, fullAnswers(survey, "A"), LAST_SECTION);
    const ids: string[] = [];
    await page.route("**/api/links/*/responses", async (route) => {
      ids.push(route.request().postDataJSON().submissionId);
      // The first attempt reaches the server; every reply is lost until the route is removed.
      if (ids.length === 1) await route.fetch();
      return route.abort("connectionreset");
    });
    await button(page, "提交问卷").click();
    await button(page, "重新提交").waitFor({ timeout: 20_000 });
    await page.getByText(/提交没有成功/).waitFor();
    expect(await server.countResponses()).toBe(1);
    expect(await readDraft(page, link.id)).not.toBeNull();

    await page.unrouteAll();
    await button(page, "重新提交").click();
    await page.getByText("提交成功，感谢您的参与！").waitFor();
    expect(ids.length).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(1);
    expect(await server.countResponses()).toBe(1);
  });

  test("full and closed links get a Chinese page with status 410", async () => {
    const full = await server.createLink({ cap: 1 });
    const closed = await server.createLink({ state: "closed" });
    phone = await openPhone(browser);
    const { page } = phone;
    await seedDraft(page, full.url, full.id, fullAnswers(survey, "B"), LAST_SECTION);
    await button(page, "提交问卷").click();
    await page.getByText("提交成功，感谢您的参与！").waitFor();

    const fullPage = await page.goto(full.url);
    expect(fullPage?.status()).toBe(410);
    await page
      .getByText("这份问卷已收满：已达到份数上限，不再接收新的答卷。感谢您的关注。")
      .waitFor();
    expect(await page.locator("survey-page").count()).toBe(0);
    const closedPage = await page.goto(closed.url);
    expect(closedPage?.status()).toBe(410);
    await page.getByText("这份问卷已结束收集，感谢您的关注。").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  });

  test("a link locked to a category hides Q1, stores its category and drops hidden answers", async () => {
    const link = await server.createLink({ category: "G", label: "一线教师" });
    const plan = fullAnswers(survey, "A", "G");
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "开始填写").click();
    // Section one holds only the category question, so it is skipped altogether.
    expect(await heading(page).textContent()).toBe(survey.sections[1]?.title);
    await page.getByRole("progressbar", { name: "第 1 / 4 部分" }).waitFor();
    expect(await questionBox(page, "Q1").count()).toBe(0);
    expect(await questionBox(page, "Q2").locator("legend").textContent()).toMatch(/^\s*1\./);

    await fillToEnd(page, survey, plan);
    // Q25 was answered; choosing another channel hides it again, and its answer must not be sent.
    expect(await questionBox(page, "Q25").isVisible()).toBe(false);
    await button(page, "上一页").click();
    expect(await questionBox(page, "Q25").isVisible()).toBe(true);
    await answerQuestion(page, question("Q24"), "A");
    expect(await questionBox(page, "Q25").isHidden()).toBe(true);
    await goNext(page);
    await button(page, "提交问卷").click();
    await page.getByText("提交成功，感谢您的参与！").waitFor();

    expect(await server.responseCategories()).toEqual(["G"]);
    const questions = new Set((await server.answerRows()).map((r) => r.question));
    expect(questions.has("Q1")).toBe(false);
    expect(questions.has("Q25")).toBe(false);
    expect(questions.has("Q24")).toBe(true);
  });

  test("Next shows inline errors, marks and focuses the first invalid question", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "开始填写").click();
    await answerQuestion(page, question("Q1"), "C");
    await goNext(page);
    await button(page, "下一页").click();

    const q2 = questionBox(page, "Q2");
    await q2.getByText("这道题必须作答").waitFor();
    expect(await focusedQuestion(page)).toBe("Q2");
    const fieldset = q2.locator("fieldset");
    expect(await fieldset.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await fieldset.getAttribute("aria-describedby")) ?? "";
    const errorId = await q2.locator(".error").getAttribute("id");
    expect(describedBy.split(" ")).toContain(errorId);
    expect(await page.locator("survey-question .error").count()).toBe(9);
    expect(await heading(page).textContent()).toBe(survey.sections[1]?.title);

    // Answering clears that question's message at once; the others stay until fixed.
    await answerQuestion(page, question("Q2"), "B");
    expect(await q2.locator(".error").count()).toBe(0);
    expect(await page.locator("survey-question .error").count()).toBe(8);
  });

  test("the language toggle switches the page's own words and is remembered", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "English").click();
    await button(page, "Start").waitFor();
    expect(await heading(page).textContent()).toBe(survey.title);
    await page.reload();
    await button(page, "Start").click();
    await button(page, "Next").click();
    await questionBox(page, "Q1").getByText("This question is required").waitFor();
    await button(page, "中文").click();
    await questionBox(page, "Q1").getByText("这道题必须作答").waitFor();
  });

  test("axe finds no accessibility violations on the start, error and thank-you screens", async () => {
    const link = await server.createLink();
    // axe is injected as an inline script, which the page's CSP would rightly refuse.
    phone = await openPhone(browser, { bypassCSP: true });
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "开始填写").waitFor();
    expect(await runAxe(page)).toEqual([]);

    await button(page, "开始填写").click();
    await answerQuestion(page, question("Q1"), "E");
    await goNext(page);
    await button(page, "下一页").click();
    await questionBox(page, "Q2").getByText("这道题必须作答").waitFor();
    expect(await runAxe(page)).toEqual([]);

    await seedDraft(page, link.url, link.id, fullAnswers(survey, "E"), LAST_SECTION);
    await button(page, "提交问卷").click();
    await page.getByText("提交成功，感谢您的参与！").waitFor();
    expect(await runAxe(page)).toEqual([]);
    expectSelfContained(phone);
  });

  test("every screen fits 360 px at 200% text size, with touch targets at least 44 px high", async () => {
    const link = await server.createLink();
    // The larger text is injected as a style tag, which the page's CSP would refuse.
    phone = await openPhone(browser, { bypassCSP: true });
    const { page } = phone;
    await page.goto(link.url);
    await page.addStyleTag({ content: "html { font-size: 200% !important; }" });
    expect(await fitsWidth(page)).toBe(true);
    await button(page, "开始填写").click();
    const plan = fullAnswers(survey, "K");
    await fillToEnd(page, survey, plan, async () => {
      expect(await fitsWidth(page)).toBe(true);
      expect(await smallTargets(page)).toEqual([]);
    });
    expect(await fitsWidth(page)).toBe(true);
    expect(await smallTargets(page)).toEqual([]);
  });
});
