// Anonymity as stored: no identifying column, no exact time, no link id or answers in the logs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSubmissionId, postJson } from "../support/api.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const columns = (table: string) => server.columns(table);

describe("what a response is stored as", () => {
  it("responses and answers hold only allowlisted columns", async () => {
    // id, survey version, channel id (fixed when its link or batch was made), category, answers,
    // and the day its cohort was released: no label, no submission day, no time.
    expect((await columns("responses")).sort()).toEqual([
      "answers",
      "category",
      "channel_id",
      "id",
      "released_on",
      "survey_version_id",
    ]);
    expect((await columns("answers")).sort()).toEqual([
      "category",
      "option",
      "question",
      "response_id",
      "survey_version_id",
      "text",
    ]);
    expect(await columns("answers_pending")).toEqual(["response_id"]);
    expect((await columns("answer_counts")).sort()).toEqual([
      "category",
      "n",
      "option",
      "question",
      "survey_version_id",
    ]);
  });

  it("codes hold the code, its batch and two flags: no time, no response", async () => {
    expect((await columns("codes")).sort()).toEqual(["batch_id", "code", "revoked", "used"]);
  });

  it("no other table refers to a response or a code", async () => {
    const tables = await server.tables();
    const holders: string[] = [];
    for (const t of tables)
      if ((await columns(t)).some((c) => /response|code|receipt|submission/.test(c)))
        holders.push(t);
    // batch ids on codes; category codes are labels, not respondents (locked_category on links);
    // the publication ledger names the responses results have published (no answers, no time).
    expect(holders.sort()).toEqual(["answers", "answers_pending", "codes", "disclosure_members"]);
    expect((await columns("disclosure_members")).sort()).toEqual([
      "ordinal",
      "response_id",
      "survey_version_id",
    ]);
  });

  it("the page 本系统保存什么 lists exactly the stored columns and log fields", async () => {
    const page = await (await fetch(`${server.url}/privacy`)).text();
    const listed = [...page.matchAll(/data-field="([^"]+)"/g)].map((m) => m[1] ?? "");
    const inTable = (table: string) =>
      listed.filter((f) => f.startsWith(`${table}.`)).map((f) => f.slice(table.length + 1));
    expect(inTable("responses").sort()).toEqual((await columns("responses")).sort());
    expect(inTable("codes").sort()).toEqual((await columns("codes")).sort());
    expect(inTable("disclosure_members").sort()).toEqual(
      (await columns("disclosure_members")).sort(),
    );
    expect(inTable("disclosure_partitions").sort()).toEqual(
      (await columns("disclosure_partitions")).sort(),
    );
    expect(inTable("disclosure_revisions").sort()).toEqual(
      (await columns("disclosure_revisions")).sort(),
    );
    // The log fields: the keys of a real access-log line from this server.
    await fetch(`${server.url}/healthz`);
    const line = JSON.parse(server.logs.at(-1) ?? "{}") as Record<string, unknown>;
    expect(inTable("log").sort()).toEqual(Object.keys(line).sort());
    expect(
      listed.every((f) =>
        /^(responses|codes|disclosure_members|disclosure_partitions|disclosure_revisions|log)\./.test(
          f,
        ),
      ),
    ).toBe(true);
  });

  it("stores no day, no time and no request metadata", async () => {
    const link = await server.createLink();
    const boot = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
      version: number;
    };
    const submissionId = newSubmissionId();
    const text = "某局长同城吃请问题突出";
    const body = fullAnswers(loadSeedSurvey());
    body.answers.Q28 = text;
    const posted = await postJson(
      `${server.url}/api/links/${link.id}/responses`,
      { submissionId, version: boot.version, ...body },
      {
        "User-Agent": "UA-FINGERPRINT-123",
        "X-Forwarded-For": "203.0.113.77",
        Cookie: "device=DEV-999",
      },
    );
    expect(posted.status).toBe(201);
    const dump =
      JSON.stringify(await server.query("SELECT * FROM responses")) +
      JSON.stringify(await server.query("SELECT * FROM answers"));
    for (const leak of [
      "UA-FINGERPRINT-123",
      "203.0.113.77",
      "DEV-999",
      "127.0.0.1",
      link.id,
      submissionId,
    ]) {
      expect(dump).not.toContain(leak);
    }
    expect(dump).not.toMatch(/\d{2}:\d{2}/);
    // Not even the day: the response waits for its cohort (released_on NULL).
    expect(dump).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The access log names route patterns only: no link id, no answer text, no submission id.
    const log = server.logs.join("\n");
    expect(log).toContain('{"method":"POST","route":"/api/links/:linkId/responses","status":201,');
    for (const secret of [
      link.id,
      text,
      submissionId,
      (posted.body as { receipt: string }).receipt,
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it("response ids are random, so storage order does not follow submission order", async () => {
    const link = await server.createLink({ label: "顺序测试" });
    const boot = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
      version: number;
    };
    const body = fullAnswers(loadSeedSurvey());
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      // Deliberately ordered submission ids: hashing must still scatter the stored ids.
      const submissionId = `ordered-submission-${String(i).padStart(4, "0")}`;
      expect(
        (
          await postJson(`${server.url}/api/links/${link.id}/responses`, {
            submissionId,
            version: boot.version,
            ...body,
          })
        ).status,
      ).toBe(201);
      ids.push(submissionId);
    }
    // SQLite (WITHOUT ROWID) keeps rows in id order at once; PostgreSQL appends them in arrival
    // order until the rebuild that follows a burst (pg-rebuild.ts), which the server does unasked.
    if (server.engine === "postgres") await server.system.deps.upkeep.settled();
    const stored = (
      await server.query<{ id: string }>(
        "SELECT id FROM responses WHERE channel_id = ?",
        link.channelId,
      )
    ).map((r) => r.id);
    expect(stored).toHaveLength(40);
    const sorted = [...stored].sort();
    expect(stored).toEqual(sorted); // Rows come back in id order…
    expect(stored.every((id) => !id.includes("ordered"))).toBe(true); // …and ids are not the submission ids.
  });
});
