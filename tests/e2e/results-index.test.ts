// The declared indices (满意率, 渠道畅通率) in the 结果 view, on a phone: 39 responses submitted over
// HTTP, the ranked tables read in Chromium and checked against shares counted here with plain loops.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { formatShare } from "../../server/tabulate/figure-rules.ts";
import { listQuestions } from "../../surveys/format/answers.ts";
import type { SingleQuestion } from "../../surveys/format/schema.ts";
import { addAccount, PASSWORD } from "../support/admin-session.ts";
import { newSubmissionId, postJson } from "../support/api.ts";
import { launchBrowser } from "../support/browser.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { type ConsolePage, openConsole, signIn, waitForView } from "./admin-steps.ts";
import { fitsWidth, runAxe } from "./respondent-steps.ts";

const PHONE = { width: 360, height: 640 };
const survey = loadSeedSurvey();
const K = survey.minBase ?? 5;
const ANALYST = "fenxi";

const questions = listQuestions(survey);
const category = questions.find((q): q is SingleQuestion => q.kind === "single" && !!q.category);
const indexed = questions.filter((q): q is SingleQuestion => q.kind === "single" && !!q.index);
if (!category || indexed.length === 0)
  throw new Error("the seed survey lost its category or indices");
const categories = category.options;

/** 15 in A, 12 in D, 10 in J and 2 in K: K is under k, and J must hide with it. */
const SIZES: [string, number][] = [
  ["A", 15],
  ["D", 12],
  ["J", 10],
  ["K", 2],
];

/** A fixed-seed generator (mulberry32): the same answers every run, spread like real ones. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each indexed question leans a little more positive than the one before, so the ranks differ. */
const next = random(15);
const PLAN = SIZES.flatMap(([group, n]) =>
  Array.from({ length: n }, () => ({
    category: group,
    answers: Object.fromEntries(
      indexed.map((q, j) => {
        const positive = q.options.filter((o) => q.index?.positive.includes(o.code));
        const others = q.options.filter((o) => !q.index?.positive.includes(o.code));
        const pool = next() < 0.3 + 0.05 * j ? positive : others;
        return [q.code, pool[Math.floor(next() * pool.length)]?.code ?? ""];
      }),
    ),
  })),
);

interface Share {
  count: number;
  base: number;
}

/** Respondents in a column who chose a positive option, over those who gave a substantive answer. */
function shareOf(q: SingleQuestion, inColumn: (p: (typeof PLAN)[number]) => boolean): Share {
  let count = 0;
  let base = 0;
  for (const p of PLAN) {
    if (!inColumn(p)) continue;
    const option = q.options.find((o) => o.code === p.answers[q.code]);
    if (!option || option.nonSubstantive) continue;
    base++;
    if (q.index?.positive.includes(option.code)) count++;
  }
  return { count, base };
}

/** Categories under k, then the smallest shown ones until the hidden hold 0 or at least k. */
function hiddenCategories(): Map<string, string> {
  const sizes = new Map<string, number>(SIZES);
  const hidden = new Map<string, string>();
  for (const [code, n] of sizes) if (n > 0 && n < K) hidden.set(code, `<${K}`);
  let held = [...hidden.keys()].reduce((sum, code) => sum + (sizes.get(code) ?? 0), 0);
  while (held > 0 && held < K) {
    const shown = [...sizes].filter(([code, n]) => n > 0 && !hidden.has(code));
    const [smallest] = shown.sort((a, b) => a[1] - b[1]);
    if (!smallest) break;
    hidden.set(smallest[0], "不显示");
    held += smallest[1];
  }
  return hidden;
}

/** The rows an analyst should read: rank order, 排序, 方面, then 全体 and each category. */
function expectedRows(name: string) {
  const hidden = hiddenCategories();
  const figure = ({ count, base }: Share) => (base === 0 ? "—" : formatShare(count, base));
  const items = indexed
    .filter((q) => q.index?.name === name)
    .map((q, order) => {
      const total = shareOf(q, () => true);
      const cells = [
        figure(total),
        ...categories.map(
          (o) => hidden.get(o.code) ?? figure(shareOf(q, (p) => p.category === o.code)),
        ),
      ];
      return { aspect: q.index?.aspect ?? q.text, total, order, cells };
    });
  // Exact fractions: a higher share is count·base' > count'·base.
  const above = (a: Share, b: Share) => a.count * b.base - b.count * a.base;
  const sorted = [...items].sort((a, b) => above(b.total, a.total) || a.order - b.order);
  return sorted.map((item) => [
    String(1 + items.filter((other) => above(other.total, item.total) > 0).length),
    item.aspect,
    ...item.cells,
  ]);
}

let browser: Browser;
let server: TestServer;
let consolePage: ConsolePage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  // The console from a build elsewhere when a test run sets DIST_DIR, as matrix-steps.ts does.
  const env: Record<string, string> = process.env.DIST_DIR
    ? { DIST_DIR: process.env.DIST_DIR }
    : {};
  server = await startTestServer({ env });
  await addAccount(server, ANALYST, "analyst");
  const link = await server.createLink({ label: "县直单位" });
  const boot = await fetch(`${server.url}/api/links/${link.id}/survey`);
  const { version } = (await boot.json()) as { version: number };
  for (const p of PLAN) {
    const { answers, otherText } = fullAnswers(survey, p.category);
    Object.assign(answers, p.answers);
    const body = { submissionId: newSubmissionId(), version, answers, otherText };
    const posted = await postJson(`${server.url}/api/links/${link.id}/responses`, body);
    expect(posted.status).toBe(201);
  }
  // K's two responses are a class under k: they wait until the survey closes.
  await server.system.deps.storage.setSurveyState(survey.id, "closed");
  await server.system.deps.upkeep.catchUp();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  await consolePage?.close();
  consolePage = undefined;
});

async function openResults(opts: { bypassCSP?: boolean } = {}) {
  consolePage = await openConsole(browser, { ...opts, viewport: PHONE });
  const { page } = consolePage;
  await page.goto(`${server.url}/admin/`);
  await signIn(page, ANALYST, PASSWORD);
  await waitForView(page, "结果");
  await page.getByText(`共 ${PLAN.length} 份`, { exact: true }).waitFor();
  return page;
}

/** An index table as shown: column heads, and each row's 排序, 方面 and figures, with titles. */
async function readIndexTable(page: Page, name: string) {
  const region = page.getByRole("region", { name: new RegExp(`^${name}排序，按`) });
  await region.waitFor();
  return region.evaluate((el) => {
    const squash = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
    const own = (th: Element) =>
      squash([...th.childNodes].map((n) => (n.nodeType === 3 ? n.textContent : "")).join(""));
    return {
      heads: [...el.querySelectorAll("thead th")].map(own),
      sizes: [...el.querySelectorAll("thead th")].map((th) =>
        squash(th.querySelector(".size")?.textContent ?? ""),
      ),
      rows: [...el.querySelectorAll("tbody tr")].map((tr) =>
        [...tr.children].map((cell) => squash(cell.textContent)),
      ),
      titles: [...el.querySelectorAll("tbody tr")].map((tr) =>
        [...tr.querySelectorAll("td")].map((td) => td.getAttribute("title") ?? ""),
      ),
      bars: el.querySelectorAll('svg.bar[aria-hidden="true"]').length,
    };
  });
}

const names = [...new Set(indexed.map((q) => q.index?.name ?? ""))];
const labels = (codes: string[], q: SingleQuestion) =>
  codes.map((c) => `“${q.options.find((o) => o.code === c)?.label ?? c}”`).join("或");

describe("indices in the results view", { timeout: 180_000 }, () => {
  test("each index is a ranked table of shares counted from the answers, hidden columns marked", async () => {
    const page = await openResults();
    expect(names).toEqual(["满意率", "渠道畅通率"]);
    for (const name of names) {
      const heading = page.getByRole("heading", { level: 3, name: `${name}（按有效回答）` });
      await heading.waitFor();
      // Above every question's table.
      const indexBox = await page
        .getByRole("region", { name: new RegExp(`^${name}排序`) })
        .boundingBox();
      const firstTable = await page.getByRole("region", { name: /^Q1 按/ }).boundingBox();
      expect(indexBox && firstTable && indexBox.y < firstTable.y).toBe(true);

      const q = indexed.find((x) => x.index?.name === name);
      if (!q) throw new Error(`no question declares ${name}`);
      const excluded = q.options.filter((o) => o.nonSubstantive).map((o) => `“${o.label}”`);
      const left = excluded.length > 0 ? `${excluded.join("、")}和未作答` : "未作答";
      await page
        .getByText(
          `${name} = 选择${labels(q.index?.positive ?? [], q)}的人数 ÷ 有效回答人数（不含${left}）`,
          { exact: true },
        )
        .waitFor();

      const table = await readIndexTable(page, name);
      expect(table.heads).toEqual(["排序", "方面", "全体", ...categories.map((o) => o.label)]);
      const expected = expectedRows(name);
      expect(table.rows).toEqual(expected);
      // A hidden column says why and never prints a figure.
      const hidden = hiddenCategories();
      expect([...hidden.values()]).toEqual([`<${K}`, "不显示"]);
      for (const [code, mark] of hidden) {
        const c = categories.findIndex((o) => o.code === code);
        expect(table.sizes[3 + c]).toBe(
          mark === `<${K}` ? `人数少于${K}，不显示` : "为保护其他组而不显示",
        );
        for (const [r, row] of table.rows.entries()) {
          expect(row[3 + c]).toBe(mark);
          expect(table.titles[r]?.[2 + c]).toBe(
            mark === `<${K}` ? `人数少于${K}` : "为防止相减推算而一并隐藏",
          );
        }
      }
      // One decorative bar per shown 全体 figure.
      expect(table.bars).toBe(expected.length);
    }
    // The first table's rank order is a real ordering, not declaration order by accident.
    const ranks = expectedRows("满意率").map((row) => row[1]);
    expect(ranks).not.toEqual(
      indexed.filter((q) => q.index?.name === "满意率").map((q) => q.index?.aspect),
    );
    // The wide table scrolls in its own box; the page does not scroll sideways.
    expect(await fitsWidth(page)).toBe(true);
    expect(consolePage?.errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual(
      [],
    );
  });

  test("axe finds no violations in the indices at phone size", async () => {
    const page = await openResults({ bypassCSP: true });
    await page.getByRole("region", { name: /^满意率排序，按/ }).waitFor();
    expect(await runAxe(page)).toEqual([]);
  });
});
