// One question at a time on a 360×640 phone: the “max 3” limit, “其他” text, text limits, progress.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import { launchBrowser } from "../support/browser.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import type { TestServer } from "../support/test-server.ts";
import { GRID_FILE, gridsOf, loadSurveyFile, startGridServer, tapPoint } from "./matrix-steps.ts";
import {
  codePoints,
  draftOf,
  hasLoneSurrogate,
  optionRow,
  paste,
  pasteInto,
  planBefore,
  planWithout,
  rectOf,
  shownAtFirst,
  shownNote,
} from "./question-steps.ts";
import {
  answerQuestion,
  button,
  goNext,
  openPhone,
  type PhonePage,
  questionBox,
  readDraft,
  seedDraft,
} from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const LAST_SECTION = survey.sections.length - 1;
const question = (s: Survey, code: string) => {
  const q = listQuestions(s).find((x) => x.code === code);
  if (!q) throw new Error(`no question ${code}`);
  return q;
};
const label = (code: string, option: string) => {
  const q = question(survey, code);
  const found = isChoice(q) ? q.options.find((o) => o.code === option)?.label : undefined;
  if (!found) throw new Error(`no option ${code}.${option}`);
  return found;
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

/** A phone on the seed survey's section `section`, the sections before it answered. */
async function openAt(section: number, plan = planBefore(survey, fullAnswers(survey), section)) {
  const link = await server.createLink({ surveyId: survey.id });
  phone = await openPhone(browser);
  await seedDraft(phone.page, link.url, link.id, plan, section);
  await questionBox(phone.page, survey.sections[section]!.questions[0]!.code).waitFor();
  return { page: phone.page, link };
}

describe("questions on a phone", { timeout: 90_000 }, () => {
  test("a 4th tick on a “max 3” question is refused by the finger, and nothing moves", async () => {
    const { page, link } = await openAt(2);
    const q11 = questionBox(page, "Q11");
    for (const code of ["A", "B", "C"])
      await q11.getByRole("checkbox", { name: label("Q11", code), exact: true }).check();
    const fourth = optionRow(q11, label("Q11", "D"));
    const before = await rectOf(fourth);
    await fourth.tap();

    const refusal = "最多选 3 项，请先取消一项";
    const tip = shownNote(q11, refusal);
    await tip.waitFor();
    // The option under the finger did not move, nor did the page scroll.
    expect(await rectOf(fourth)).toEqual(before);
    expect(await fourth.getByRole("checkbox").isChecked()).toBe(false);
    expect(draftOf(await readDraft(page, link.id)).answers.Q11).toEqual(["A", "B", "C"]);
    // Shown right by the tapped option, on screen; and read out once through a status line.
    const at = await rectOf(tip);
    expect(at.y + at.height).toBeGreaterThan(before.y - 12);
    expect(at.y).toBeLessThan(before.y + before.height);
    expect(at.y).toBeGreaterThanOrEqual(0);
    expect(await q11.getByRole("status").textContent()).toBe(refusal);
    // A second try is refused the same way.
    await fourth.tap();
    expect(await fourth.getByRole("checkbox").isChecked()).toBe(false);
    expect(await rectOf(fourth)).toEqual(before);

    // The next change takes it away; with a box free, the same tick is taken.
    await q11.getByRole("checkbox", { name: label("Q11", "A"), exact: true }).uncheck();
    expect(await tip.count()).toBe(0);
    expect(await q11.getByRole("status").textContent()).toBe("");
    await fourth.tap();
    expect(await fourth.getByRole("checkbox").isChecked()).toBe(true);
    expect(draftOf(await readDraft(page, link.id)).answers.Q11).toEqual(["B", "C", "D"]);
  });

  test("“其他” text survives an untick and re-tick, is labelled 请注明, and is not sent unticked", async () => {
    const full = fullAnswers(survey);
    const { page, link } = await openAt(2, planWithout(full, "Q11"));
    const q11 = questionBox(page, "Q11");
    const other = q11.getByRole("checkbox", { name: label("Q11", "X"), exact: true });
    await answerQuestion(page, question(survey, "Q11"), ["B", "X"]);
    const text = q11.getByRole("textbox", { name: "请注明", exact: true });
    await text.fill("论资排辈，带病提拔");
    expect(await q11.locator("label[for=other]").textContent()).toBe("请注明");

    await other.uncheck();
    expect(await text.count()).toBe(0);
    // Kept on the page only: the draft, like the submission, holds no text for an unticked 其他.
    expect(draftOf(await readDraft(page, link.id)).otherText.Q11).toBeUndefined();
    await other.check();
    expect(await text.inputValue()).toBe("论资排辈，带病提拔");
    expect(draftOf(await readDraft(page, link.id)).otherText.Q11).toBe("论资排辈，带病提拔");

    await other.uncheck();
    await goNext(page);
    await goNext(page);
    const posted = page.waitForRequest((r) => r.method() === "POST");
    await button(page, "提交问卷").click();
    const body = (await posted).postDataJSON();
    expect(body.answers.Q11).toEqual(["B"]);
    expect(body.otherText.Q11).toBeUndefined();
    await page.getByText("提交成功，感谢您的参与！").waitFor();
    const q11Rows = (await server.answerRows()).filter((r) => r.question === "Q11");
    expect(q11Rows.map((r) => [r.option, r.text])).toEqual([["B", null]]);
  });

  test("emoji count the same in the counter, the box and the server", async () => {
    const { page } = await openAt(LAST_SECTION, planWithout(fullAnswers(survey), "Q28"));
    const q28 = questionBox(page, "Q28");
    const box = q28.getByRole("textbox");
    // 956 + 44 = 1000 characters as the server counts them, though 1044 UTF-16 units.
    const text = `${"字".repeat(956)}${"😀".repeat(44)}`;
    await box.focus();
    await page.keyboard.insertText(text);
    expect(await box.inputValue()).toBe(text);
    await q28.getByText("已输入 1000/1000 字").waitFor();

    // One more is refused, and the box says why.
    await page.keyboard.insertText("好");
    expect(await box.inputValue()).toBe(text);
    await shownNote(q28, "已达 1000 字上限").waitFor();
    await q28.getByText("已输入 1000/1000 字").waitFor();

    // A pinyin IME is left alone while composing, and its commit is held to the limit (Q27: 200).
    const q27 = questionBox(page, "Q27");
    const short = q27.getByRole("textbox");
    await short.fill("字".repeat(198));
    await short.focus();
    const ime = await page.context().newCDPSession(page);
    await ime.send("Input.imeSetComposition", {
      text: "ni hao ma",
      selectionStart: 9,
      selectionEnd: 9,
    });
    expect(await short.inputValue()).toBe(`${"字".repeat(198)}ni hao ma`);
    await ime.send("Input.insertText", { text: "你好吗" });
    await shownNote(q27, "已达 200 字上限").waitFor();
    expect(await short.inputValue()).toBe(`${"字".repeat(198)}你好`);

    const posted = page.waitForRequest((r) => r.method() === "POST");
    await button(page, "提交问卷").click();
    const sent = (await posted).postDataJSON();
    expect(sent.answers.Q28).toBe(text);
    expect(sent.answers.Q27).toBe(`${"字".repeat(198)}你好`);
    await page.getByText("提交成功，感谢您的参与！").waitFor();
    const stored = (await server.answerRows()).find((r) => r.question === "Q28")?.text ?? "";
    expect(stored).toBe(text);
    expect(codePoints(stored)).toBe(1000);
  });

  test("a paste over the limit keeps what fits, says what was cut, and never splits an emoji", async () => {
    const { page } = await openAt(LAST_SECTION);
    const q28 = questionBox(page, "Q28");
    const box = q28.getByRole("textbox");
    await box.fill("");
    const pasted = Array.from({ length: 1290 }, (_, i) => "意见建议"[i % 4]).join("");
    await pasteInto(page, box, pasted);

    const message = "粘贴的内容超出 1000 字，已截去末尾 290 字";
    await shownNote(q28, message).waitFor();
    expect(await q28.getByRole("status").textContent()).toBe(message);
    expect(await box.inputValue()).toBe(pasted.slice(0, 1000));
    await q28.getByText("已输入 1000/1000 字").waitFor();

    // Two of ten emoji fit (by code points; UTF-16 units would fit one), and none is split.
    await box.fill("");
    await pasteInto(page, box, `${"字".repeat(998)}${"😀".repeat(10)}`);
    const value = await box.inputValue();
    expect(value).toBe(`${"字".repeat(998)}😀😀`);
    expect(hasLoneSurrogate(value)).toBe(false);
    await shownNote(q28, "粘贴的内容超出 1000 字，已截去末尾 8 字").waitFor();

    // Pasted mid-text, the paste's own end is cut and the text after the caret stays.
    await box.fill("甲".repeat(990));
    await box.evaluate((el) => {
      if (el instanceof HTMLTextAreaElement) el.setSelectionRange(10, 10);
    });
    await paste(page, "😀".repeat(20));
    expect(await box.inputValue()).toBe(`${"甲".repeat(10)}${"😀".repeat(10)}${"甲".repeat(980)}`);
    await shownNote(q28, "粘贴的内容超出 1000 字，已截去末尾 10 字").waitFor();

    // The next change takes the message away.
    await page.keyboard.press("Backspace");
    expect(await shownNote(q28, "粘贴的内容超出").count()).toBe(0);
    expect(await q28.getByRole("status").textContent()).toBe("");
  });

  test("progress counts answered questions among those shown, section position kept", async () => {
    const { page } = await openAt(2);
    const progress = (text: string) => page.getByRole("progressbar", { name: text });
    // 28 questions; Q12, Q19 and Q25 wait for an answer that would show them.
    const shown = shownAtFirst(survey);
    await progress(`第 3 / 5 部分 · 已答 10 / ${shown} 题`).waitFor();
    const bar = progress("已答").evaluate((el) =>
      el instanceof HTMLProgressElement ? [el.value, el.max] : [],
    );
    expect(await bar).toEqual([10, shown]);

    await answerQuestion(page, question(survey, "Q11"), ["B"]);
    await progress(`已答 11 / ${shown + 1} 题`).waitFor();
    await answerQuestion(page, question(survey, "Q12"), ["A"]);
    await progress(`已答 12 / ${shown + 1} 题`).waitFor();
    // Hiding Q12 again takes it, and its answer, out of the count.
    await answerQuestion(page, question(survey, "Q11"), ["A"]);
    await questionBox(page, "Q11")
      .getByRole("checkbox", { name: label("Q11", "B") })
      .uncheck();
    await progress(`已答 11 / ${shown} 题`).waitFor();
    expect(await questionBox(page, "Q12").isHidden()).toBe(true);
  });

  test("a category fixed by the link is not counted, and a grid counts once all its rows are", async () => {
    const locked = await server.createLink({ surveyId: survey.id, category: "G" });
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(locked.url);
    await button(page, "开始填写").click();
    const progress = (text: string) => page.getByRole("progressbar", { name: text });
    await progress(`第 1 / 4 部分 · 已答 0 / ${shownAtFirst(survey, ["Q1"])} 题`).waitFor();

    const gridSurvey = loadSurveyFile(GRID_FILE);
    const [grid] = gridsOf(gridSurvey);
    if (!grid) throw new Error("the grid survey has no grid");
    const link = await server.createLink({ surveyId: gridSurvey.id });
    const plan = planBefore(gridSurvey, fullAnswers(gridSurvey), 1);
    await seedDraft(page, link.url, link.id, plan, 1);
    const total = shownAtFirst(gridSurvey);
    await progress(`已答 1 / ${total} 题`).waitFor();
    const [first, ...rest] = grid.rows;
    const scale = grid.options[0]!.label;
    await tapPoint(page, grid.code, first!.label, scale);
    await page.waitForTimeout(100);
    await progress(`已答 1 / ${total} 题`).waitFor();
    for (const row of rest) await tapPoint(page, grid.code, row.label, scale);
    await progress(`已答 2 / ${total} 题`).waitFor();
  });
});
