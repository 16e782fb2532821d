// Sets up the XSS corpus run: a server whose only survey is hostile, links, batches, an account
// and a token labelled with payloads, and ≥ 10 responses per group whose free texts are payloads.
// Shared by tests/e2e/xss-corpus.test.ts and tests/bench/xss-bench.ts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Answers, OtherTexts } from "../../surveys/format/answers.ts";
import { parseSurvey } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import { addAccount, callAdmin, sessionCookie } from "../support/admin-session.ts";
import { newSubmissionId, postJson } from "../support/api.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { hostileSurvey, PAYLOADS, payload } from "./xss-payloads.ts";

export const ADMIN = "chief";
/** ≥ 10, so every group's texts are listed in the console and the report. */
export const RESPONSES_PER_GROUP = 12;

export interface HostileSetup {
  server: TestServer;
  survey: Survey;
  cookie: string;
  /** The link every API response came through (category A), and its label. */
  mainLink: { id: string; label: string };
  /** The batch whose codes carried category B's responses; `spareCode` is still unused. */
  mainBatch: { id: string; label: string; spareCode: string };
  /** Entry points that must show an "unavailable" page. */
  pausedLink: string;
  closedLink: string;
  usedCode: string;
  revokedCode: string;
  /** Every text respondents typed, as stored. */
  typedTexts: string[];
  close(): Promise<void>;
}

function loadHostileSurvey(dir: string): Survey {
  const input = hostileSurvey();
  writeFileSync(join(dir, "hostile.json"), JSON.stringify(input, null, 2));
  const parsed = parseSurvey(input, "hostile.json");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return resolveSurvey(parsed.survey);
}

async function admin<T>(setup: Pick<HostileSetup, "server" | "cookie">, path: string, body: T) {
  const answer = await callAdmin(setup.server, { cookie: setup.cookie }, "POST", path, body);
  if (answer.status >= 300) throw new Error(`POST ${path}: ${answer.status} ${answer.text}`);
  return answer.body as Record<string, Record<string, string>>;
}

/** Response i: every free-text field carries a different payload, so all of them get stored. */
function responseAnswers(i: number, category: string): { answers: Answers; otherText: OtherTexts } {
  return {
    answers: {
      Q1: category,
      Q2: "X",
      Q3: [`P${(i % PAYLOADS.length) + 1}`, "X"],
      Q4: payload(i),
      Q5: `${payload(i + 12)} ${payload(i + 24)}`,
    },
    otherText: { Q2: payload(i + 36), Q3: payload(i + 6) },
  };
}

export async function startHostileServer(): Promise<HostileSetup> {
  const dir = mkdtempSync(join(tmpdir(), "xss-surveys-"));
  const survey = loadHostileSurvey(dir);
  const server = await startTestServer({ surveysDir: dir });
  const cookie = await sessionCookie(server, await addAccount(server, ADMIN, "admin"));
  const base = { server, cookie };
  const linkIds: string[] = [];
  const batchIds: string[] = [];
  for (const p of PAYLOADS) {
    const made = await admin(base, "/admin/links", { surveyId: survey.id, label: p.text });
    linkIds.push(made.link!.id!);
    const count = p.id === 2 ? RESPONSES_PER_GROUP + 3 : 1;
    const batch = await admin(base, "/admin/batches", {
      surveyId: survey.id,
      label: p.text,
      count,
    });
    batchIds.push(batch.batch!.id!);
  }
  for (const [i, p] of PAYLOADS.slice(0, 3).entries()) {
    const username = `xss${i}`;
    await admin(base, "/admin/accounts", {
      username,
      displayName: p.text.slice(0, 50),
      role: "analyst",
      password: "correct horse battery",
    });
    await admin(base, "/admin/tokens", {
      label: payload(i + 5),
      password: "correct horse battery",
    });
  }
  const pausedLink = linkIds[2]!;
  const closedLink = linkIds[3]!;
  await callAdmin(server, { cookie }, "PATCH", `/admin/links/${pausedLink}`, { state: "paused" });
  await callAdmin(server, { cookie }, "PATCH", `/admin/links/${closedLink}`, { state: "closed" });

  const codes = (
    await server.query<{ code: string }>(
      "SELECT code FROM codes WHERE batch_id = ? ORDER BY code",
      batchIds[1],
    )
  ).map((r) => r.code);
  const boot = await fetch(`${server.url}/api/links/${linkIds[0]}/survey`);
  const { version } = (await boot.json()) as { version: number };
  const typedTexts: string[] = [];
  const submit = async (path: string, i: number, category: string) => {
    const { answers, otherText } = responseAnswers(i, category);
    typedTexts.push(String(answers.Q4), String(answers.Q5), ...Object.values(otherText));
    const body = { submissionId: newSubmissionId(), version, answers, otherText };
    const posted = await postJson(`${server.url}${path}`, body);
    if (posted.status !== 201) throw new Error(`${path}: ${JSON.stringify(posted.body)}`);
  };
  for (let i = 0; i < RESPONSES_PER_GROUP; i++) {
    await submit(`/api/links/${linkIds[0]}/responses`, i, "A");
    await submit(`/api/codes/${codes[i]}/responses`, i + RESPONSES_PER_GROUP, "B");
  }
  const revokedCode = codes[RESPONSES_PER_GROUP]!;
  await callAdmin(server, { cookie }, "POST", `/admin/batches/${batchIds[1]}/revoke`, {
    codes: [revokedCode],
  });
  return {
    server,
    survey,
    cookie,
    mainLink: { id: linkIds[0]!, label: payload(0) },
    mainBatch: { id: batchIds[1]!, label: payload(1), spareCode: codes[RESPONSES_PER_GROUP + 1]! },
    pausedLink,
    closedLink,
    usedCode: codes[0]!,
    revokedCode,
    typedTexts,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
