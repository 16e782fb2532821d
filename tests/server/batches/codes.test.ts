// Single-use codes: one response per code, refused forms, revocation, and nothing that ties a
// stored response to the code that brought it.
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let cookie: string;
let miniVersion: number;
const answers = { Q2: "B", Q3: ["A", "B"], Q4: "B" };

beforeAll(async () => {
  // Two surveys, so a code can be tried against the wrong one.
  const dir = mkdtempSync(join(tmpdir(), "codes-surveys-"));
  copyFileSync(resolve("tests/fixtures/surveys/mini.json"), join(dir, "mini.json"));
  copyFileSync(resolve("surveys/political-ecology.json"), join(dir, "political-ecology.json"));
  server = await startTestServer({ surveysDir: dir });
  cookie = await sessionCookie(server, await addAccount(server, "dist", "distributor"));
  const probe = await server.createLink({ surveyId: "mini" });
  const boot = await (await fetch(`${server.url}/api/links/${probe.id}/survey`)).json();
  miniVersion = (boot as { version: number }).version;
});
afterAll(() => server.close());

async function makeBatch(
  count: number,
  label = "乡镇党委",
  surveyId = "mini",
  category: string | null = "B",
) {
  const made = await callAdmin(server, { cookie }, "POST", "/admin/batches", {
    surveyId,
    label,
    category,
    count,
  });
  expect(made.status).toBe(201);
  const { batch } = made.body as { batch: { id: string } };
  const sheet = await callAdmin(server, { cookie }, "GET", `/admin/batches/${batch.id}/slips`);
  const urls = [...sheet.text.matchAll(/class="slip-url"[^>]*>([^<]+)</g)].map((m) => m[1] ?? "");
  expect(urls).toHaveLength(count);
  return {
    id: batch.id,
    urls,
    codes: urls.map((u) => u.slice(u.lastIndexOf("/c/") + 3)),
    sheet: sheet.text,
  };
}

const submitCode = (code: string, submissionId = newSubmissionId(), version = miniVersion) =>
  postJson(`${server.url}/api/codes/${code}/responses`, { submissionId, version, answers });

describe("a batch", () => {
  it("issues distinct codes of 22 URL-safe characters (132 random bits), each a URL", async () => {
    const { codes, urls } = await makeBatch(200);
    expect(new Set(codes).size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (const url of urls) expect(url.startsWith(`${server.url}/c/`)).toBe(true);
  });
});

describe("using a code", () => {
  it("opens the survey, stores one response with the batch's label and category, then refuses", async () => {
    const { codes, id } = await makeBatch(3, "纸质问卷-教育局");
    const code = codes[0] ?? "";
    const page = await fetch(`${server.url}/c/${code}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`/api/codes/${code}/responses`);
    const submissionId = newSubmissionId();
    const first = await submitCode(code, submissionId);
    expect(first.status).toBe(201);
    // The phone's retry of the same submission gets the same receipt.
    const retry = await submitCode(code, submissionId);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    // Used: answered exactly as an unknown code is, so a slip's holder cannot watch it flip.
    const unknown = await submitCode("A".repeat(22));
    const second = await submitCode(code);
    expect(second.status).toBe(404);
    expect(second.body).toEqual(unknown.body);
    expect(JSON.stringify(second.body)).toContain("不能再使用");
    const again = await fetch(`${server.url}/c/${code}`);
    const unknownPage = await fetch(`${server.url}/c/${"A".repeat(22)}`);
    expect(again.status).toBe(404);
    expect(await again.text()).toBe(await unknownPage.text());
    // The batch's channel id, not its label; the response waits for a cohort of its cell.
    expect(
      await server.query(
        "SELECT category, released_on FROM responses WHERE channel_id = ?",
        await server.channelOf("纸质问卷-教育局"),
      ),
    ).toEqual([{ category: "B", released_on: null }]);
    const listed = await callAdmin(server, { cookie }, "GET", "/admin/batches");
    const batch = (
      listed.body as { batches: { id: string; issued: number; used: number }[] }
    ).batches.find((b) => b.id === id);
    // Counted once released, in a cohort of at least k: never one code at a time.
    expect(batch).toMatchObject({ issued: 3, used: 0 });
  });

  it("raced by 50 phones at once, stores exactly one response", async () => {
    const { codes } = await makeBatch(1, "争抢测试");
    const results = await Promise.all(Array.from({ length: 50 }, () => submitCode(codes[0] ?? "")));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 404)).toHaveLength(49);
    expect(
      await server.query(
        "SELECT id FROM responses WHERE channel_id = ?",
        await server.channelOf("争抢测试"),
      ),
    ).toHaveLength(1);
  });

  it("refuses missing, empty, case-changed, URL-encoded, truncated and wrong-survey codes", async () => {
    const { codes } = await makeBatch(1, "变形测试");
    const code = codes[0] ?? "";
    const swapped = [...code]
      .map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()))
      .join("");
    const encoded = [...code]
      .map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
      .join("");
    const before = await server.countResponses();
    for (const variant of [
      swapped,
      encoded,
      code.slice(0, 21),
      `${code}A`,
      "%20",
      "0000000000000000000000",
    ]) {
      expect((await fetch(`${server.url}/c/${variant}`)).status, variant).toBe(404);
      expect((await submitCode(variant)).status, variant).toBe(404);
    }
    for (const empty of ["/c/", "/c"])
      expect((await fetch(`${server.url}${empty}`)).status).toBe(404);
    expect(
      (await postJson(`${server.url}/api/codes//responses`, {})).status,
    ).toBeGreaterThanOrEqual(400);
    // A code of the seed survey cannot carry answers to the mini survey.
    const seed = await makeBatch(1, "别的问卷", "political-ecology", null);
    const wrong = await submitCode(seed.codes[0] ?? "");
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(wrong.body)).toContain('"field":"version"');
    expect(await server.countResponses()).toBe(before);
    // None of that used the real code up.
    expect((await submitCode(code)).status).toBe(201);
  });
});

describe("revoking", () => {
  it("refuses revoked codes, keeps used ones counted, and can revoke a whole batch", async () => {
    const { id, codes, urls } = await makeBatch(4, "作废测试");
    expect((await submitCode(codes[0] ?? "")).status).toBe(201);
    const some = await callAdmin(server, { cookie }, "POST", `/admin/batches/${id}/revoke`, {
      codes: [urls[1], codes[0], "not-a-code"],
    });
    expect(some.status).toBe(200);
    expect(some.body).toMatchObject({
      matched: 2,
      batch: { issued: 4, used: 0, revoked: 1, state: "open" },
    });
    const page = await fetch(`${server.url}/c/${codes[1]}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("不能再使用");
    expect((await submitCode(codes[2] ?? "")).status).toBe(201);
    const all = await callAdmin(server, { cookie }, "POST", `/admin/batches/${id}/revoke`, {});
    expect(all.body).toMatchObject({ batch: { used: 0, revoked: 2, state: "revoked" } });
    // The two used codes stay stored: two responses in the batch's channel.
    expect(
      await server.query(
        "SELECT id FROM responses WHERE channel_id = ?",
        await server.channelOf("作废测试"),
      ),
    ).toHaveLength(2);
    expect((await submitCode(codes[3] ?? "")).status).toBe(404);
  });
});

describe("unlinkable by construction", () => {
  it("keeps only a used flag per code: no time, no response id, and no code on a response", async () => {
    const { codes } = await makeBatch(2, "不可关联");
    expect((await submitCode(codes[0] ?? "")).status).toBe(201);
    expect((await server.columns("codes")).sort()).toEqual(["batch_id", "code", "revoked", "used"]);
    expect(await server.columns("code_batches")).not.toContain("used_at");
    // Search every cell of every table except the ledger itself for the code.
    for (const name of await server.tables()) {
      if (name === "codes") continue;
      const rows = await server.query(`SELECT * FROM "${name}"`);
      expect(JSON.stringify(rows), name).not.toContain(codes[0]);
    }
    expect(server.logs.join("\n")).not.toContain(codes[0]);
  });

  it("prints the same slip sheet before and after codes are used", async () => {
    const { id, codes, sheet } = await makeBatch(5, "重印测试");
    expect((await submitCode(codes[3] ?? "")).status).toBe(201);
    const reprint = await callAdmin(server, { cookie }, "GET", `/admin/batches/${id}/slips`);
    expect(reprint.text).toBe(sheet);
  });
});
