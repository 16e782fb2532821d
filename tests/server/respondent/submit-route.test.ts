// Submitting through a link: what is stored, and every bad input refused with nothing stored.
import { resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const GOOD = {
  answers: { Q1: "B", Q2: "A", Q3: ["A", "X"], Q4: "A", Q5: "说明", Q6: "建议多听群众意见" },
  otherText: { Q3: "其他情况" },
};

let server: TestServer;
let link: { id: string; url: string; channelId: string };
let version: number;
const submitUrl = () => `${server.url}/api/links/${link.id}/responses`;
const submit = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  postJson(submitUrl(), { submissionId: newSubmissionId(), version, ...GOOD, ...body }, headers);

beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
});
afterAll(() => server.close());
beforeEach(async () => {
  link = await server.createLink({ label: "县直单位" });
  const boot = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
    version: number;
  };
  version = boot.version;
});

const rows = async () => ({
  responses: await server.countResponses(),
  answers: (await server.answerRows()).length,
  longTable: (await server.longTableRows()).length,
  completed: (
    await server.query<{ completed: number }>("SELECT completed FROM links WHERE id = ?", link.id)
  )[0]?.completed,
});

describe("a valid submission", () => {
  it("is stored once, with its category and channel id, waiting for its cohort; then long-table rows and 其他 text", async () => {
    const before = await rows();
    const { status, body } = await submit({});
    expect(status).toBe(201);
    expect(body).toMatchObject({ receipt: expect.stringMatching(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/) });
    expect((await rows()).responses).toBe(before.responses + 1);
    const stored = await server.query<Record<string, unknown>>(
      "SELECT * FROM responses WHERE channel_id = ?",
      link.channelId,
    );
    expect(stored).toHaveLength(1);
    // No label, no day: it waits until its category × channel cell holds k responses.
    expect(stored[0]).toMatchObject({ category: "B", released_on: null });
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual([
      "answers",
      "category",
      "channel_id",
      "id",
      "released_on",
      "survey_version_id",
    ]);
    expect(await server.longTableRows()).toHaveLength(before.longTable);
    // Four more of the same cell make a cohort of five: released together, then expanded.
    for (let i = 0; i < 4; i++) expect((await submit({})).status).toBe(201);
    const cohort = await server.query<{ released_on: string | null }>(
      "SELECT released_on FROM responses WHERE channel_id = ?",
      link.channelId,
    );
    expect(cohort).toHaveLength(5);
    expect(new Set(cohort.map((r) => r.released_on)).size).toBe(1);
    expect(cohort[0]?.released_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const answers = await server.query<{
      question: string;
      option: string;
      text: string | null;
      category: string;
    }>(
      "SELECT question, option, text, category FROM answers WHERE response_id = ? ORDER BY question, option",
      stored[0]?.id,
    );
    expect(answers.map((a) => `${a.question}:${a.option}`)).toEqual([
      "Q1:B",
      "Q2:A",
      "Q3:A",
      "Q3:X",
      "Q4:A",
      "Q5:",
      "Q6:",
    ]);
    expect(answers.find((a) => a.option === "X")?.text).toBe("其他情况");
    expect(new Set(answers.map((a) => a.category))).toEqual(new Set(["B"]));
  });

  it("replayed with the same submissionId, in sequence or in parallel, stores one row and the same receipt", async () => {
    const submissionId = newSubmissionId();
    const first = await postJson(submitUrl(), { submissionId, version, ...GOOD });
    const again = await postJson(submitUrl(), { submissionId, version, ...GOOD });
    const parallel = await Promise.all(
      Array.from({ length: 10 }, () => postJson(submitUrl(), { submissionId, version, ...GOOD })),
    );
    expect(first.status).toBe(201);
    expect(again).toEqual({ status: 200, body: first.body });
    for (const p of parallel) expect(p).toEqual({ status: 200, body: first.body });
    expect((await rows()).completed).toBe(1);
  });

  it("parallel replays of a NEW submissionId also store exactly one", async () => {
    const submissionId = newSubmissionId();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => postJson(submitUrl(), { submissionId, version, ...GOOD })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect((await rows()).completed).toBe(1);
  });
});

describe("a bad submission gets a 4xx naming the field, and nothing is stored", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["an unknown question", { answers: { ...GOOD.answers, Q99: "A" } }, "Q99", /没有这道题/],
    ["an option not offered", { answers: { ...GOOD.answers, Q2: "Z" } }, "Q2", /不在本题选项/],
    [
      "too many selections",
      { answers: { ...GOOD.answers, Q3: ["A", "B", "C", "D"] }, otherText: {} },
      "Q3",
      /最多只能选择 3 项/,
    ],
    [
      "too few selections",
      { answers: { ...GOOD.answers, Q3: ["A"] }, otherText: {} },
      "Q3",
      /至少选择 2 项/,
    ],
    [
      "a missing required answer",
      { answers: { ...GOOD.answers, Q2: undefined } },
      "Q2",
      /必须作答/,
    ],
    [
      "an answer to a question display logic hid",
      { answers: { ...GOOD.answers, Q4: "B" } },
      "Q5",
      /未显示/,
    ],
    [
      "text over the limit",
      { answers: { ...GOOD.answers, Q5: "字".repeat(21) } },
      "Q5",
      /不能超过 20 个字/,
    ],
    ["其他 text over its limit", { otherText: { Q3: "长".repeat(11) } }, "Q3", /不能超过 10 个字/],
    ["其他 chosen without text", { otherText: {} }, "Q3", /请注明/],
    [
      "其他 text without choosing 其他",
      { answers: { ...GOOD.answers, Q3: ["A", "B"] } },
      "Q3",
      /未选择“其他”/,
    ],
    ["a wrong type: number", { answers: { ...GOOD.answers, Q2: 1 } }, "Q2", /类型不正确/],
    [
      "a wrong type: list for single choice",
      { answers: { ...GOOD.answers, Q2: ["A"] } },
      "Q2",
      /类型不正确/,
    ],
    [
      "a wrong type: text for multiple choice",
      { answers: { ...GOOD.answers, Q3: "A" } },
      "Q3",
      /类型不正确/,
    ],
    [
      "a duplicate selection",
      { answers: { ...GOOD.answers, Q3: ["A", "A"] }, otherText: {} },
      "Q3",
      /重复/,
    ],
  ];
  it.each(cases)("%s → 422", async (_name, change, question, message) => {
    const before = await rows();
    const { status, body } = await submit(change);
    expect(status).toBe(422);
    const fields = (
      body as { error: { code: string; fields: { question?: string; message: string }[] } }
    ).error;
    expect(fields.code).toBe("invalid");
    const field = fields.fields.find((f) => f.question === question);
    expect(field?.message).toMatch(message);
    expect(await rows()).toEqual(before);
  });

  it.each([
    ["a missing submissionId", { submissionId: undefined }, "submissionId"],
    ["a short submissionId", { submissionId: "abc" }, "submissionId"],
    ["an unknown top-level field", { ip: "1.2.3.4" }, "(body)"],
    ["a version of another survey", { version: 9999 }, "version"],
  ])("%s → 422 naming %s", async (_name, change, field) => {
    const before = await rows();
    const { status, body } = await submit(change);
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain(`"field":"${field}"`);
    expect(await rows()).toEqual(before);
  });

  it("a __proto__ question key → 422, not silently dropped", async () => {
    const before = await rows();
    const body = `{"submissionId":"${newSubmissionId()}","version":${version},"answers":{"__proto__":["A"],"Q1":"B","Q2":"A","Q3":["A","B"],"Q4":"B"}}`;
    const { status, body: answer } = await postJson(submitUrl(), body);
    expect(status).toBe(422);
    expect(JSON.stringify(answer)).toContain('"question":"__proto__"');
    expect(await rows()).toEqual(before);
  });

  it("an oversized body sent chunked, with no Content-Length, → 413", async () => {
    const before = await rows();
    const chunk = new TextEncoder().encode(`"${"长".repeat(30_000)}",`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"answers":['));
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.enqueue(new TextEncoder().encode('""]}'));
        controller.close();
      },
    });
    const response = await fetch(submitUrl(), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await rows()).toEqual(before);
  });

  it("malformed JSON → 400, a wrong content type → 415, an oversized body → 413", async () => {
    const before = await rows();
    const malformed = await postJson(submitUrl(), '{"submissionId": ');
    expect(malformed.status).toBe(400);
    const wrongType = await fetch(submitUrl(), {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "x",
    });
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
    // Upper case would slip past the validator as an empty body: a clear 415 instead of a 422.
    const shouting = await fetch(submitUrl(), {
      method: "POST",
      headers: { "Content-Type": "APPLICATION/JSON" },
      body: JSON.stringify({ submissionId: newSubmissionId(), ...GOOD }),
    });
    expect(shouting.status).toBe(415);
    const huge = await submit({ answers: { ...GOOD.answers, Q6: "长".repeat(200_000) } });
    expect(huge.status).toBe(413);
    expect(await rows()).toEqual(before);
  });
});
