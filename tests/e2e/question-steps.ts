// Steps for the question-level browser tests: partial plans, where things sit, and a real paste.
import type { Locator, Page } from "playwright-core";
import { listQuestions } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { FullAnswers } from "../support/survey-answers.ts";

/** The plan's answers for the questions of sections before `section` only. */
export function planBefore(survey: Survey, plan: FullAnswers, section: number): FullAnswers {
  const codes = survey.sections.slice(0, section).flatMap((s) => s.questions.map((q) => q.code));
  return keepOnly(plan, (code) => codes.includes(code));
}

/** The plan without some questions' answers (and their “其他” text). */
export function planWithout(plan: FullAnswers, ...left: string[]): FullAnswers {
  return keepOnly(plan, (code) => !left.includes(code));
}

function keepOnly(plan: FullAnswers, keep: (code: string) => boolean): FullAnswers {
  const pick = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).filter(([code]) => keep(code)));
  return { answers: pick(plan.answers), otherText: pick(plan.otherText) };
}

/** How many questions the seed shows before any answer: those without display logic. */
export const shownAtFirst = (survey: Survey, skip: string[] = []) =>
  listQuestions(survey).filter((q) => !q.showIf && !skip.includes(q.code)).length;

/** The option labelled `label` of a choice question: the whole tappable row. */
export const optionRow = (box: Locator, label: string): Locator =>
  box.locator("label.option").filter({ has: box.page().getByText(label, { exact: true }) });

/**
 * The message a respondent sees in a question; screen readers get it from the status line
 * instead, so the visible copy is hidden from them.
 */
export const shownNote = (box: Locator, text: string): Locator =>
  box.locator('[aria-hidden="true"]', { hasText: text });

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where an element is in the viewport, and how far the page is scrolled. */
export const rectOf = (target: Locator): Promise<Rect & { scrollY: number }> =>
  target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height, scrollY: window.scrollY };
  });

/** Puts text on the clipboard and pastes it with the keyboard at the caret, as a respondent would. */
export async function paste(page: Page, text: string) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press("Control+V");
}

export async function pasteInto(page: Page, box: Locator, text: string) {
  await box.focus();
  await paste(page, text);
}

/** Code points, as the server counts text (surveys/format/answers.ts). */
export const codePoints = (text: string) => [...text].length;

/** A lone surrogate: what cutting inside an emoji would leave. */
export const hasLoneSurrogate = (text: string) =>
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** The answers and “其他” texts of a saved draft, as the page left them. */
export function draftOf(raw: string | null): {
  answers: Record<string, unknown>;
  otherText: Record<string, unknown>;
} {
  const draft: unknown = JSON.parse(raw ?? "null");
  if (!isRecord(draft) || !isRecord(draft.answers) || !isRecord(draft.otherText))
    throw new Error(`no draft saved: ${raw}`);
  return { answers: draft.answers, otherText: draft.otherText };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
