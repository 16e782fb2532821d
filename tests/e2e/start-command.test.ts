// The start command as a newcomer runs it: a fresh database gets a demo link, printed with its
// URL; a phone-size Chromium fills it in; exactly one response is stored, with its category.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseStoredRows } from "../../server/storage/stored-rows.ts";
import { launchBrowser } from "../support/browser.ts";
import { type ChildServer, startChildServer } from "../support/child-server.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { button, fillToEnd, openPhone } from "./respondent-steps.ts";

let browser: Browser;
let server: ChildServer;
const dbPath = join(mkdtempSync(join(tmpdir(), "start-")), "survey.db");

beforeAll(async () => {
  browser = await launchBrowser();
  // What `npm start` runs once the page is built (npm test builds it before the tests).
  server = await startChildServer("server/main.ts", {
    DATABASE_PATH: dbPath,
    DIST_DIR: resolve("dist"),
  });
});
afterAll(async () => {
  await server?.stop();
  await browser?.close();
});

test("npm start prints a working respondent link; a phone fills it in and one response is stored", {
  timeout: 90_000,
}, async () => {
  const [printed, linkId] = await server.waitForOutput(
    /http:\/\/[\d.]+:\d+\/s\/([A-Za-z0-9_-]{21})/,
  );
  expect(printed).toBeTruthy();
  const survey = loadSeedSurvey();
  const plan = fullAnswers(survey, "J");
  const phone = await openPhone(browser);
  try {
    const { page } = phone;
    // The printed host is this machine's LAN address; the test reaches the same server on loopback.
    expect((await page.goto(`${server.url}/s/${linkId}`))?.status()).toBe(200);
    await button(page, "开始填写").click();
    await fillToEnd(page, survey, plan);
    await button(page, "提交问卷").click();
    await page.getByText("提交成功，感谢您的参与！").waitFor();
  } finally {
    await phone.close();
  }
  // The admin console's address and its one-time setup link are printed too, and the link works.
  await server.waitForOutput(/Admin console: http:\/\/[\d.]+:\d+\/admin\//);
  const [, token] = await server.waitForOutput(/\/admin\/#setup=([A-Za-z0-9_-]{43})/);
  const setup = await fetch(`${server.url}/api/admin/setup`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.url },
    body: JSON.stringify({
      token,
      username: "chief",
      displayName: "主任",
      password: "a long passphrase",
    }),
  });
  expect(setup.status).toBe(201);
  expect((await fetch(`${server.url}/admin/`)).status).toBe(200);
  await server.stop();
  const db = new Database(dbPath, { readonly: true });
  try {
    // The demo link's channel id, and no day: one response waits for a cohort of its cell.
    expect(
      db
        .prepare(
          `SELECT r.category, l.label, r.released_on AS releasedOn FROM responses r
             JOIN links l ON l.channel_id = r.channel_id`,
        )
        .all(),
    ).toEqual([{ category: "J", label: "演示链接", releasedOn: null }]);
    const record = db.prepare("SELECT answers FROM responses").pluck().get();
    expect(new Set(parseStoredRows(String(record)).map(([question]) => question)).size).toBe(28);
  } finally {
    db.close();
  }
});
