// Links a respondent cannot use get a clear Chinese page and status; caps hold under concurrency.
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let version: number;
const answers = { Q1: "A", Q2: "B", Q3: ["A", "B"], Q4: "B" };

beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
  const probe = await server.createLink();
  version = (
    (await (await fetch(`${server.url}/api/links/${probe.id}/survey`)).json()) as {
      version: number;
    }
  ).version;
});
afterAll(() => server.close());

const submitTo = (linkId: string, body: Record<string, unknown> = {}) =>
  postJson(`${server.url}/api/links/${linkId}/responses`, {
    submissionId: newSubmissionId(),
    version,
    answers,
    ...body,
  });

const hour = 3600_000;
const cases: [string, () => Promise<{ id: string }>, number, RegExp][] = [
  ["paused", () => server.createLink({ state: "paused" }), 403, /暂停收集/],
  ["closed", () => server.createLink({ state: "closed" }), 410, /已结束收集/],
  [
    "expired",
    () => server.createLink({ closesAt: new Date(Date.now() - hour).toISOString() }),
    410,
    /已截止/,
  ],
  [
    "not yet open",
    () => server.createLink({ opensAt: new Date(Date.now() + hour).toISOString() }),
    403,
    /尚未开始/,
  ],
  ["unknown", async () => ({ id: "Vx0n8KQ3yqZl1a7tX2bcD" }), 404, /找不到这份问卷/],
];

describe("unusable links", () => {
  it.each(cases)(
    "%s: page, survey API and submit all refuse with %i",
    async (_name, make, status, message) => {
      const { id } = await make();
      const page = await fetch(`${server.url}/s/${id}`);
      expect(page.status).toBe(status);
      const html = await page.text();
      expect(html).toMatch(message);
      expect(html).toContain('lang="zh-CN"');
      expect(html).not.toMatch(/Error|at \w+ \(/);
      const api = await fetch(`${server.url}/api/links/${id}/survey`);
      expect(api.status).toBe(status);
      const before = await server.countResponses();
      const posted = await submitTo(id);
      expect(posted.status).toBe(status);
      expect(JSON.stringify(posted.body)).toMatch(message);
      expect(await server.countResponses()).toBe(before);
    },
  );

  it("a full link says so, with 410", async () => {
    const { id } = await server.createLink({ cap: 1 });
    expect((await submitTo(id)).status).toBe(201);
    const page = await fetch(`${server.url}/s/${id}`);
    expect(page.status).toBe(410);
    expect(await page.text()).toMatch(/已收满/);
    expect((await submitTo(id)).status).toBe(410);
  });
});

describe("caps under concurrency", () => {
  it("a cap-100 link under 300 concurrent submits stores exactly 100, and says full to the rest", async () => {
    const { id, channelId } = await server.createLink({ cap: 100, label: "限额渠道" });
    const results = await Promise.all(Array.from({ length: 300 }, () => submitTo(id)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(100);
    const refused = results.filter((r) => r.status === 410);
    expect(refused).toHaveLength(200);
    for (const r of refused) expect(JSON.stringify(r.body)).toContain("已收满");
    expect(
      await server.query("SELECT id FROM responses WHERE channel_id = ?", channelId),
    ).toHaveLength(100);
    expect(await server.query("SELECT completed FROM links WHERE id = ?", id)).toEqual([
      { completed: 100 },
    ]);
  });
});

describe("a closed survey", () => {
  it("refuses every link until it is opened again", async () => {
    const { id } = await server.createLink();
    await server.system.deps.storage.setSurveyState("mini", "closed");
    try {
      const page = await fetch(`${server.url}/s/${id}`);
      expect(page.status).toBe(410);
      expect(await page.text()).toMatch(/已结束收集/);
      expect((await submitTo(id)).status).toBe(410);
    } finally {
      await server.system.deps.storage.setSurveyState("mini", "open");
    }
    expect((await submitTo(id)).status).toBe(201);
  });
});

describe("a link with a locked category", () => {
  it("hides the category question and stores the link's category", async () => {
    const { id, channelId } = await server.createLink({ category: "B", label: "群众渠道" });
    const boot = (await (await fetch(`${server.url}/api/links/${id}/survey`)).json()) as {
      lockedCategory: string;
    };
    expect(boot.lockedCategory).toBe("B");
    const answered = await submitTo(id);
    expect(answered.status).toBe(422);
    expect(JSON.stringify(answered.body)).toContain('"question":"Q1"');
    const { Q1: _hidden, ...rest } = answers;
    expect((await submitTo(id, { answers: rest })).status).toBe(201);
    expect(
      await server.query("SELECT category FROM responses WHERE channel_id = ?", channelId),
    ).toEqual([{ category: "B" }]);
  });

  it("refuses a category code the survey does not have", async () => {
    await expect(server.createLink({ category: "Z" })).rejects.toThrow(
      /category: "Z" 不是类别代码/,
    );
  });
});
