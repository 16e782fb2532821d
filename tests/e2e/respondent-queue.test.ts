// The phone page under the stuffing defences (issue 12, item 5): a 429 with Retry-After is waited
// out with the answers kept and a calm message, then stored by itself; with the proof-of-work on,
// the page fetches a puzzle, solves it and submits.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { secretHits, secretsOf } from "../support/log-secrets.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { button, openPhone, type PhonePage, readDraft, seedDraft } from "./respondent-steps.ts";

const survey = loadSeedSurvey();
const LAST_SECTION = survey.sections.length - 1;
const THANKS = "提交成功，感谢您的参与！";

let browser: Browser;
let server: TestServer | undefined;
let phone: PhonePage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await phone?.close();
  if (server) expect(secretHits(server.logs, await secretsOf(server))).toEqual([]);
  await server?.close();
  server = undefined;
});

describe("phone page and the stuffing defences", { timeout: 90_000 }, () => {
  test("a 429 with Retry-After queues the submission, keeps the answers, then stores it by itself", async () => {
    server = await startTestServer();
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await seedDraft(page, link.url, link.id, fullAnswers(survey, "A"), LAST_SECTION);
    const sentAt: number[] = [];
    await page.route("**/api/links/*/responses", async (route) => {
      sentAt.push(Date.now());
      if (sentAt.length > 1) return route.continue();
      return route.fulfill({
        status: 429,
        headers: { "Retry-After": "2", "Content-Type": "application/json" },
        body: JSON.stringify({ error: { code: "too_many_requests", message: "排队" } }),
      });
    });
    await button(page, "提交问卷").click();
    await page.getByText(/排队中，约 2 秒后自动重试/).waitFor();
    expect(await readDraft(page, link.id)).not.toBeNull();
    expect(await server.countResponses()).toBe(0);
    await page.getByText(THANKS).waitFor({ timeout: 15_000 });
    expect(sentAt).toHaveLength(2);
    // Retry-After was honoured: not a network retry's one second.
    expect((sentAt[1] ?? 0) - (sentAt[0] ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(await server.countResponses()).toBe(1);
    expect(await readDraft(page, link.id)).toBeNull();
  });

  test("with SUBMIT_PROOF_OF_WORK on, the page solves the puzzle and submits", async () => {
    server = await startTestServer({
      env: { SUBMIT_PROOF_OF_WORK: "20000", PUBLIC_URL: "https://survey.example.test" },
    });
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await seedDraft(page, link.url, link.id, fullAnswers(survey, "B"), LAST_SECTION);
    const proofs: unknown[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") proofs.push(r.postDataJSON().proofOfWork);
    });
    await button(page, "提交问卷").click();
    await page.getByText(THANKS).waitFor({ timeout: 30_000 });
    expect(
      phone.requests.filter((u) => u.endsWith(`/api/links/${link.id}/challenge`)),
    ).toHaveLength(1);
    expect(proofs).toEqual([
      { salt: expect.any(String), number: expect.any(Number), signature: expect.any(String) },
    ]);
    expect(await server.countResponses()).toBe(1);
    expect(phone.requests.filter((u) => !u.startsWith(`${server?.url}/`))).toEqual([]);
  });
});
