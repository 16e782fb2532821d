// The 结果 view end to end: 42 responses seeded over HTTP, an analyst in Chromium at laptop size,
// banner tables with small groups hidden, the percent toggle, the chart, a refused filter, axe.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import { addAccount, callAdmin, PASSWORD, signIn as signInApi } from "../support/admin-session.ts";
import { newSubmissionId, postJson } from "../support/api.ts";
import { launchBrowser } from "../support/browser.ts";
import { secretHits, secretsOf } from "../support/log-secrets.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { type ConsolePage, openConsole, signIn, TABLET, waitForView } from "./admin-steps.ts";
import { fitsWidth, runAxe } from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const K = survey.minBase ?? 5;
const ANALYST = "fenxi";
const MAIN_CHANNEL = "县直单位";
const SMALL_CHANNEL = "乡镇试点";

interface Planned {
  category: string;
  q2: string;
}
const times = (n: number, p: Planned): Planned[] => Array.from({ length: n }, () => p);
/** 15 A, 15 D, 10 J and 2 K; within each class every Q2 answer is 0 or at least k strong, so a
 * second banner (Q2) does not let the server's differencing check hide anything. */
const PLAN: Planned[] = [
  ...times(10, { category: "A", q2: "A" }),
  ...times(5, { category: "A", q2: "B" }),
  ...times(5, { category: "D", q2: "B" }),
  ...times(10, { category: "D", q2: "C" }),
  ...times(5, { category: "J", q2: "A" }),
  ...times(5, { category: "J", q2: "C" }),
  ...times(2, { category: "K", q2: "A" }),
];
/** The first three arrive through a second link: a channel too small to tabulate. */
const SMALL_CHANNEL_COUNT = 3;

const questions = listQuestions(survey);
const choiceQuestion = (code: string) => {
  const q = questions.find((x) => x.code === code);
  if (!q || !isChoice(q)) throw new Error(`${code} is not a choice question`);
  return q;
};
const labelOf = (code: string, option: string) =>
  choiceQuestion(code).options.find((o) => o.code === option)?.label ?? option;

let browser: Browser;
let server: TestServer;
let consolePage: ConsolePage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  await addAccount(server, ANALYST, "analyst");
  await addAccount(server, "wang", "admin");
  const main = await server.createLink({ label: MAIN_CHANNEL });
  const small = await server.createLink({ label: SMALL_CHANNEL });
  const boot = await fetch(`${server.url}/api/links/${main.id}/survey`);
  const { version } = (await boot.json()) as { version: number };
  for (const [i, p] of PLAN.entries()) {
    const { answers, otherText } = fullAnswers(survey, p.category);
    answers.Q2 = p.q2;
    const link = i < SMALL_CHANNEL_COUNT ? small : main;
    const body = { submissionId: newSubmissionId(), version, answers, otherText };
    const posted = await postJson(`${server.url}/api/links/${link.id}/responses`, body);
    expect(posted.status).toBe(201);
  }
  // The small channel (3) and K (2) are cells under k: they wait until the survey closes.
  await server.system.deps.storage.setSurveyState(survey.id, "closed");
  await server.system.deps.upkeep.catchUp();
});
afterAll(async () => {
  await browser?.close();
  // Everything the server wrote during the test: no code, link id, response id or answer text.
  if (server) expect(secretHits(server.logs, await secretsOf(server))).toEqual([]);
  await server?.close();
});
afterEach(async () => {
  await consolePage?.close();
  consolePage = undefined;
});

async function openResults(opts: { bypassCSP?: boolean } = {}) {
  consolePage = await openConsole(browser, opts);
  const { page } = consolePage;
  await page.goto(`${server.url}/admin/`);
  await signIn(page, ANALYST, PASSWORD);
  // 结果 is the analyst's default view.
  await waitForView(page, "结果");
  expect(new URL(page.url()).hash).toBe("#/results");
  return page;
}

interface TableText {
  /** Column labels, the row-header column first. */
  heads: string[];
  /** Each column's second line: "n=15" or "<5". */
  sizes: string[];
  rows: { label: string; cells: { text: string; title: string }[] }[];
}

/** Q-code's banner table as shown: header labels and sizes, each row's cell texts and titles. */
async function readTable(page: Page, code: string): Promise<TableText> {
  const region = page.getByRole("region", { name: new RegExp(`^${code} 按`) });
  await region.waitFor();
  return region.evaluate((el) => {
    const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
    const heads = [...el.querySelectorAll("thead th")];
    return {
      heads: heads.map((th) =>
        squash([...th.childNodes].map((n) => (n.nodeType === 3 ? n.textContent : "")).join("")),
      ),
      sizes: heads.map((th) => squash(th.querySelector(".size")?.textContent ?? "")),
      rows: [...el.querySelectorAll("tbody tr")].map((tr) => ({
        label: squash(tr.querySelector("th")?.textContent ?? ""),
        cells: [...tr.querySelectorAll("td")].map((td) => ({
          text: squash(td.textContent),
          title: td.getAttribute("title") ?? "",
        })),
      })),
    };
  });
}

/** The cells of one banner column (by header label), by row label. */
function column(table: TableText, head: string): Map<string, { text: string; title: string }> {
  const index = table.heads.indexOf(head) - 1;
  expect(index, `column ${head} in ${table.heads.join("|")}`).toBeGreaterThanOrEqual(0);
  return new Map(table.rows.map((r) => [r.label, r.cells[index] ?? { text: "", title: "" }]));
}

const count = (pick: (p: Planned) => boolean) => PLAN.filter(pick).length;
const percent = (n: number, base: number) => `${((n / base) * 100).toFixed(1)}%`;

describe("results view", { timeout: 180_000 }, () => {
  test("an analyst reads banner tables, hidden small groups, percents, a chart, and a refused filter", async () => {
    const page = await openResults();
    const total = PLAN.length;
    await page.getByText(`共 ${total} 份`, { exact: true }).waitFor();

    const byCategory = await readTable(page, "Q2");
    const all = column(byCategory, "全体");
    const catA = column(byCategory, labelOf("Q1", "A"));
    for (const option of choiceQuestion("Q2").options) {
      const label = option.label;
      expect(all.get(label)?.text, `全体 ${label}`).toBe(
        String(count((p) => p.q2 === option.code)),
      );
      expect(catA.get(label)?.text, `A ${label}`).toBe(
        String(count((p) => p.category === "A" && p.q2 === option.code)),
      );
    }
    // The two-person category shows "<k" everywhere, never a number, and says why.
    const smallHead = byCategory.heads.indexOf(labelOf("Q1", "K"));
    const smallCells = [...column(byCategory, labelOf("Q1", "K")).values()];
    expect(smallCells.length).toBeGreaterThan(0);
    for (const cell of smallCells) {
      expect(cell.text).toBe(`<${K}`);
      expect(cell.title).toBe(`人数少于${K}`);
    }
    expect(byCategory.sizes[smallHead]).toBe(`人数少于${K}，不显示`);
    // 全体 minus the shown columns would give the two away: the next smallest (J) hides with them.
    for (const cell of column(byCategory, labelOf("Q1", "J")).values()) {
      expect(cell).toEqual({ text: "不显示", title: "为防止相减推算而一并隐藏" });
    }
    expect(byCategory.sizes[byCategory.heads.indexOf(labelOf("Q1", "A"))]).toBe(
      `n=${count((p) => p.category === "A")}`,
    );
    // The category question's own table hides the same categories as rows: its 全体 column
    // would otherwise print the sizes the headers hide.
    const ownTotal = column(await readTable(page, "Q1"), "全体");
    expect(ownTotal.get(labelOf("Q1", "K"))).toEqual({ text: `<${K}`, title: `人数少于${K}` });
    expect(ownTotal.get(labelOf("Q1", "J"))).toEqual({
      text: "不显示",
      title: "为防止相减推算而一并隐藏",
    });
    expect(ownTotal.get(labelOf("Q1", "A"))?.text).toBe(String(count((p) => p.category === "A")));
    await page.getByText("不单独列行", { exact: false }).first().waitFor();

    // Percents: one decimal of the question's base, with the Wilson interval as the cell's title.
    await page.getByRole("radio", { name: "百分比" }).check();
    await expect
      .poll(async () => column(await readTable(page, "Q2"), "全体").get(labelOf("Q2", "A"))?.text)
      .toMatch(
        new RegExp(
          `^${percent(
            count((p) => p.q2 === "A"),
            total,
          ).replace(".", "\\.")}`,
        ),
      );
    const inPercent = column(await readTable(page, "Q2"), "全体").get(labelOf("Q2", "A"));
    expect(inPercent?.title).toMatch(/^95% 置信区间：\d+\.\d% – \d+\.\d%$/);

    const chart = page.getByRole("img", { name: /^Q2 全体各选项百分比/ });
    await chart.waitFor();
    expect(await chart.locator("rect.bar").count()).toBe(choiceQuestion("Q2").options.length);

    // Banner Q2: the columns become Q2's options.
    await page.getByRole("combobox", { name: /^分列依据/ }).selectOption("Q2");
    await expect
      .poll(async () => (await readTable(page, "Q3")).heads.slice(0, 5))
      .toEqual([
        "选项",
        "全体",
        ...choiceQuestion("Q2")
          .options.slice(0, 3)
          .map((o) => o.label),
      ]);
    expect((await readTable(page, "Q3")).heads).not.toContain(labelOf("Q1", "A"));
    // Under Q2 the category rows stay hidden: the two 企业负责人's answers to Q2 are not shown.
    const rowsByQ2 = await readTable(page, "Q1");
    for (const [category, text] of [
      ["K", `<${K}`],
      ["J", "不显示"],
    ] as const) {
      const row = rowsByQ2.rows.find((r) => r.label === labelOf("Q1", category));
      expect(row?.cells.length).toBe(rowsByQ2.heads.length - 1);
      for (const cell of row?.cells ?? []) expect(cell.text).toBe(text);
    }
    const shownRow = rowsByQ2.rows.find((r) => r.label === labelOf("Q1", "A"));
    expect(shownRow?.cells[0]?.text).toMatch(/^\d/);

    // Every download carries the query the tables were made with.
    for (const name of ["下载 Excel 表格", "下载 CSV", "下载 Word 报告", "打开可打印报告"]) {
      const link = page.getByRole("link", { name, exact: true });
      const href = new URL((await link.getAttribute("href")) ?? "", server.url);
      expect(href.pathname).toMatch(
        /^\/api\/admin\/results\/(export|report)\.(xlsx|csv|docx|html)$/,
      );
      expect(Object.fromEntries(href.searchParams)).toMatchObject({
        survey: survey.id,
        banner: "Q2",
      });
      if (name === "打开可打印报告") expect(await link.getAttribute("target")).toBe("_blank");
      else expect(await link.getAttribute("download")).not.toBeNull();
    }

    // A channel of three responses is refused, with the server's words, and no table shows.
    const refused = page.waitForResponse((r) => r.url().includes("/api/admin/results?"));
    await page.getByRole("checkbox", { name: SMALL_CHANNEL }).check();
    expect((await refused).status()).toBe(422);
    const alert = page.locator("results-view error-notice").getByRole("alert");
    await expect.poll(async () => ((await alert.textContent()) ?? "").trim()).not.toBe("");
    expect(await page.getByRole("region", { name: /^Q2 按/ }).count()).toBe(0);
    await page.getByRole("checkbox", { name: SMALL_CHANNEL }).uncheck();
    await page.getByText(`共 ${total} 份`, { exact: true }).waitFor();

    expect(consolePage?.requests.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
    expect(consolePage?.errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual(
      [],
    );

    // An administrator finds the analyst's result views in the audit log.
    const { cookie } = await signInApi(server, "wang");
    const audit = await callAdmin(server, { cookie }, "GET", "/admin/audit?limit=1000");
    expect(audit.status).toBe(200);
    const entries = (audit.body as { entries: { actor: string; action: string; detail: string }[] })
      .entries;
    // Views that answered (Q1, Q2, Q2 again after the refusal); the refused one shows nothing.
    const views = entries.filter((e) => e.action === "results.view" && e.actor === ANALYST);
    expect(views.map((e) => e.detail.split(" ")[0])).toEqual(["列=Q2", "列=Q2", "列=Q1"]);
  });

  test("axe finds no violations at laptop and tablet size; the page never scrolls sideways", async () => {
    // axe is injected as an inline script, which the console's CSP would rightly refuse.
    const page = await openResults({ bypassCSP: true });
    await page.getByText(`共 ${PLAN.length} 份`, { exact: true }).waitFor();
    await page.getByRole("img", { name: /^Q2 全体各选项百分比/ }).waitFor();
    expect({ view: "laptop", violations: await runAxe(page) }).toEqual({
      view: "laptop",
      violations: [],
    });
    await page.setViewportSize(TABLET);
    await page.getByRole("radio", { name: "百分比" }).check();
    expect({ view: "tablet", violations: await runAxe(page) }).toEqual({
      view: "tablet",
      violations: [],
    });
    // The 12-column table scrolls inside its own box.
    expect(await fitsWidth(page)).toBe(true);
  });
});
