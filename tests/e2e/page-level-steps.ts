// Setup for the phone page's page-level tests: single-use codes, a response sent straight to the
// API, and what this device's storage holds.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { Survey } from "../../surveys/format/schema.ts";
import { addAccount, callAdmin, sessionCookie } from "../support/admin-session.ts";
import { newSubmissionId, postJson } from "../support/api.ts";
import { fullAnswers } from "../support/survey-answers.ts";
import type { TestServer } from "../support/test-server.ts";

/** A batch of single-use codes, as a distributor issues it in the console. */
export async function issueCodes(server: TestServer, surveyId: string, count: number) {
  const cookie = await sessionCookie(
    server,
    await addAccount(server, `dist${Date.now()}`, "distributor"),
  );
  const made = await callAdmin(server, { cookie }, "POST", "/admin/batches", {
    surveyId,
    label: "纸质问卷",
    count,
  });
  expect(made.status).toBe(201);
  const { batch } = made.body as { batch: { id: string } };
  const sheet = await callAdmin(server, { cookie }, "GET", `/admin/batches/${batch.id}/slips`);
  const urls = [...sheet.text.matchAll(/class="slip-url"[^>]*>([^<]+)</g)].map((m) => m[1] ?? "");
  expect(urls).toHaveLength(count);
  return urls.map((url) => ({ url, code: url.slice(url.lastIndexOf("/c/") + 3) }));
}

/** One complete response through `path` (/api/links/{id} or /api/codes/{code}), as a phone sends it. */
export async function submitDirectly(server: TestServer, path: string, survey: Survey) {
  const boot = await (await fetch(`${server.url}${path}/survey`)).json();
  const posted = await postJson(`${server.url}${path}/responses`, {
    submissionId: newSubmissionId(),
    version: (boot as { version: number }).version,
    ...fullAnswers(survey, "A"),
  });
  expect(posted.status).toBe(201);
}

/** Every key and value this origin keeps in localStorage on this device. */
export const storedItems = (page: Page) =>
  page.evaluate(() => {
    const items: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? "";
      items[key] = localStorage.getItem(key) ?? "";
    }
    return items;
  });
