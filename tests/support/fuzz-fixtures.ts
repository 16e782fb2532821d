// What fuzzing needs before it starts, made through the API as a real admin would: the first
// admin (via the setup link), links, code batches, an account and a token to aim valid ids at.

import { z } from "zod";
import { hashSecret } from "../../server/admin/secret-tokens.ts";
import { startSession } from "../../server/admin/sessions.ts";
import { openPostgresStorage } from "../../server/storage/postgres/pg-storage.ts";
import { openSqliteStorage } from "../../server/storage/sqlite-storage.ts";
import type { Fingerprinter } from "./db-fingerprint.ts";
import { type FuzzClient, sendJson } from "./fuzz-client.ts";
import type { DatabaseAt } from "./test-engine.ts";

export const FUZZ_PASSWORD = "fuzzing is not guessing";
export const SURVEY_ID = "political-ecology";

export interface FuzzFixtures {
  adminId: string;
  surveyId: string;
  /** The survey version id a respondent page is given (the submission's `version`). */
  versionId: number;
  /** An open link and one locked to category I, for submissions. */
  linkIds: string[];
  linkLabel: string;
  /** A link that only PATCH aims at, so fuzzing it never closes the submission links. */
  patchLinkId: string;
  codes: string[];
  /** A three-code batch for slips and revoke, apart from the submission codes. */
  smallBatchId: string;
  /** An analyst that PATCH aims at, never the fuzzing admin itself. */
  accountId: string;
  tokenId: string;
  today: string;
  /** Drafts of the seed survey: one to read and save, one to publish, one to delete. */
  drafts: { edit: string; publish: string; remove: string };
}

const Id = z.object({ id: z.string() });
const Signed = z.object({ account: Id });

/** Signs in as a new first admin through the one-time setup link; sets the client's cookie. */
export async function signInFirstAdmin(client: FuzzClient, setupToken: string): Promise<string> {
  const answer = await client.send({
    method: "POST",
    path: "/api/admin/setup",
    contentType: "application/json",
    body: Buffer.from(
      JSON.stringify({
        token: setupToken,
        username: "fuzzer",
        displayName: "模糊测试",
        password: FUZZ_PASSWORD,
      }),
    ),
  });
  if (answer.status !== 201) throw new Error(`setup refused: ${JSON.stringify(answer)}`);
  const cookie = [answer.headers["set-cookie"] ?? []].flat()[0]?.split(";")[0];
  if (!cookie) throw new Error("setup set no cookie");
  client.cookie = cookie;
  return Signed.parse(JSON.parse(answer.text)).account.id;
}

export async function prepareFixtures(
  client: FuzzClient,
  adminId: string,
  codeCount: number,
): Promise<FuzzFixtures> {
  const post = (path: string, body: unknown) => sendJson(client, "POST", `/api${path}`, body);
  const linkLabel = "模糊<测试>渠道 🏛️";
  const makeLink = async (body: object) =>
    z.object({ link: Id }).parse(await post("/admin/links", { surveyId: SURVEY_ID, ...body })).link
      .id;
  const makeBatch = async (count: number) =>
    z
      .object({ batch: Id })
      .parse(await post("/admin/batches", { surveyId: SURVEY_ID, label: "模糊测试码", count }))
      .batch.id;
  const linkIds = [
    await makeLink({ label: linkLabel }),
    await makeLink({ label: "锁定", category: "I" }),
  ];
  const batchId = await makeBatch(codeCount);
  const slips = String(await sendJson(client, "GET", `/api/admin/batches/${batchId}/slips`));
  const codes = [...slips.matchAll(/\/c\/([0-9A-Za-z_-]{22})/g)].map((m) => m[1] ?? "");
  if (new Set(codes).size !== codeCount)
    throw new Error(`found ${codes.length} codes on the slips`);
  const survey = z
    .object({ version: z.number() })
    .parse(await sendJson(client, "GET", `/api/links/${linkIds[0]}/survey`));
  const returns = z
    .object({ asOf: z.string() })
    .parse(await sendJson(client, "GET", `/api/admin/returns?survey=${SURVEY_ID}`));
  const account = Signed.parse(
    await post("/admin/accounts", {
      username: "fuzz-target",
      displayName: "目标账号",
      role: "analyst",
      password: FUZZ_PASSWORD,
    }),
  );
  const token = z
    .object({ token: Id })
    .parse(await post("/admin/tokens", { label: "目标令牌", password: FUZZ_PASSWORD }));
  const makeDraft = async () =>
    z
      .object({ draft: Id })
      .parse(await post("/admin/drafts", { source: "version", surveyId: SURVEY_ID, version: 1 }))
      .draft.id;
  const drafts = { edit: await makeDraft(), publish: await makeDraft(), remove: await makeDraft() };
  return {
    drafts,
    adminId,
    surveyId: SURVEY_ID,
    versionId: survey.version,
    linkIds,
    linkLabel,
    patchLinkId: await makeLink({ label: "改动目标" }),
    codes: [...new Set(codes)],
    smallBatchId: await makeBatch(3),
    accountId: account.account.id,
    tokenId: token.token.id,
    today: returns.asOf,
  };
}

/**
 * Signing out (or an account change) may end the fuzzing admin's session: start a new one the
 * way the server does, on a second connection to the same database, so the next body still reaches
 * validation. Returns true when it had to.
 */
export async function keepSignedIn(
  client: FuzzClient,
  prints: Fingerprinter,
  at: DatabaseAt,
  adminId: string,
): Promise<boolean> {
  const token = client.cookie?.split("=")[1] ?? "";
  const found = await prints.query(
    "SELECT 1 FROM admin_sessions WHERE token_hash = ?",
    hashSecret(token),
  );
  if (found.length > 0) return false;
  const storage =
    at.engine === "sqlite"
      ? openSqliteStorage(at.dbPath)
      : await openPostgresStorage(at.url, { max: 1 });
  try {
    client.cookie = `survey_admin=${await startSession(storage, adminId, new Date())}`;
  } finally {
    await storage.close();
  }
  return true;
}
