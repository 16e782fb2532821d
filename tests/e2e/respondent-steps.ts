// What a respondent does on the phone page, as reusable steps for the browser tests.
import { createRequire } from "node:module";
import { nanoid } from "nanoid";
import type { Browser, Locator, Page } from "playwright-core";
import { draftKey } from "../../client/respond/autosave.ts";
import type { AnswerValue } from "../../surveys/format/answers.ts";
import { answerOf, isChoice, listQuestions } from "../../surveys/format/answers.ts";
import { matrixRowValue } from "../../surveys/format/matrix-answers.ts";
import type { Question, Survey } from "../../surveys/format/schema.ts";
import { newPhoneContext } from "../support/browser.ts";
import type { FullAnswers } from "../support/survey-answers.ts";

export interface PhonePage {
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors, CSP refusals included. */
  errors: string[];
  close(): Promise<void>;
}

export async function openPhone(
  browser: Browser,
  opts: { bypassCSP?: boolean } = {},
): Promise<PhonePage> {
  const context = await newPhoneContext(browser, opts);
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  // The whole context: pages the respondent opens from the survey (本系统保存什么) count too.
  context.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, requests, errors, close: () => context.close() };
}

export const questionBox = (page: Page, code: string): Locator =>
  page.locator(`survey-question[data-code="${code}"]`);

export const button = (page: Page, name: string | RegExp): Locator =>
  page.getByRole("button", { name, exact: typeof name === "string" });

/** The heading of the current screen: the survey title on the start screen, else the section's. */
export const heading = (page: Page): Locator => page.locator("survey-page h1");

export async function answerQuestion(page: Page, q: Question, value: AnswerValue, other?: string) {
  const box = questionBox(page, q.code);
  if (q.kind === "matrix") {
    // A grid: one tap per row, on the row's point of the shared scale.
    for (const row of q.rows) {
      const point = q.options.find((o) => o.code === matrixRowValue(value, row.code))?.label;
      const group = box.getByRole("radiogroup", { name: row.label, exact: true });
      if (point) await group.getByText(point, { exact: true }).tap();
    }
    return;
  }
  if (!isChoice(q)) {
    await box.getByRole("textbox").fill(String(value));
    return;
  }
  for (const code of typeof value === "string" ? [value] : Array.isArray(value) ? value : []) {
    const label = q.options.find((o) => o.code === code)?.label ?? code;
    const role = q.kind === "single" ? "radio" : "checkbox";
    await box.getByRole(role, { name: label, exact: true }).check();
  }
  if (other !== undefined) await box.getByRole("textbox", { name: /^请注明/ }).fill(other);
}

/** Answers every shown question of the current screen that the plan answers, in survey order. */
export async function answerScreen(page: Page, survey: Survey, plan: FullAnswers) {
  for (const q of listQuestions(survey)) {
    const value = answerOf(plan.answers, q.code);
    const box = questionBox(page, q.code);
    if (value === undefined || (await box.count()) === 0 || !(await box.isVisible())) continue;
    await answerQuestion(page, q, value, answerOf(plan.otherText, q.code));
  }
}

/** Presses Next and waits for the next screen. */
export async function goNext(page: Page) {
  const before = await heading(page).textContent();
  await button(page, "下一页").click();
  for (let waited = 0; (await heading(page).textContent()) === before; waited += 50) {
    if (waited > 5000) throw new Error(`still on “${before}” after pressing Next`);
    await page.waitForTimeout(50);
  }
}

/** Fills screen after screen until the Submit button shows; `onScreen` runs before each is filled. */
export async function fillToEnd(
  page: Page,
  survey: Survey,
  plan: FullAnswers,
  onScreen?: (title: string) => Promise<void>,
) {
  for (let screen = 0; screen < survey.sections.length; screen++) {
    await onScreen?.((await heading(page).textContent()) ?? "");
    await answerScreen(page, survey, plan);
    if (await button(page, "提交问卷").isVisible()) return;
    await goNext(page);
  }
  throw new Error("never reached the Submit button");
}

/** Stores a draft as the page would have, so a test can start on the last screen. */
export async function seedDraft(
  page: Page,
  url: string,
  linkId: string,
  plan: FullAnswers,
  section: number,
) {
  await page.goto(url);
  const draft = { ...plan, section, submissionId: nanoid() };
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [
    draftKey(linkId),
    JSON.stringify(draft),
  ] as const);
  await page.reload();
}

export const readDraft = (page: Page, linkId: string) =>
  page.evaluate((key) => localStorage.getItem(key), draftKey(linkId));

/** The code of the question holding focus, looking through shadow roots; null if none does. */
export function focusedQuestion(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) {
      if (active instanceof HTMLElement && active.dataset.code) return active.dataset.code;
      active = active.shadowRoot.activeElement;
    }
    return null;
  });
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown }[];
}

/** Runs axe-core on the page as it is now; needs a context that bypasses CSP to inject it. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: axePath });
  }
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/** True when nothing sticks out sideways, so the phone never scrolls horizontally. */
export const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Visible tap targets (buttons, option rows, text fields) shorter than 44 CSS px, by their text. */
export const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll<HTMLElement>("*")) {
        if (el.shadowRoot) visit(el.shadowRoot);
        const target = el.matches("button, label.option, input[type=text], textarea");
        const box = el.getBoundingClientRect();
        if (target && box.width > 0 && box.height < 44)
          found.push(`${el.tagName} ${el.textContent}`);
      }
    };
    visit(document);
    return found;
  });
