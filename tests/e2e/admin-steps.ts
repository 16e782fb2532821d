// What an administrator does in the console, as reusable steps for the browser tests.
import jsQR from "jsqr";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { PNG } from "pngjs";

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Every URL any page of this context requested (popups included), in order. */
  requests: string[];
  /** Console errors and page errors, CSP refusals included. */
  errors: string[];
  close(): Promise<void>;
}

export const LAPTOP = { width: 1280, height: 800 };
export const TABLET = { width: 768, height: 1024 };

export async function openConsole(
  browser: Browser,
  opts: { bypassCSP?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? LAPTOP,
    locale: "zh-CN",
    bypassCSP: opts.bypassCSP ?? false,
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on("request", (r) => requests.push(r.url()));
  context.on("page", (p) => {
    p.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    p.on("pageerror", (e) => errors.push(e.message));
  });
  const page = await context.newPage();
  return { page, context, requests, errors, close: () => context.close() };
}

/** A text or password box by the start of its label (labels also hold a hint). */
export const textbox = (page: Page, label: string): Locator =>
  page.getByRole("textbox", { name: new RegExp(`^${label}`) });

export const numberBox = (page: Page, label: string): Locator =>
  page.getByRole("spinbutton", { name: new RegExp(`^${label}`) });

export const button = (page: Page, name: string): Locator =>
  page.getByRole("button", { name, exact: true });

/** The heading of the current view. */
export const viewHeading = (page: Page): Locator => page.getByRole("heading", { level: 2 });

export const waitForView = (page: Page, title: string) =>
  page.getByRole("heading", { level: 2, name: title, exact: true }).waitFor();

export const navLinks = (page: Page): Locator =>
  page.getByRole("navigation", { name: "主导航" }).getByRole("link");

export async function goTo(page: Page, navLabel: string, title = navLabel) {
  // Exact: 问卷 must not also match 问卷编辑.
  await navLinks(page).getByText(navLabel, { exact: true }).click();
  await waitForView(page, title);
}

/** The status line of the current view (success messages). */
export const statusLine = (page: Page): Locator => page.locator("main p.status[role=status]");

/** The rows of the table the region `caption` holds. */
export const tableRows = (page: Page, caption: string): Locator =>
  page.getByRole("region", { name: caption }).locator("tbody tr");

export const rowOf = (page: Page, caption: string, text: string): Locator =>
  tableRows(page, caption).filter({ hasText: text });

/** The text of each cell of a row, trimmed. */
export const cellTexts = async (row: Locator): Promise<string[]> =>
  (await row.locator("td").allInnerTexts()).map((t) => t.trim());

export async function setUpFirstAdmin(
  page: Page,
  setupUrl: string,
  account: { username: string; displayName: string; password: string },
) {
  await page.goto(setupUrl);
  await page.getByRole("heading", { name: "创建第一个管理员账号" }).waitFor();
  await textbox(page, "用户名").fill(account.username);
  await textbox(page, "显示名称").fill(account.displayName);
  await textbox(page, "密码").fill(account.password);
  await textbox(page, "确认密码").fill(account.password);
  await button(page, "创建并进入").click();
}

export async function signIn(page: Page, username: string, password: string) {
  await page.getByRole("heading", { name: "登录", exact: true }).waitFor();
  await textbox(page, "用户名").fill(username);
  await textbox(page, "密码").fill(password);
  await button(page, "登录").click();
}

export async function signOut(page: Page) {
  await button(page, "退出登录").click();
  await page.getByRole("heading", { name: "登录", exact: true }).waitFor();
}

/** Creates a link on the links view and returns its respondent URL as the list shows it. */
export async function createLink(page: Page, label: string): Promise<string> {
  await textbox(page, "渠道名称").fill(label);
  await button(page, "创建链接").click();
  await statusLine(page)
    .filter({ hasText: `已创建链接“${label}”。` })
    .waitFor();
  const row = rowOf(page, "发放链接列表", label);
  return row.getByRole("textbox", { name: `链接地址：${label}` }).inputValue();
}

export async function createBatch(page: Page, label: string, count: number) {
  await textbox(page, "渠道名称").fill(label);
  await numberBox(page, "数量").fill(String(count));
  await button(page, "生成一次性码").click();
  await statusLine(page)
    .filter({ hasText: `已生成 ${count} 个一次性码` })
    .waitFor();
}

/** Follows the batch's 打印二维码条 link, which opens the slip sheet in a new tab. */
export async function openSlipSheet(page: Page, batchLabel: string): Promise<Page> {
  const row = rowOf(page, "一次性码批次列表", batchLabel);
  const [sheet] = await Promise.all([
    page.context().waitForEvent("page"),
    row.getByRole("link", { name: "打印二维码条" }).click(),
  ]);
  await sheet.waitForLoadState("load");
  return sheet;
}

export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return jsQR(pixels, image.width, image.height)?.data ?? null;
}

/** Each slip's printed URL, and what a phone camera would read from its QR code. */
export async function readSlips(sheet: Page): Promise<{ shown: string[]; decoded: string[] }> {
  const slips = sheet.locator(".slip");
  const shown: string[] = [];
  const decoded: string[] = [];
  for (let i = 0; i < (await slips.count()); i++) {
    const slip = slips.nth(i);
    shown.push(((await slip.locator(".slip-url").textContent()) ?? "").trim());
    decoded.push(decodeQr(await slip.locator("svg").screenshot()) ?? "(unreadable)");
  }
  return { shown, decoded };
}
