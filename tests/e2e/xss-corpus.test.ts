// The XSS corpus end to end: 46 payloads in every survey text, link, batch, account and token
// label, free-text answer and 其他 text; every page rendered in headless Chromium under its real
// CSP. Nothing may run, nothing may be refused by the CSP, and every payload must show as text.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_IDS, ROUTES } from "../../client/admin/routes.ts";
import { addAccount, callAdmin, sessionCookie } from "../support/admin-session.ts";
import { launchBrowser } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { hostileSurvey, PAYLOADS } from "./xss-payloads.ts";
import { runXssCorpus, type XssRun } from "./xss-views.ts";
import { injectedMarkup, readFlags, squashSpace, visibleText, watchContext } from "./xss-watch.ts";

/** The control's markup: every payload but the one that navigates away (checked on its own). */
const PARSED = PAYLOADS.filter((p) => p.kind !== "meta refresh").map((p) => p.text);

let browser: Browser;
let run: XssRun;

beforeAll(async () => {
  browser = await launchBrowser();
  run = await runXssCorpus(browser);
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

describe("46 payloads through every page", () => {
  it("renders every page that shows stored text: phone, code, unavailable, console, slips, report", () => {
    const names = run.views.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "phone: survey page, every screen",
        "phone: code page",
        "phone: unavailable page (used code)",
        "console: sign-in page",
        ...ROUTE_IDS.filter((id) => id !== "results").map((id) => `console: ${ROUTES[id].label}`),
        "console: results, text groups open",
        "console: results filtered by a channel",
        "slip sheet",
        "printable report",
        "printable report, one channel",
      ]),
    );
    for (const view of run.views) expect(view.expected, view.name).toBeGreaterThan(0);
  });

  it("no payload ran: no sink request, dialog, window.__xss, foreign request or navigation", () => {
    expect(run.executions).toEqual([]);
  });

  it("no page had anything refused by its Content-Security-Policy", () => {
    expect(run.cspViolations).toEqual([]);
  });

  it("every page shows the payloads it holds, as text, character for character", () => {
    const missing = run.views.filter((v) => v.missing.length > 0);
    expect(missing.map((v) => `${v.name}: ${v.missing.join(" | ")}`)).toEqual([]);
  });

  it("no page carries injected markup: no on* attribute, javascript: URL, frame or <base>", () => {
    const injected = run.views.filter((v) => v.injected.length > 0);
    expect(injected.map((v) => `${v.name}: ${v.injected.join(", ")}`)).toEqual([]);
  });
});

describe("the checks themselves", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ["under the real CSP", false],
    ["with the CSP bypassed", true],
  ])("see payloads a page parses as markup (%s)", async (_name, bypassCSP) => {
    const context = await browser.newContext({ bypassCSP });
    const watch = await watchContext(context, server.url);
    const page = await context.newPage();
    await page.goto(`${server.url}/s/${(await server.createLink()).id}`);
    await page.evaluate((markup) => {
      document.body.insertAdjacentHTML("beforeend", markup);
    }, PARSED.join(""));
    await page.waitForTimeout(500);
    await readFlags(watch);
    const shown = squashSpace(await visibleText(page));
    expect(PAYLOADS.filter((p) => shown.includes(squashSpace(p.text))).length).toBeLessThan(10);
    expect(watch.executions.filter((e) => e.includes("/xss-hit?id=")).length).toBeGreaterThan(3);
    expect(await injectedMarkup(page)).toEqual(
      expect.arrayContaining([expect.stringMatching(/onerror=/), "<iframe> in document"]),
    );
    if (bypassCSP) expect(watch.executions.join("\n")).toMatch(/alert dialog|window.__xss = /);
    else expect(watch.cspViolations.length).toBeGreaterThan(3);
    // The refresh leaves the page (to another host when an injected <base> got through).
    const refresh = PAYLOADS.find((p) => p.kind === "meta refresh");
    await page.evaluate((markup) => {
      document.head.insertAdjacentHTML("beforeend", markup);
    }, refresh?.text ?? "");
    const left = new RegExp(`(navigated to|request) .*xss-hit\\?id=${refresh?.id}$`, "m");
    await expect.poll(() => watch.executions.join("\n")).toMatch(left);
    await context.close();
  });

  it("a survey naming an inherited property as a variable is refused, not filled", async () => {
    const cookie = await sessionCookie(server, await addAccount(server, "chief", "admin"));
    const survey = { ...hostileSurvey(), id: "ctor", title: "{{constructor}}{{toString}}" };
    const answer = await callAdmin(server, { cookie }, "POST", "/admin/surveys", survey);
    expect(answer.status).toBe(422);
    expect(answer.text).toContain("unknown variable {{constructor}}");
  });
});
