// Issue 14's acceptance, as an office admin does it: paste a questionnaire, fix what the import
// reports, add display logic and a rating grid, preview at 360×640 (storing nothing), publish,
// answer on a phone, and read the grid's rows in the results and in the XLSX download.
import { readFileSync } from "node:fs";
import XLSX from "@e965/xlsx";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { newSubmissionId, postJson } from "../support/api.ts";
import { launchBrowser } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import {
  button,
  type ConsolePage,
  createLink,
  goTo,
  openConsole,
  setUpFirstAdmin,
  waitForView,
} from "./admin-steps.ts";
import {
  field,
  fillOptions,
  optionGroup,
  problemsBox,
  publish,
  question,
  saved,
  setKind,
  showWhen,
} from "./editor-steps.ts";
import { goNext, openPhone, type PhonePage } from "./respondent-steps.ts";

const ADMIN = { username: "li", displayName: "李主任", password: "correct horse battery" };
const TEXT = readFileSync(
  new URL("../fixtures/questionnaires/business-environment.txt", import.meta.url),
  "utf8",
);
const TITLE = "xx县营商环境满意度调查问卷";
const ROWS = ["审批服务", "执法检查", "政策兑现"];
const SCALE = ["好", "较好", "一般", "不作评价"];
const env: Record<string, string> = process.env.DIST_DIR ? { DIST_DIR: process.env.DIST_DIR } : {};

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
  server = await startTestServer({ env });
});
afterEach(async () => {
  await admin?.close();
  await phone?.close();
  await server?.close();
});

/** The same answers the phone gives below, for the other four of the cohort of five. */
const ANSWERS = {
  Q1: "A",
  Q2: "A",
  Q3: "A",
  Q4: "A",
  Q5: ["A"],
  Q6: "A",
  Q7: "A",
  Q8: "A",
  Q9: "A",
  Q11: { R1: "A", R2: "B", R3: "D" },
  Q10: "希望进一步简化审批。",
};

describe("writing a survey in the console", { timeout: 300_000 }, () => {
  test("paste, fix, logic, grid, preview, publish, answer on a phone, results and XLSX", async () => {
    admin = await openConsole(browser);
    const { page } = admin;
    await setUpFirstAdmin(page, server.setupUrl(), ADMIN);
    await waitForView(page, "回收情况");

    // 1. Paste the 10-question text: one problem is reported with its line.
    await goTo(page, "问卷编辑");
    await page.getByText("从粘贴的文字导入").click();
    const reader = page.locator('draft-import[from="text"]');
    await field(reader, "粘贴问卷文字").fill(TEXT);
    await reader.getByRole("button", { name: "识别", exact: true }).click();
    await reader.getByText("第 26 行：这道选择题只找到一个选项").waitFor();
    await reader.getByRole("button", { name: "在编辑器中打开并改正" }).click();
    await saved(page);
    expect(await problemsBox(page).textContent()).toContain("第 7 题 › 选项");

    // 2. Fix it in the editor, name the survey, and add display logic.
    await field(page, "问卷编号").fill("business-env");
    const q7 = question(page, 7);
    await fillOptions(q7, ["反映过", "没有反映过"]);
    await showWhen(q7, "Q6", "A. 遇到过");

    // 3. A rating grid at the end of part 2 (question 10 of the editor's numbering).
    await page
      .getByRole("region", { name: "第 2 部分", exact: true })
      .getByRole("button", { name: "在本部分末尾添加题目" })
      .click();
    const grid = question(page, 10);
    await setKind(grid, "矩阵量表");
    await field(grid, "题目").fill("您对以下方面的评价是？");
    for (const [i, label] of ROWS.entries()) {
      const row = grid.getByRole("group", { name: `第 ${i + 1} 行`, exact: true });
      if (!(await row.isVisible())) await grid.getByRole("button", { name: "添加一行" }).click();
      await field(row, `第 ${i + 1} 行 文字`).fill(label);
    }
    for (const [i, label] of SCALE.entries()) {
      const step = optionGroup(grid, `等级 ${i + 1}`);
      if (!(await step.isVisible())) await grid.getByRole("button", { name: "添加等级" }).click();
      await field(step, `等级 ${i + 1} 文字`).fill(label);
    }
    await optionGroup(grid, "等级 4")
      .getByRole("checkbox", { name: /^不作评价类/ })
      .check();
    await saved(page);
    await page.getByText("检查通过：可以预览和发布。").waitFor();

    // 4. Preview in a 360×640 frame: the real phone page, and nothing is stored.
    await button(page, "预览").click();
    const frame = page.locator('iframe[title="手机预览（360×640）"]');
    expect(await frame.boundingBox()).toMatchObject({ width: 360, height: 640 });
    const preview = page.frameLocator('iframe[title="手机预览（360×640）"]');
    await preview.getByRole("button", { name: "开始填写" }).click();
    await preview.getByRole("radio", { name: "企业负责人" }).check();
    expect(await server.countResponses()).toBe(0);

    // 5. Publish, then a link for it.
    expect(await publish(page)).toContain("这是一份新问卷");
    await page.getByRole("combobox", { name: "当前问卷" }).selectOption({ label: TITLE });
    await goTo(page, "发放链接");
    const url = await createLink(page, "工商联");

    // 6. Answer on a phone, the grid included.
    phone = await openPhone(browser);
    const p = phone.page;
    await p.goto(url);
    await p.getByRole("button", { name: "开始填写", exact: true }).click();
    for (const label of ["企业负责人", "大型", "3年以下"])
      await p.getByRole("radio", { name: label, exact: true }).check();
    await goNext(p);
    for (const label of ["好", "遇到过", "反映过"])
      await p.getByRole("radio", { name: label, exact: true }).first().check();
    await p.getByRole("checkbox", { name: "审批效率", exact: true }).check();
    await p
      .locator('survey-question[data-code="Q8"]')
      .getByRole("radio", { name: "好", exact: true })
      .check();
    await p.getByRole("radio", { name: "有信心", exact: true }).check();
    const picks = ["好", "较好", "不作评价"];
    for (const [i, row] of ROWS.entries())
      await p
        .getByRole("radiogroup", { name: row })
        .getByRole("radio", { name: picks[i], exact: true })
        .check();
    await goNext(p);
    await p.getByRole("textbox").first().fill(ANSWERS.Q10);
    await p.getByRole("button", { name: "提交问卷", exact: true }).click();
    await p.getByText("提交成功，感谢您的参与！").waitFor();
    const stored = (await server.answerRows()).filter((r) => r.question.startsWith("Q11"));
    expect(stored.length).toBe(3);

    // Four more through the same link make a cohort of five, which results may show.
    const linkId = url.split("/s/")[1] ?? "";
    const boot = (await (await fetch(`${server.url}/api/links/${linkId}/survey`)).json()) as {
      version: number;
    };
    for (let i = 0; i < 4; i++) {
      const body = {
        submissionId: newSubmissionId(),
        version: boot.version,
        answers: ANSWERS,
        otherText: {},
      };
      expect((await postJson(`${server.url}/api/links/${linkId}/responses`, body)).status).toBe(
        201,
      );
    }
    await goTo(page, "问卷");
    page.once("dialog", (d) => void d.accept());
    await page
      .getByRole("region", { name: "问卷列表" })
      .locator("tbody tr")
      .filter({ hasText: TITLE })
      .getByRole("button", { name: "结束收集" })
      .click();
    await page.getByText(`“${TITLE}”已结束收集。`).waitFor();

    // 7. Results: each grid row is its own table.
    await goTo(page, "结果");
    // The table of row R1 is coded "Q11.R1"; its heading is the row's label.
    for (const [i, row] of ROWS.entries()) {
      const table = page.getByRole("region", { name: new RegExp(`^Q11\\.R${i + 1} 按`) });
      await table.waitFor();
      await page
        .locator("results-question")
        .filter({ has: table })
        .getByText(row)
        .first()
        .waitFor();
    }

    // 8. The XLSX download holds the grid: a column per row in the raw data.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "下载 Excel 表格" }).click(),
    ]);
    const book = XLSX.read(readFileSync(await download.path()));
    const sheet = (name: string) =>
      XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name] ?? {}, { header: 1, defval: "" });
    // The grid has its own sheet, one table per row, each headed by the row's label.
    const gridText = JSON.stringify(sheet("Q11"));
    for (const row of ROWS) expect(gridText).toContain(row);
    // The raw data has a code and a label column per row: what the phone answered.
    const [, header = [], first = []] = sheet("原始数据");
    const at = (column: string) => first[header.indexOf(column)];
    expect(["Q11.R1_标签", "Q11.R2_标签", "Q11.R3_标签"].map(at)).toEqual([
      "好",
      "较好",
      "不作评价",
    ]);
    expect(["Q11.R1", "Q11.R2", "Q11.R3"].map(at)).toEqual(["A", "B", "D"]);
  });
});
