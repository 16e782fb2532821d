// The XSS corpus through issue 14's pages: a draft whose every text is a payload, opened in the
// console's editor (every panel, the show-if dropdowns, the problems list), the publish dialog's
// diff, the phone preview (framed at 360×640 and opened directly, valid and with problems), and
// the published rating grid answered on a 360×640 phone. Nothing may run or be refused by the CSP.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import { parseSurvey } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import type { Survey, SurveyInput } from "../../surveys/format/schema.ts";
import { addAccount, callAdmin, PASSWORD, sessionCookie } from "../support/admin-session.ts";
import { launchBrowser, newPhoneContext } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { button, LAPTOP, signIn, waitForView } from "./admin-steps.ts";
import { problemsBox } from "./editor-steps.ts";
import { gridAnswers } from "./matrix-steps.ts";
import { fillToEnd } from "./respondent-steps.ts";
import { hostileSurvey, PAYLOADS, payload } from "./xss-payloads.ts";
import { Recorder } from "./xss-views.ts";
import { newWatch, readFlags, type Watch, watchContext } from "./xss-watch.ts";

const ADMIN = "chief";
const env: Record<string, string> = process.env.DIST_DIR ? { DIST_DIR: process.env.DIST_DIR } : {};
/** Row and scale labels are tapped by accessible name: leave out the one with line separators. */
const TAPPABLE = PAYLOADS.map((_, i) => i).filter((i) => !PAYLOADS[i]!.text.includes("\u2028"));
const tappable = (i: number) => payload(TAPPABLE[i % TAPPABLE.length]!);
/** The root key a strict schema refuses, quoted in the problem's message (no quotes inside). */
const KEY_PAYLOAD = payload(0);

/** The published survey's next version: every text a different payload, plus a rating grid. */
function draftSurvey(): SurveyInput {
  const base = hostileSurvey();
  const [s1, s2, s3] = base.sections;
  if (!s1 || !s2 || !s3) throw new Error("the hostile survey has three sections");
  const [q1, q2] = s1.questions;
  const relabel = <T extends { label: string }>(o: T, i: number): T => ({
    ...o,
    label: payload(i),
  });
  return {
    ...base,
    title: `${payload(24)}新版${payload(25)}`,
    intro: `${payload(26)} {{county}} ${payload(27)}`,
    variables: { county: payload(28) },
    sections: [
      {
        ...s1,
        title: payload(29),
        description: payload(30),
        questions: [
          q1 && q1.kind === "single"
            ? {
                ...q1,
                text: payload(31),
                help: payload(32),
                options: q1.options.map((o, i) => relabel(o, 33 + i)),
              }
            : q1!,
          q2 ? { ...q2, text: `{{county}}${payload(36)}` } : q2!,
        ],
      },
      {
        ...s2,
        title: payload(37),
        // Shown only when Q1 is A (a later screen, so the walk reads it): the show-if dropdowns
        // list Q1's and Q2's texts and Q1's option labels.
        questions: s2.questions.map((q) => ({
          ...q,
          reportPhrase: `对{{county}}${payload(42)}`,
          showIf: { question: "Q1", equals: "A" },
        })),
      },
      s3,
      {
        code: "S4",
        title: payload(38),
        description: payload(39),
        questions: [
          {
            code: "Q6",
            kind: "matrix",
            text: `{{county}}${payload(40)}`,
            help: payload(41),
            required: true,
            rows: [0, 1, 2, 3].map((i) => ({ code: `R${i + 1}`, label: tappable(20 + i) })),
            options: [0, 1, 2].map((i) => ({ code: `G${i + 1}`, label: tappable(30 + i) })),
          },
        ],
      },
    ],
  };
}

function publishedFile(dir: string): void {
  const parsed = parseSurvey(hostileSurvey(), "hostile.json");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  writeFileSync(join(dir, "hostile.json"), JSON.stringify(hostileSurvey(), null, 2));
}

function resolved(input: SurveyInput): Survey {
  const parsed = parseSurvey(input, "draft.json");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return resolveSurvey(parsed.survey);
}

/** What the editor's fields hold: raw texts, {{variables}} unfilled, and the dropdowns' words. */
function editorTexts(input: SurveyInput): string[] {
  const texts = [input.title, input.intro ?? "", ...Object.values(input.variables ?? {})];
  for (const section of input.sections) {
    texts.push(section.title, section.description ?? "");
    for (const q of section.questions) {
      texts.push(q.text, q.help ?? "", "reportPhrase" in q ? (q.reportPhrase ?? "") : "");
      if ("options" in q) texts.push(...q.options.map((o) => o.label));
      if (q.kind === "matrix") texts.push(...q.rows.map((r) => r.label));
    }
  }
  const q1 = input.sections[0]?.questions[0];
  if (q1 && "options" in q1) texts.push(...q1.options.map((o) => `${o.code}. ${o.label}`));
  return texts.filter((t) => t !== "");
}

/** What a respondent reads: variables filled, grid rows included. */
function phoneTexts(survey: Survey): string[] {
  const texts = [survey.title, survey.intro ?? ""];
  for (const section of survey.sections) texts.push(section.title, section.description ?? "");
  for (const q of listQuestions(survey)) {
    texts.push(q.text, q.help ?? "");
    if (isChoice(q) || q.kind === "matrix") texts.push(...q.options.map((o) => o.label));
    if (q.kind === "matrix") texts.push(...q.rows.map((r) => r.label));
  }
  return texts.filter((t) => t !== "");
}

interface Run {
  rec: Recorder;
  watch: Watch;
  publishedVersion: number;
}

let browser: Browser;
let server: TestServer;
let dir: string;
let run: Run;

async function api(cookie: string, method: string, path: string, body?: unknown) {
  const answer = await callAdmin(server, { cookie }, method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.body as Record<string, Record<string, unknown>>;
}

async function openDraft(page: Page, title: string) {
  await page
    .getByRole("row")
    .filter({ hasText: title })
    .getByRole("button", { name: "编辑" })
    .click();
  await button(page, "发布").waitFor();
}

async function walk(): Promise<Run> {
  const rec = new Recorder();
  const watch = newWatch();
  const cookie = await sessionCookie(server, await addAccount(server, ADMIN, "admin"));
  const input = draftSurvey();
  const survey = resolved(input);
  const good = await api(cookie, "POST", "/admin/drafts", { source: "survey", survey: input });
  const badInput = { ...input, title: `有问题${payload(44)}`, [KEY_PAYLOAD]: payload(45) };
  const bad = await api(cookie, "POST", "/admin/drafts", { source: "survey", survey: badInput });
  const goodId = String(good.draft!.id);
  const badId = String(bad.draft!.id);

  const context = await server_context(watch);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/`);
  await signIn(page, ADMIN, PASSWORD);
  await waitForView(page, "回收情况");
  await page.goto(`${server.url}/admin/#/editor`);
  await rec.check("console: 问卷编辑, draft list", page, [input.title, badInput.title]);

  // The draft with problems: one message quotes the refused key.
  await openDraft(page, badInput.title);
  await problemsBox(page).waitFor();
  await rec.check(
    "editor: draft with problems",
    page,
    [KEY_PAYLOAD, ...editorTexts(input).slice(3)],
    10_000,
    true,
  );
  expect(await problemsBox(page).textContent()).toContain(KEY_PAYLOAD);
  await button(page, "关闭").click();

  await openDraft(page, input.title);
  await page.getByText("检查通过：可以预览和发布。").waitFor();
  await rec.check("editor: every panel of a valid draft", page, editorTexts(input), 10_000, true);

  await button(page, "预览").click();
  const framed = page.frameLocator('iframe[title="手机预览（360×640）"]');
  await framed.getByRole("button", { name: "开始填写" }).waitFor();
  const frame = page.frames().find((f) => f.url().includes("/admin/preview/"));
  if (!frame) throw new Error("no preview frame");
  await rec.check("preview in the editor's frame", frame, [survey.title, survey.intro ?? ""]);
  await framed.getByRole("button", { name: "开始填写" }).click();
  await rec.check("preview in the editor's frame", frame, [survey.sections[0]!.title]);

  // Closed again: the console's own frame is the one <iframe> the markup check would count.
  await button(page, "预览").click();
  await page.locator("phone-preview").waitFor({ state: "detached" });
  const diff = await api(cookie, "GET", `/admin/drafts/${goodId}/diff`);
  const changes = diff.changes as unknown as { description: string; meaning: string }[];
  await button(page, "发布").click();
  const dialog = page.getByRole("dialog", { name: "发布前确认" });
  await dialog.getByText(/与当前第/).waitFor();
  const said = changes.flatMap((c) => [c.description, c.meaning]);
  await rec.check("publish dialog: the diff", page, said);
  await dialog.getByRole("button", { name: "确认发布", exact: true }).click();
  await page.getByText(/^已发布：/).waitFor();
  await readFlags(watch);
  await context.close();

  // The preview opened directly, on a phone: every screen; then the draft that cannot be previewed.
  const phone = await newPhoneContext(browser);
  await watchContext(phone, server.url, watch);
  await phone.addCookies([
    { name: cookieName(cookie), value: cookieValue(cookie), url: server.url },
  ]);
  const p = await phone.newPage();
  const published = resolved(input);
  const plan = gridAnswers(published, "A");
  // The valid draft was published (and deleted): a copy of it is previewed here.
  const again = await api(cookie, "POST", "/admin/drafts", { source: "survey", survey: input });
  await p.goto(`${server.url}/admin/preview/${String(again.draft!.id)}`);
  await rec.check("preview opened directly", p, [survey.title]);
  await p.getByRole("button", { name: "开始填写" }).click();
  await fillToEnd(p, published, plan, () => rec.check("preview opened directly", p, [], 0));
  await rec.check("preview opened directly", p, phoneTexts(published), 2000);
  await p.goto(`${server.url}/admin/preview/${badId}`);
  await rec.check("preview of a draft with problems", p, ["草稿还不能预览", KEY_PAYLOAD]);

  const link = await api(cookie, "POST", "/admin/links", {
    surveyId: input.id,
    label: payload(46),
  });
  await p.goto(`${server.url}/s/${String(link.link!.id)}`);
  await rec.check("phone: published grid survey", p, [survey.title]);
  await p.getByRole("button", { name: "开始填写" }).click();
  await fillToEnd(p, published, plan, () => rec.check("phone: published grid survey", p, [], 0));
  await rec.check("phone: published grid survey", p, phoneTexts(published), 2000);
  await p.getByRole("button", { name: "提交问卷" }).click();
  await p.getByRole("heading", { name: "提交成功，感谢您的参与！" }).waitFor();
  await readFlags(watch);
  await phone.close();
  const versions = await server.query<{ n: number }>(
    "SELECT MAX(version) AS n FROM survey_versions WHERE survey_id = ?",
    input.id,
  );
  return { rec, watch, publishedVersion: versions[0]?.n ?? 0 };
}

const cookieName = (cookie: string) => cookie.split("=")[0] ?? "";
const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1).split(";")[0] ?? "";

async function server_context(watch: Watch) {
  const context = await browser.newContext({ viewport: LAPTOP, locale: "zh-CN" });
  await watchContext(context, server.url, watch);
  return context;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "xss-editor-"));
  publishedFile(dir);
  browser = await launchBrowser();
  server = await startTestServer({ surveysDir: dir, env });
  run = await walk();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("payloads through the editor, drafts, diff, preview and rating grids", () => {
  it("walked every view and published the grid version", () => {
    expect(run.rec.views.map((v) => v.name)).toEqual([
      "console: 问卷编辑, draft list",
      "editor: draft with problems",
      "editor: every panel of a valid draft",
      "preview in the editor's frame",
      "publish dialog: the diff",
      "preview opened directly",
      "preview of a draft with problems",
      "phone: published grid survey",
    ]);
    for (const view of run.rec.views) expect(view.expected, view.name).toBeGreaterThan(0);
    expect(run.publishedVersion).toBe(2);
  });

  it("no payload ran", () => {
    expect(run.watch.executions).toEqual([]);
  });

  it("nothing was refused by a Content-Security-Policy", () => {
    expect(run.watch.cspViolations).toEqual([]);
  });

  it("every view shows its payloads as text (or field values), character for character", () => {
    const missing = run.rec.views.filter((v) => v.missing.length > 0);
    expect(missing.map((v) => `${v.name}: ${v.missing.join(" | ")}`)).toEqual([]);
  });

  it("no view carries injected markup", () => {
    const injected = run.rec.views.filter((v) => v.injected.length > 0);
    expect(injected.map((v) => `${v.name}: ${v.injected.join(", ")}`)).toEqual([]);
  });
});
