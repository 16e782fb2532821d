// axe-core finds nothing on any screen a respondent can meet, in the light scheme and in the dark one
// (prefers-color-scheme: dark), at 360×640: start, every section (rating grids included), errors,
// submitting, thank-you, already submitted, every state page, and /privacy.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import type { TestServer } from "../support/test-server.ts";
import { GRID_FILE, gridAnswers, loadSurveyFile, startGridServer } from "./matrix-steps.ts";
import { issueCodes, submitDirectly } from "./page-level-steps.ts";
import {
  type AxeViolation,
  answerScreen,
  button,
  goNext,
  heading,
  openPhone,
  type PhonePage,
  questionBox,
  runAxe,
} from "./respondent-steps.ts";

const seed = loadSeedSurvey();
const grids = loadSurveyFile(GRID_FILE);
const SCHEMES = ["light", "dark"] as const;

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startGridServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Audit {
  screen: string;
  scheme: (typeof SCHEMES)[number];
  /** The relative luminance behind the text, to show the scheme really changed. */
  luminance: number;
  violations: AxeViolation[];
}

/** The page's own background: the survey column if there is one, else the body's or the root's. */
const backgroundLuminance = (page: Page) =>
  page.evaluate(() => {
    const candidates = [
      document.querySelector("survey-page"),
      document.body,
      document.documentElement,
    ];
    for (const el of candidates) {
      if (!el) continue;
      const match = getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
      if (!match || (match.length === 4 && Number(match[3]) === 0)) continue;
      const [r, g, b] = match.slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
    }
    return 1;
  });

/** Runs axe on the screen as it is, once per scheme, and leaves the page in the light scheme. */
async function audit(page: Page, screen: string, into: Audit[]) {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const luminance = await backgroundLuminance(page);
    into.push({ screen, scheme, luminance, violations: await runAxe(page) });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Every audit found nothing, and the dark scheme was really dark (and the light one light). */
function expectClean(audits: Audit[]) {
  expect(audits.filter((a) => a.violations.length > 0)).toEqual([]);
  const wrong = audits.filter((a) =>
    a.scheme === "dark" ? a.luminance > 0.05 : a.luminance < 0.8,
  );
  expect(wrong.map((a) => `${a.screen} (${a.scheme}): ${a.luminance.toFixed(3)}`)).toEqual([]);
}

/** axe is injected as an inline script, which the page's CSP would rightly refuse. */
const openAuditPhone = () => openPhone(browser, { bypassCSP: true });

describe("every phone screen, light and dark", { timeout: 240_000 }, () => {
  test("start, each section with an error and answered, submitting, thank-you, already submitted", async () => {
    const audits: Audit[] = [];
    const phone: PhonePage = await openAuditPhone();
    try {
      const { page } = phone;
      const link = await server.createLink({ surveyId: seed.id });
      const plan = fullAnswers(seed, "B");
      await page.goto(link.url);
      await button(page, "开始填写").waitFor();
      await audit(page, "start", audits);
      await button(page, "开始填写").click();
      for (let section = 0; ; section++) {
        const title = (await heading(page).textContent()) ?? "";
        // Next (or Submit) with nothing answered: the error state of this very section.
        await button(page, /^(下一页|提交问卷)$/).click();
        await page.locator("survey-question .error").first().waitFor();
        await audit(page, `${title}, with errors`, audits);
        await answerScreen(page, seed, plan);
        await audit(page, `${title}, answered`, audits);
        if (await button(page, "提交问卷").isVisible()) break;
        await goNext(page);
        if (section > seed.sections.length) throw new Error("never reached 提交问卷");
      }

      // Submitting: the answer is held back until the screen has been checked.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route("**/api/links/*/responses", async (route) => {
        await held;
        await route.continue();
      });
      await button(page, "提交问卷").click();
      await button(page, "正在提交…").waitFor();
      await audit(page, "submitting", audits);
      release();
      await page.getByText("提交成功，感谢您的参与！").waitFor();
      await page.unrouteAll();
      await audit(page, "thank-you", audits);

      await page.reload();
      await page.getByRole("heading", { name: "您已提交过本问卷" }).waitFor();
      await audit(page, "already submitted", audits);

      // The restored-draft notice, on a screen of the seed survey.
      await button(page, "清除本设备上的提交记录").click();
      await button(page, "开始填写").click();
      await answerScreen(page, seed, plan);
      await page.reload();
      await page.getByText("已恢复本设备上尚未提交的答案。").waitFor();
      await audit(page, "restored draft", audits);
    } finally {
      await phone.close();
    }
    expectClean(audits);
  });

  test("rating grids: unanswered with errors, then answered", async () => {
    const audits: Audit[] = [];
    const phone = await openAuditPhone();
    try {
      const { page } = phone;
      const link = await server.createLink({ surveyId: grids.id });
      const plan = gridAnswers(grids, "C");
      await page.goto(link.url);
      await button(page, "开始填写").click();
      for (let section = 0; ; section++) {
        const title = (await heading(page).textContent()) ?? "";
        if ((await page.locator("matrix-question").count()) > 0) {
          await button(page, "下一页").click();
          await questionBox(page, grids.sections[1]?.questions[0]?.code ?? "")
            .locator(".error")
            .first()
            .waitFor();
          await audit(page, `${title}, grids with errors`, audits);
        }
        await answerScreen(page, grids, plan);
        await audit(page, `${title}, answered`, audits);
        if (await button(page, "提交问卷").isVisible()) break;
        await goNext(page);
        if (section > grids.sections.length) throw new Error("never reached 提交问卷");
      }
      await button(page, "English").click();
      await audit(page, "last section, in English", audits);
    } finally {
      await phone.close();
    }
    expect(audits.some((a) => a.screen.includes("grids with errors"))).toBe(true);
    expectClean(audits);
  });

  test("state pages (closed, full, not yet open, paused, unknown link, used code) and /privacy", async () => {
    const audits: Audit[] = [];
    const full = await server.createLink({ surveyId: seed.id, cap: 1 });
    await submitDirectly(server, `/api/links/${full.id}`, seed);
    const [used] = await issueCodes(server, seed.id, 1);
    if (!used) throw new Error("no code issued");
    await submitDirectly(server, `/api/codes/${used.code}`, seed);
    const pages: [string, string][] = [
      ["closed", (await server.createLink({ surveyId: seed.id, state: "closed" })).url],
      ["full", full.url],
      [
        "not yet open",
        (await server.createLink({ surveyId: seed.id, opensAt: "2100-01-05T00:00:00Z" })).url,
      ],
      ["paused", (await server.createLink({ surveyId: seed.id, state: "paused" })).url],
      ["unknown link", `${server.url}/s/NoSuchLinkNoSuchLink1`],
      ["used code", used.url],
      ["/privacy", `${server.url}/privacy`],
    ];
    const phone = await openAuditPhone();
    try {
      for (const [name, url] of pages) {
        await phone.page.goto(url);
        await phone.page.locator("h1").waitFor();
        await audit(phone.page, name, audits);
      }
    } finally {
      await phone.close();
    }
    expectClean(audits);
  });
});
