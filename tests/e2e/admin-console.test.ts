// The admin console end to end: real server, real SQLite, headless Chromium at laptop, tablet and phone size.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { newSubmissionId, postJson } from "../support/api.ts";
import { launchBrowser } from "../support/browser.ts";
import { secretHits, secretsOf } from "../support/log-secrets.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import {
  button,
  type ConsolePage,
  cellTexts,
  createBatch,
  createLink,
  goTo,
  navLinks,
  openConsole,
  openSlipSheet,
  readSlips,
  rowOf,
  setUpFirstAdmin,
  signIn,
  signOut,
  statusLine,
  TABLET,
  textbox,
  waitForView,
} from "./admin-steps.ts";
import { fillToEnd, fitsWidth, openPhone, type PhonePage, runAxe } from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const PHONE = { width: 390, height: 844 };
const ADMIN = { username: "wang", displayName: "王老师", password: "correct horse battery" };
const SETUP_GONE = /设置链接无效、已使用或已过期/;
// A used code is answered exactly like an unknown one (server/respondent/entry-unavailable.ts).
const USED_CODE =
  "这个问卷码不能再使用：它可能已经提交过（每个码只能提交一次）、已作废，或输入有误。如有疑问，请向发放问卷的单位咨询。";

let browser: Browser;
let server: TestServer;
let admin: ConsolePage | undefined;
let phone: PhonePage | undefined;

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
  await admin?.close();
  await phone?.close();
  admin = undefined;
  phone = undefined;
  // Everything the server wrote during the test: no code, link id, response id or answer text.
  if (server) expect(secretHits(server.logs, await secretsOf(server))).toEqual([]);
  await server?.close();
});

/** Every request stayed on the test server, and the CSP refused nothing. */
function expectSelfContained(requests: string[], errors: string[]) {
  expect(requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  expect(errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
}

async function answerOnPhone(url: string) {
  phone = await openPhone(browser);
  const { page } = phone;
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  await page.getByRole("button", { name: "开始填写", exact: true }).click();
  await fillToEnd(page, survey, fullAnswers(survey, "G"));
  await page.getByRole("button", { name: "提交问卷", exact: true }).click();
  await page.getByText("提交成功，感谢您的参与！").waitFor();
  return page;
}

async function axeOn(page: Page, what: string) {
  expect({ view: what, violations: await runAxe(page) }).toEqual({ view: what, violations: [] });
}

describe("admin console", { timeout: 180_000 }, () => {
  test("setup, sign-out and sign-in; a link and 20 printed codes; a code answers once; returns count it", async () => {
    admin = await openConsole(browser);
    const { page } = admin;
    const setup = server.setupUrl();
    await setUpFirstAdmin(page, setup, ADMIN);
    await waitForView(page, "回收情况");
    // The spent token leaves the address bar, and the console opens on the default view.
    expect(new URL(page.url()).hash).toBe("#/returns");
    expect(await page.getByText(`${ADMIN.displayName}（管理员）`).isVisible()).toBe(true);

    await signOut(page);
    await page.getByText("已退出登录。").waitFor();
    await signIn(page, ADMIN.username, ADMIN.password);
    await waitForView(page, "回收情况");

    await goTo(page, "发放链接");
    await page.getByText("还没有链接。用上面的表单创建第一个发放链接。").waitFor();
    const linkUrl = await createLink(page, "教育系统");
    expect(linkUrl).toMatch(new RegExp(`^${server.url}/s/[\\w-]+$`));
    const linkRow = rowOf(page, "发放链接列表", "教育系统");
    expect((await cellTexts(linkRow)).slice(0, 4)).toEqual([
      "教育系统",
      "不限",
      "开放",
      "0 / 不限",
    ]);
    expect((await fetch(linkUrl)).status).toBe(200);

    await goTo(page, "一次性码");
    await createBatch(page, "纸质问卷", 20);
    const batchRow = rowOf(page, "一次性码批次列表", "纸质问卷");
    expect((await cellTexts(batchRow)).slice(0, 6)).toEqual([
      "纸质问卷",
      "不限",
      "开放",
      "20",
      "0",
      "0",
    ]);

    const sheet = await openSlipSheet(page, "纸质问卷");
    expect(new URL(sheet.url()).pathname).toMatch(/^\/api\/admin\/batches\/[\w-]+\/slips$/);
    const { shown, decoded } = await readSlips(sheet);
    expect(shown).toHaveLength(20);
    expect(decoded).toEqual(shown);
    expect(new Set(decoded).size).toBe(20);
    for (const url of decoded) expect(url).toMatch(new RegExp(`^${server.url}/c/[\\w-]{22}$`));
    await sheet.close();

    const code = decoded[0] ?? "";
    const phonePage = await answerOnPhone(code);
    const again = await phonePage.goto(code);
    expect(again?.status()).toBe(404);
    await phonePage.getByText(USED_CODE).waitFor();
    expect(await server.countResponses()).toBe(1);

    // One response waits for its cohort: the returns count nothing yet.
    await goTo(page, "回收情况");
    const returned = rowOf(page, "按批次统计", "纸质问卷");
    await returned.waitFor();
    expect(await cellTexts(returned)).toEqual(["纸质问卷", "不限", "开放", "20", "0", "0%"]);
    // Four more of the same category through the same batch make a cohort of five.
    for (const other of decoded.slice(1, 5)) {
      const id = other.split("/c/")[1] ?? "";
      const boot = (await (await fetch(`${server.url}/api/codes/${id}/survey`)).json()) as {
        version: number;
      };
      const sent = await postJson(`${server.url}/api/codes/${id}/responses`, {
        submissionId: newSubmissionId(),
        version: boot.version,
        ...fullAnswers(survey, "G"),
      });
      expect(sent.status).toBe(201);
    }
    await goTo(page, "问卷");
    await goTo(page, "回收情况");
    await returned.waitFor();
    expect(await cellTexts(returned)).toEqual(["纸质问卷", "不限", "开放", "20", "5", "25%"]);
    await page.getByText("本页只显示计数，不显示任何单份答卷。").waitFor();
    await page.getByText(/^已完成 5 份/).waitFor();
    await page.getByText(/^更新于 \d\d:\d\d:\d\d/).waitFor();
    // The survey list counts released responses per version.
    await goTo(page, "问卷");
    await page.getByText(/^第 1 版（\d{4}-\d\d-\d\d，当前）：5 份$/).waitFor();
    // The audit log names, in Chinese, who printed the slips.
    await goTo(page, "操作记录");
    await rowOf(page, "操作记录列表", "打印二维码条").waitFor();

    expectSelfContained(admin.requests, admin.errors);
    expectSelfContained(phone?.requests ?? [], phone?.errors ?? []);
  });

  test("axe finds no violations on any view, at laptop and tablet size", async () => {
    // axe is injected as an inline script, which the console's CSP would rightly refuse.
    admin = await openConsole(browser, { bypassCSP: true });
    const { page } = admin;
    await setUpFirstAdmin(page, server.setupUrl(), ADMIN);
    await waitForView(page, "回收情况");
    await axeOn(page, "returns, empty");

    await goTo(page, "发放链接");
    await axeOn(page, "links, empty");
    await createLink(page, "乡镇党委");
    await axeOn(page, "links");
    await goTo(page, "一次性码");
    await createBatch(page, "纸质问卷", 3);
    await axeOn(page, "batches");
    await goTo(page, "问卷");
    await axeOn(page, "surveys");
    await goTo(page, "账号");
    await axeOn(page, "accounts");
    await goTo(page, "API 令牌");
    await textbox(page, "用途说明").fill("导出脚本");
    await textbox(page, "您的密码").fill(ADMIN.password);
    await button(page, "创建令牌").click();
    await page.getByText("只显示这一次", { exact: false }).waitFor();
    await axeOn(page, "tokens, with a new secret");
    await goTo(page, "操作记录");
    await page.getByRole("region", { name: "操作记录列表" }).waitFor();
    await axeOn(page, "audit");
    await goTo(page, "回收情况");
    await rowOf(page, "按批次统计", "纸质问卷").waitFor();
    await axeOn(page, "returns");

    await page.setViewportSize(TABLET);
    await axeOn(page, "returns, tablet");
    expect(await fitsWidth(page)).toBe(true);
    await goTo(page, "发放链接");
    await axeOn(page, "links, tablet");
    // The wide link table scrolls inside its own box; the page itself never scrolls sideways.
    expect(await fitsWidth(page)).toBe(true);

    await signOut(page);
    await axeOn(page, "sign-in");
    await signIn(page, ADMIN.username, "not the password");
    await page.getByRole("alert").filter({ hasText: "用户名或密码不正确" }).waitFor();
    await axeOn(page, "sign-in, wrong password");
  });

  test("a link opening later reads 未开始 with its time, on a phone too; opened, it reads 开放", async () => {
    admin = await openConsole(browser, { viewport: PHONE });
    const { page } = admin;
    await setUpFirstAdmin(page, server.setupUrl(), ADMIN);
    await waitForView(page, "回收情况");
    await goTo(page, "发放链接");
    await textbox(page, "渠道名称").fill("下月渠道");
    // datetime-local has no textbox role; the browser's own zone both ways, as an office types it.
    await page.locator('input[name="opensAt"]').fill("2099-12-03T08:00");
    await button(page, "创建链接").click();
    await statusLine(page).filter({ hasText: "已创建链接“下月渠道”。" }).waitFor();
    const row = rowOf(page, "发放链接列表", "下月渠道");
    expect((await cellTexts(row))[2]).toBe("未开始（2099年12月3日 08:00 开放）");
    // The respondent's side of the same rule.
    const url = await row.getByRole("textbox", { name: "链接地址：下月渠道" }).inputValue();
    expect((await fetch(url)).status).toBe(403);

    await row.getByRole("button", { name: "编辑" }).click();
    await page.locator('input[name="opensAt"]').fill("");
    await button(page, "保存修改").click();
    await statusLine(page).filter({ hasText: "已保存“下月渠道”。" }).waitFor();
    await row
      .locator("td")
      .nth(2)
      .filter({ hasText: /^开放$/ })
      .waitFor();
    expect((await fetch(url)).status).toBe(200);
    expect(await fitsWidth(page)).toBe(true);
  });

  test("each role sees only its views; an expired session asks to sign in again", async () => {
    admin = await openConsole(browser);
    const { page } = admin;
    await setUpFirstAdmin(page, server.setupUrl(), ADMIN);
    await waitForView(page, "回收情况");
    expect(await navLinks(page).allInnerTexts()).toEqual([
      "回收情况",
      "发放链接",
      "一次性码",
      "问卷",
      "问卷编辑",
      "结果",
      "账号",
      "API 令牌",
      "操作记录",
    ]);
    await goTo(page, "账号");
    for (const [username, role] of [
      ["fafang", "发放员"],
      ["fenxi", "分析员"],
    ]) {
      await textbox(page, "用户名").fill(username ?? "");
      await textbox(page, "显示名称").fill(`${role}甲`);
      await page.getByRole("combobox", { name: "角色" }).selectOption({ label: role ?? "" });
      await textbox(page, "初始密码").fill("another long password");
      await button(page, "创建账号").click();
      await statusLine(page)
        .filter({ hasText: `已创建账号“${username}”。` })
        .waitFor();
    }

    await signOut(page);
    await signIn(page, "fafang", "another long password");
    await waitForView(page, "回收情况");
    expect(await navLinks(page).allInnerTexts()).toEqual([
      "回收情况",
      "发放链接",
      "一次性码",
      "API 令牌",
    ]);
    // A view the role may not open falls back to its default.
    await page.evaluate(() => {
      location.hash = "#/accounts";
    });
    await waitForView(page, "回收情况");

    await signOut(page);
    await signIn(page, "fenxi", "another long password");
    await waitForView(page, "结果");
    expect(await navLinks(page).allInnerTexts()).toEqual(["问卷", "结果", "API 令牌"]);
    await goTo(page, "问卷");
    expect(await button(page, "设置目标").count()).toBe(0);

    await admin.context.clearCookies();
    await navLinks(page).filter({ hasText: "API 令牌" }).click();
    await page.getByText("登录已过期，请重新登录").waitFor();
    await signIn(page, "fenxi", "another long password");
    await waitForView(page, "API 令牌");
  });

  test("a spent setup link and a refused survey import say why, each problem on its own line", async () => {
    admin = await openConsole(browser);
    const { page } = admin;
    const setup = server.setupUrl();
    await setUpFirstAdmin(page, setup, ADMIN);
    await waitForView(page, "回收情况");
    await page.goto("about:blank");
    await setUpFirstAdmin(page, setup, { ...ADMIN, username: "second" });
    await page.getByRole("alert").filter({ hasText: SETUP_GONE }).waitFor();

    await page.goto(`${server.url}/admin/`);
    await waitForView(page, "回收情况");
    await goTo(page, "问卷");
    await page.getByText("导入问卷或新版本").click();
    const broken = structuredClone(survey);
    const q1 = broken.sections[0]?.questions[0];
    if (!q1 || !("options" in q1) || !q1.options[0] || !q1.options[1]) throw new Error("no Q1");
    q1.options[1].code = q1.options[0].code;
    await textbox(page, "或直接粘贴问卷 JSON").fill(JSON.stringify(broken));
    await button(page, "导入问卷").click();
    const alert = page
      .getByRole("alert")
      .filter({ hasText: "sections[0].questions[0].options[1].code" });
    await alert.waitFor();
    expect(await alert.locator("li").count()).toBeGreaterThanOrEqual(1);

    await textbox(page, "或直接粘贴问卷 JSON").fill("{ not json");
    await button(page, "导入问卷").click();
    await page.getByRole("alert").filter({ hasText: "不是有效的 JSON" }).waitFor();
  });
});
