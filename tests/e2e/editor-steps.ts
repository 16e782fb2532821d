// What an administrator does in 问卷编辑, as reusable steps for the editor's browser tests.
import type { Locator, Page } from "playwright-core";
import { button, goTo } from "./admin-steps.ts";

/** A labelled field whose accessible name starts with `label` (labels also hold hints and problems). */
export const field = (scope: Page | Locator, label: string): Locator =>
  scope.getByRole("textbox", { name: new RegExp(`^${label}`) }).first();

export const question = (page: Page, n: number): Locator =>
  page.getByRole("region", { name: `第 ${n} 题`, exact: true });

export const section = (page: Page, n: number): Locator =>
  page.getByRole("region", { name: `第 ${n} 部分`, exact: true });

export const optionGroup = (scope: Locator, name: string): Locator =>
  scope.getByRole("group", { name, exact: true });

/** Waits until the editor has saved everything and the server has checked it. */
export const saved = (page: Page) => page.getByText("已自动保存", { exact: true }).waitFor();

export const problemsBox = (page: Page): Locator =>
  page.getByRole("region", { name: "需要改正的问题" });

export async function openEditor(page: Page) {
  await goTo(page, "问卷编辑");
}

export async function newBlankDraft(page: Page) {
  await openEditor(page);
  await button(page, "新建空白问卷").click();
  await button(page, "发布").waitFor();
}

/** Types the options' labels of question `q`, adding options as needed. */
export async function fillOptions(q: Locator, labels: string[]) {
  for (const [i, label] of labels.entries()) {
    const group = optionGroup(q, `选项 ${i + 1}`);
    if (!(await group.isVisible()))
      await q.getByRole("button", { name: "添加选项", exact: true }).click();
    await field(group, `选项 ${i + 1} 文字`).fill(label);
  }
}

/** Picks display logic from the dropdowns: show when `code` got `option` (its label text). */
export async function showWhen(q: Locator, code: string, option: string) {
  await q.getByRole("combobox", { name: "显示条件" }).selectOption({ value: code });
  await q.getByRole("combobox", { name: /^(选择了|选项中包括)/ }).selectOption({ label: option });
}

export async function setKind(q: Locator, label: string) {
  await q.getByRole("combobox", { name: "题型" }).selectOption({ label });
}

/** 发布: waits for the diff, returns its text, confirms, and waits for the published line. */
export async function publish(page: Page): Promise<string> {
  await button(page, "发布").click();
  const dialog = page.getByRole("dialog", { name: "发布前确认" });
  await dialog.getByText(/这是一份新问卷|与当前第/).waitFor();
  const text = (await dialog.textContent()) ?? "";
  await dialog.getByRole("button", { name: "确认发布", exact: true }).click();
  await page.getByText(/^已发布：/).waitFor();
  return text;
}

/** The 指标 block of a single-choice question or a grid. */
export const indexBlock = (q: Locator): Locator =>
  q.getByRole("group", { name: "指标", exact: true });

/** Ticks 计算指标 and counts the options labelled `picks` (e.g. "A. 很满意") as positive. */
export async function declareIndex(q: Locator, picks: string[]) {
  const block = indexBlock(q);
  await block.getByRole("checkbox", { name: "计算指标（如满意率）" }).check();
  const positive = block.getByRole("group", { name: "计为正面的选项", exact: true });
  for (const pick of picks)
    await positive.getByRole("checkbox", { name: pick, exact: true }).check();
}
