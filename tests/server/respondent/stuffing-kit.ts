// Submitting through one link from this one address, as a stuffer (or a meeting hall) would.
import { resolve } from "node:path";
import { newSubmissionId } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

export const MINI = resolve("tests/fixtures/surveys");
export const ANSWERS = { Q1: "A", Q2: "B", Q3: ["A", "B"], Q4: "B" };

export const startMini = (env: Record<string, string>) =>
  startTestServer({ surveysDir: MINI, env });

export async function versionOf(server: TestServer, linkId: string): Promise<number> {
  const body: unknown = await (await fetch(`${server.url}/api/links/${linkId}/survey`)).json();
  const version =
    typeof body === "object" && body !== null ? Reflect.get(body, "version") : undefined;
  if (typeof version !== "number") throw new Error(`no version for ${linkId}`);
  return version;
}

export interface Sent {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/** One submission with a fresh submissionId; `extra` is merged into the body. */
export async function submitOnce(
  server: TestServer,
  linkId: string,
  version: number,
  extra: Record<string, unknown> = {},
): Promise<Sent> {
  const response = await fetch(`${server.url}/api/links/${linkId}/responses`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ submissionId: newSubmissionId(), version, answers: ANSWERS, ...extra }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the assertion message.
  }
  return { status: response.status, retryAfter: response.headers.get("Retry-After"), body };
}

/** `count` submissions at once; their statuses, in order. */
export async function submitMany(
  server: TestServer,
  linkId: string,
  version: number,
  count: number,
): Promise<Sent[]> {
  return Promise.all(Array.from({ length: count }, () => submitOnce(server, linkId, version)));
}
