// Renders every page of the system with the hostile data in headless Chromium: the phone page
// section by section at 390×844, the code page, the unavailable pages, every console view, the
// slip sheet and the printable report. Each view records the expected texts it did not show and
// the injected markup found in its DOM; the watch counts executions and CSP refusals.
import type { Browser, Frame, Page } from "playwright-core";
import { ROUTE_IDS, ROUTES, type RouteId } from "../../client/admin/routes.ts";
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import { PASSWORD } from "../support/admin-session.ts";
import { launchBrowser, newPhoneContext } from "../support/browser.ts";
import { goTo, LAPTOP, openSlipSheet, signIn, waitForView } from "./admin-steps.ts";
import { button, fillToEnd } from "./respondent-steps.ts";
import { ADMIN, type HostileSetup, RESPONSES_PER_GROUP, startHostileServer } from "./xss-driver.ts";
import { PAYLOADS, payload } from "./xss-payloads.ts";
import {
  fieldValues,
  injectedMarkup,
  newWatch,
  readFlags,
  squashSpace,
  visibleText,
  type Watch,
  watchContext,
} from "./xss-watch.ts";

export interface ViewResult {
  name: string;
  /** Expected texts the page did not show. */
  missing: string[];
  /** Elements or attributes only injected markup would bring. */
  injected: string[];
  /** How many expected texts were checked. */
  expected: number;
}

export interface XssRun {
  payloads: number;
  views: ViewResult[];
  executions: string[];
  cspViolations: string[];
  seconds: number;
}

const PHONE = { width: 390, height: 844 };

/** Every text of the survey a respondent reads, variables filled; results leave out the intro. */
function surveyTexts(survey: Survey, intro = true): string[] {
  const texts = [survey.title, intro ? (survey.intro ?? "") : ""];
  for (const section of survey.sections) texts.push(section.title, section.description ?? "");
  for (const q of listQuestions(survey)) {
    texts.push(q.text, q.help ?? "");
    if (isChoice(q)) texts.push(...q.options.map((o) => o.label));
  }
  return texts.filter((t) => t !== "");
}

const categoryLabels = (survey: Survey) => {
  const q = listQuestions(survey).find((x) => isChoice(x) && x.kind === "single" && x.category);
  return q && isChoice(q) ? q.options.map((o) => o.label) : [];
};

export class Recorder {
  readonly views: ViewResult[] = [];
  /** Per view: the text seen so far (a view spread over screens is checked on their union). */
  private seen = new Map<string, { text: string; wanted: Set<string> }>();

  /** Reads the page until every expected text shows (data loads after the shell), then records. */
  async check(
    name: string,
    page: Page | Frame,
    expected: string[],
    waitMs = 10_000,
    /** Also count what form fields hold (the editor shows stored texts as values). */
    fields = false,
  ): Promise<void> {
    const state = this.seen.get(name) ?? { text: "", wanted: new Set<string>() };
    this.seen.set(name, state);
    for (const t of expected) state.wanted.add(squashSpace(t));
    let missing: string[] = [];
    for (const started = Date.now(); ; await page.waitForTimeout(100)) {
      const values = fields ? `\n${(await fieldValues(page)).join("\n")}` : "";
      const now = squashSpace((await visibleText(page)) + values);
      if (!state.text.includes(now)) state.text += `\n${now}`;
      missing = [...state.wanted].filter((t) => !state.text.includes(t));
      if (missing.length === 0 || Date.now() - started > waitMs) break;
    }
    const injected = await injectedMarkup(page);
    let view = this.views.find((v) => v.name === name);
    if (!view) {
      view = { name, missing, injected: [], expected: 0 };
      this.views.push(view);
    }
    Object.assign(view, { missing, expected: state.wanted.size });
    view.injected.push(...injected);
  }
}

async function walkRespondent(browser: Browser, setup: HostileSetup, rec: Recorder, watch: Watch) {
  const { server, survey } = setup;
  const context = await newPhoneContext(browser, { viewport: PHONE });
  await watchContext(context, server.url, watch);
  const page = await context.newPage();
  const all = surveyTexts(survey);
  await page.goto(`${server.url}/s/${setup.mainLink.id}`);
  await rec.check("phone: survey page, every screen", page, [survey.title], 5000);
  await button(page, "开始填写").click();
  const plan = {
    answers: { Q1: "A", Q2: "X", Q3: ["P1", "X"], Q4: payload(40), Q5: payload(41) },
    otherText: { Q2: payload(42), Q3: payload(43) },
  };
  await fillToEnd(page, survey, plan, async () => {
    await rec.check("phone: survey page, every screen", page, [], 0);
  });
  await rec.check("phone: survey page, every screen", page, all, 2000);
  await button(page, "提交问卷").click();
  await page.getByRole("heading", { name: "提交成功，感谢您的参与！" }).waitFor();
  await rec.check("phone: thank-you screen", page, [survey.title]);

  await page.goto(`${server.url}/c/${setup.mainBatch.spareCode}`);
  await rec.check("phone: code page", page, [survey.title, survey.intro ?? ""]);
  // Each state page's heading says its own state (a used and a revoked code share theirs).
  for (const [name, path, heading] of [
    ["unknown link", "/s/NoSuchLinkNoSuchLink1", "找不到这份问卷"],
    ["paused link", `/s/${setup.pausedLink}`, "问卷暂停收集"],
    ["closed link", `/s/${setup.closedLink}`, "问卷已结束收集"],
    ["used code", `/c/${setup.usedCode}`, "问卷码不能使用"],
    ["revoked code", `/c/${setup.revokedCode}`, "问卷码不能使用"],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    await rec.check(`phone: unavailable page (${name})`, page, [heading]);
  }
  await readFlags(watch);
  await context.close();
}

async function walkResults(page: Page, setup: HostileSetup, rec: Recorder) {
  const { survey } = setup;
  const labels = surveyTexts(survey, false);
  await rec.check("console: results", page, [...labels, setup.mainLink.label]);
  const summaries = page.locator("results-question summary");
  await summaries.first().waitFor();
  for (const summary of await summaries.all()) await summary.click();
  await rec.check("console: results, text groups open", page, setup.typedTexts);
  const filtered = page.waitForResponse((r) => /\/api\/admin\/results\?.*channel=/.test(r.url()));
  await page.getByRole("checkbox", { name: setup.mainLink.label, exact: true }).check();
  await filtered;
  await page
    .getByRole("status")
    // The API's; the phone's one waits for a cohort of five in its cell (responses/releases.ts).
    .filter({ hasText: `共 ${RESPONSES_PER_GROUP} 份` })
    .waitFor();
  await rec.check("console: results filtered by a channel", page, labels);
}

const VIEW_TEXTS = (setup: HostileSetup): Record<Exclude<RouteId, "results">, string[]> => {
  const labels = PAYLOADS.map((p) => p.text);
  return {
    returns: [...categoryLabels(setup.survey), ...labels],
    links: labels,
    batches: labels,
    surveys: [setup.survey.title],
    // No drafts in the hostile setup yet: the view's own heading (the editor's own test covers drafts).
    editor: ["新建草稿"],
    accounts: PAYLOADS.slice(0, 3).map((p) => p.text.slice(0, 50).trim()),
    tokens: [payload(5), payload(6), payload(7)],
    audit: labels,
  };
};

async function walkConsole(browser: Browser, setup: HostileSetup, rec: Recorder, watch: Watch) {
  const { server, survey } = setup;
  const context = await browser.newContext({ viewport: LAPTOP, locale: "zh-CN" });
  await watchContext(context, server.url, watch);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/`);
  await rec.check("console: sign-in page", page, ["登录"]);
  await signIn(page, ADMIN, PASSWORD);
  await waitForView(page, ROUTES.returns.label);
  const texts = VIEW_TEXTS(setup);
  for (const id of ROUTE_IDS) {
    await goTo(page, ROUTES[id].label);
    if (id === "results") await walkResults(page, setup, rec);
    else await rec.check(`console: ${ROUTES[id].label}`, page, texts[id]);
    if (id === "batches") {
      const sheet = await openSlipSheet(page, setup.mainBatch.label);
      await rec.check("slip sheet", sheet, [setup.mainBatch.label, survey.title]);
      await sheet.close();
    }
  }
  const report = await context.newPage();
  const base = `${server.url}/api/admin/results/report.html?survey=${survey.id}`;
  await report.goto(base);
  await rec.check("printable report", report, [...surveyTexts(survey, false), ...setup.typedTexts]);
  const [channel] = (
    await server.query<{ id: string }>(
      "SELECT channel_id AS id FROM links WHERE id = ?",
      setup.mainLink.id,
    )
  ).map((r) => r.id);
  await report.goto(`${base}&channel=${encodeURIComponent(channel ?? "")}`);
  await rec.check("printable report, one channel", report, surveyTexts(survey, false));
  await report.goto(`${server.url}/no/such/page`);
  await rec.check("unknown address", report, ["没有这个地址"]);
  await readFlags(watch);
  await context.close();
}

/** The whole corpus run: its own server and data, and a browser unless one is handed in. */
export async function runXssCorpus(given?: Browser): Promise<XssRun> {
  const started = performance.now();
  const browser = given ?? (await launchBrowser());
  const setup = await startHostileServer();
  const rec = new Recorder();
  const watch = newWatch();
  try {
    await walkRespondent(browser, setup, rec, watch);
    await walkConsole(browser, setup, rec, watch);
  } finally {
    await setup.close();
    if (!given) await browser.close();
  }
  return {
    payloads: PAYLOADS.length,
    views: rec.views,
    executions: watch.executions,
    cspViolations: watch.cspViolations,
    seconds: (performance.now() - started) / 1000,
  };
}
