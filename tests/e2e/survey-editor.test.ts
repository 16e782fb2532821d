// The survey editor in the console, end to end: real server, real SQLite, headless Chromium.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import {
  button,
  type ConsolePage,
  goTo,
  openConsole,
  rowOf,
  setUpFirstAdmin,
  tableRows,
  waitForView,
} from "./admin-steps.ts";
import {
  declareIndex,
  field,
  fillOptions,
  indexBlock,
  newBlankDraft,
  optionGroup,
  problemsBox,
  publish,
  question,
  saved,
  section,
  setKind,
  showWhen,
} from "./editor-steps.ts";

const ADMIN = { username: "wang", displayName: "王老师", password: "correct horse battery" };
/** A test may run against a build elsewhere (never emptying dist/ under other tests). */
const env: Record<string, string> = process.env.DIST_DIR ? { DIST_DIR: process.env.DIST_DIR } : {};

let browser: Browser;
let server: TestServer;
const pages: ConsolePage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  server = await startTestServer({ env });
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close();
  await server?.close();
});

async function signedIn() {
  const admin = await openConsole(browser);
  pages.push(admin);
  await setUpFirstAdmin(admin.page, server.setupUrl(), ADMIN);
  await waitForView(admin.page, "回收情况");
  return admin;
}

const optionLabels = (q: ReturnType<typeof question>) =>
  q
    .getByRole("textbox", { name: /^选项 \d+ 文字/ })
    .evaluateAll((boxes) => boxes.map((b) => (b instanceof HTMLInputElement ? b.value : "")));

describe("survey editor", { timeout: 180_000 }, () => {
  test("a blank draft: problems at their fields, one category, logic from dropdowns, reorder, publish", async () => {
    const { page, errors } = await signedIn();
    await newBlankDraft(page);
    await problemsBox(page).waitFor();
    await field(page, "问卷标题").fill("教师满意度调查");
    await field(page, "问卷编号").fill("teachers");
    await field(section(page, 1), "部分标题").fill("一、基本情况");

    await button(page, "在本部分末尾添加题目").click();
    const q1 = question(page, 1);
    await field(q1, "题目").fill("您的身份是？");
    await fillOptions(q1, ["教师", "校长"]);
    await q1.getByRole("checkbox", { name: /^分类题/ }).check();

    await button(page, "在本部分末尾添加题目").click();
    const q2 = question(page, 2);
    await field(q2, "题目").fill("您对学校的管理满意吗？");
    await fillOptions(q2, ["满意", "不满意"]);
    // The category question is exactly one: ticking Q2 unticks Q1.
    await q2.getByRole("checkbox", { name: /^分类题/ }).check();
    expect(await q1.getByRole("checkbox", { name: /^分类题/ }).isChecked()).toBe(false);
    await q1.getByRole("checkbox", { name: /^分类题/ }).check();

    await button(page, "在本部分末尾添加题目").click();
    const q3 = question(page, 3);
    await setKind(q3, "多选");
    await field(q3, "题目").fill("不满意的原因是？");
    await fillOptions(q3, ["待遇", "管理"]);
    await q3.getByRole("button", { name: "添加选项", exact: true }).click();
    await showWhen(q3, "Q2", "B. 不满意");

    // The empty third option: the server's message sits at that field, and in the summary.
    await saved(page);
    const third = field(optionGroup(q3, "选项 3"), "选项 3 文字");
    expect(await third.getAttribute("aria-invalid")).toBe("true");
    await optionGroup(q3, "选项 3").getByText("must not be empty").waitFor();
    expect(await problemsBox(page).textContent()).toContain("第 3 题 › 选项 3 › 文字");

    await third.fill("其他");
    await optionGroup(q3, "选项 3").getByRole("button", { name: "上移选项 3" }).click();
    expect(await optionLabels(q3)).toEqual(["待遇", "其他", "管理"]);
    await saved(page);
    await page.getByText("检查通过：可以预览和发布。").waitFor();

    const diff = await publish(page);
    expect(diff).toContain("这是一份新问卷");
    await page.getByText("已发布：“teachers”第 1 版，现在是当前版本。").waitFor();
    await goTo(page, "问卷");
    await rowOf(page, "问卷列表", "教师满意度调查").waitFor();
    const stored = await server.query<{ definition: string }>(
      "SELECT definition FROM survey_versions WHERE survey_id = 'teachers'",
    );
    const q = JSON.parse(stored[0]?.definition ?? "{}").sections[0].questions[2];
    expect(q.showIf).toEqual({ question: "Q2", equals: "B" });
    expect(q.options.map((o: { label: string }) => o.label)).toEqual(["待遇", "其他", "管理"]);
    expect(errors).toEqual([]);
  });

  test("an index (满意率) on a question and a grid: picked in the editor, published with the survey; a removed counted option is a problem", async () => {
    const { page, errors } = await signedIn();
    await newBlankDraft(page);
    await field(page, "问卷标题").fill("教师满意度调查");
    await field(page, "问卷编号").fill("teachers");
    await field(section(page, 1), "部分标题").fill("一、基本情况");

    await button(page, "在本部分末尾添加题目").click();
    const q1 = question(page, 1);
    await field(q1, "题目").fill("您的身份是？");
    await fillOptions(q1, ["教师", "校长"]);
    await q1.getByRole("checkbox", { name: /^分类题/ }).check();
    // The category question describes respondents: it offers no index.
    expect(await indexBlock(q1).count()).toBe(0);

    await button(page, "在本部分末尾添加题目").click();
    const q2 = question(page, 2);
    await field(q2, "题目").fill("您对学校的管理满意吗？");
    await fillOptions(q2, ["很满意", "满意", "不满意", "说不清"]);
    await optionGroup(q2, "选项 4")
      .getByRole("checkbox", { name: /^不作评价类/ })
      .check();
    await declareIndex(q2, ["A. 很满意", "B. 满意"]);
    expect(await field(indexBlock(q2), "指标名称").inputValue()).toBe("满意率");
    await field(indexBlock(q2), "简称").fill("学校管理");
    await indexBlock(q2).getByRole("combobox", { name: /^基数/ }).selectOption({ value: "shown" });

    await button(page, "在本部分末尾添加题目").click();
    const q3 = question(page, 3);
    await setKind(q3, "矩阵量表");
    await field(q3, "题目").fill("您如何评价以下方面？");
    await field(q3, "第 1 行 文字").fill("教学");
    await field(q3, "第 2 行 文字").fill("后勤");
    await field(q3, "等级 1 文字").fill("好");
    await field(q3, "等级 2 文字").fill("差");
    await declareIndex(q3, ["A. 好"]);
    // Another name: one name is one ranked table with one base (Q2's is 全部).
    await field(indexBlock(q3), "指标名称").fill("好评率");
    // A grid's rows name its aspects: no 简称 to fill.
    expect(await indexBlock(q3).getByRole("textbox").count()).toBe(1);
    await saved(page);
    await page.getByText("检查通过：可以预览和发布。").waitFor();

    // Removing an option the index counts: the problem shows at the index and in the summary.
    await optionGroup(q2, "选项 2").getByRole("button", { name: "删除选项 2" }).click();
    await saved(page);
    const gone = indexBlock(q2).getByRole("checkbox", { name: "B（已不是本题的选项）" });
    expect(await gone.isChecked()).toBe(true);
    await indexBlock(q2).getByText('"B" is not an option of "Q2"').waitFor();
    expect(await problemsBox(page).textContent()).toContain("第 2 题 › 指标 › 正面选项 2");
    await button(page, "发布").click();
    await page.getByText("还有 1 处需要改正，改正后才能发布。").first().waitFor();

    // Put back (it takes the free code B again) and moved to its place: the index counts it again.
    await q2.getByRole("button", { name: "添加选项", exact: true }).click();
    await field(optionGroup(q2, "选项 4"), "选项 4 文字").fill("满意");
    await optionGroup(q2, "选项 4").getByRole("button", { name: "上移选项 4" }).click();
    await optionGroup(q2, "选项 3").getByRole("button", { name: "上移选项 3" }).click();
    await saved(page);
    await page.getByText("检查通过：可以预览和发布。").waitFor();
    expect(await gone.count()).toBe(0);

    await publish(page);
    const stored = await server.query<{ definition: string }>(
      "SELECT definition FROM survey_versions WHERE survey_id = 'teachers'",
    );
    const [, single, grid] = JSON.parse(stored[0]?.definition ?? "{}").sections[0].questions;
    expect(single.options.map((o: { code: string }) => o.code)).toEqual(["A", "B", "C", "D"]);
    expect(single.index).toEqual({
      name: "满意率",
      aspect: "学校管理",
      positive: ["A", "B"],
      base: "shown",
    });
    expect(grid.index).toEqual({ name: "好评率", positive: ["A"], base: "valid" });
    expect(errors).toEqual([]);
  });

  test("someone else saved meanwhile: 409 says so and 重新载入 shows their copy", async () => {
    const a = await signedIn();
    await newBlankDraft(a.page);
    await field(a.page, "问卷标题").fill("甲的标题");
    await saved(a.page);
    const b = await openConsole(browser);
    pages.push(b);
    await b.context.addCookies(await a.context.cookies());
    await b.page.goto(`${server.url}/admin/#/editor`);
    await b.page.getByRole("button", { name: "编辑", exact: true }).click();
    await field(b.page, "问卷标题").fill("乙的标题");
    await saved(b.page);

    await field(a.page, "问卷标题").fill("甲又改了");
    await a.page.getByText(/别人在此期间修改了这份草稿/).waitFor();
    await button(a.page, "重新载入").click();
    await expect.poll(() => field(a.page, "问卷标题").inputValue()).toBe("乙的标题");
  });

  test("copy a version from 问卷, see the change and its meaning, preview at 360×640 storing nothing", async () => {
    const { page } = await signedIn();
    await goTo(page, "问卷");
    const seed = page.getByRole("cell", { name: "political-ecology", exact: true });
    await tableRows(page, "问卷列表")
      .filter({ has: seed })
      .getByRole("button", { name: "复制为草稿" })
      .click();
    await waitForView(page, "问卷编辑");
    const q2 = question(page, 2);
    await field(optionGroup(q2, "选项 1"), "选项 1 文字").fill("很好");
    // The seed's Q2 counts 好 and 较好; only 好 now.
    await indexBlock(q2)
      .getByRole("group", { name: "计为正面的选项" })
      .getByRole("checkbox", { name: "B. 较好" })
      .uncheck();
    await saved(page);

    await button(page, "预览").click();
    const frame = page.locator('iframe[title="手机预览（360×640）"]');
    expect(await frame.boundingBox()).toMatchObject({ width: 360, height: 640 });
    const phone = page.frameLocator('iframe[title="手机预览（360×640）"]');
    await phone.getByRole("button", { name: "开始填写" }).waitFor();
    expect(await server.countResponses()).toBe(0);

    await button(page, "发布").click();
    const dialog = page.getByRole("dialog", { name: "发布前确认" });
    await dialog.getByText("与当前第 1 版相比：").waitFor();
    const changes = (await dialog.locator("ul").textContent()) ?? "";
    expect(changes).toContain("很好");
    expect(changes).toContain(
      "Q2 的指标改了：满意率（好、较好），简称“当前政治生态” → 满意率（很好），简称“当前政治生态”",
    );
    // Every other declared index came through the editor untouched.
    expect(changes).not.toMatch(/取消了指标|Q[3-9]|Q1[0-9]|Q2[0-9]/);
    await dialog.getByRole("button", { name: "取消", exact: true }).click();
    expect(await dialog.isVisible()).toBe(false);
  });
});
