// Submitting a rating grid: stored as one long-table row per answered grid row ("Q20.r1"), and
// every bad grid answer refused with a 422 naming the row, with nothing stored.
import { resolve } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const GOOD = { Q1: "A", Q2: "Y", Q20: { r3: "C", r1: "A" }, Q30: { a: "A", b: "B" } };

let server: TestServer;
let link: { id: string; url: string; channelId: string };
let version: number;
const submitUrl = () => `${server.url}/api/links/${link.id}/responses`;
const submit = (answers: unknown, otherText: unknown = {}) =>
  postJson(submitUrl(), { submissionId: newSubmissionId(), version, answers, otherText });

beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys-matrix") });
});
afterAll(() => server.close());
beforeEach(async () => {
  link = await server.createLink({ label: "县直单位" });
  const boot = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
    version: number;
  };
  version = boot.version;
});

const stored = async () => ({
  responses: await server.countResponses(),
  rows: (await server.answerRows()).length,
});

describe("a grid answer", () => {
  it("is stored as one row per answered grid row, in survey row order, then counted per row", async () => {
    for (let i = 0; i < 5; i++) expect((await submit(GOOD)).status).toBe(201);
    const rows = (await server.longTableRows()).filter((r) => r.question.includes("."));
    const keys = [...new Set(rows.map((r) => `${r.question}:${r.option}`))];
    expect(keys).toEqual(["Q20.r1:A", "Q20.r3:C", "Q30.a:A", "Q30.b:B"]);
    const record = (
      await server.query<{ answers: string }>("SELECT answers FROM responses LIMIT 1")
    )[0];
    expect(JSON.parse(record?.answers ?? "[]")).toEqual([
      ["Q1", "A", null],
      ["Q2", "Y", null],
      ["Q20.r1", "A", null],
      ["Q20.r3", "C", null],
      ["Q30.a", "A", null],
      ["Q30.b", "B", null],
    ]);
  });

  it("of a hidden grid is refused; an unanswered optional row is simply absent", async () => {
    const hidden = await submit({ ...GOOD, Q2: "N" });
    expect(hidden.status).toBe(422);
    expect(JSON.stringify(hidden.body)).toContain('"field":"answers.Q30"');
    expect((await submit({ Q1: "A", Q2: "N", Q20: { r1: "B", r2: "" } })).status).toBe(201);
  });
});

describe("a bad grid answer gets a 422 naming the row, and nothing is stored", () => {
  const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, "A"]));
  const cases: [string, unknown, string[]][] = [
    ["an array instead of an object", { ...GOOD, Q20: ["A", "B"] }, ["answers.Q20"]],
    ["a string instead of an object", { ...GOOD, Q20: "A" }, ["answers.Q20"]],
    ["an extra row", { ...GOOD, Q20: { r1: "A", r9: "A" } }, ["answers.Q20.r9"]],
    ["an unknown option", { ...GOOD, Q20: { r1: "A", r2: "Z" } }, ["answers.Q20.r2"]],
    ["a missing required row", { ...GOOD, Q20: { r2: "A" } }, ["answers.Q20.r1"]],
    ["a required grid with a row left out", { ...GOOD, Q30: { a: "A" } }, ["answers.Q30.b"]],
    ["a number as a row's answer", { ...GOOD, Q20: { r1: 3 } }, ["answers.Q20.r1"]],
    ["an object as a row's answer", { ...GOOD, Q20: { r1: { A: 1 } } }, ["answers.Q20.r1"]],
    [
      "“constructor” as a row",
      { ...GOOD, Q20: { r1: "A", constructor: "A" } },
      ["answers.Q20.constructor"],
    ],
    ["“toString” as a row", { ...GOOD, Q20: { r1: "A", toString: "A" } }, ["answers.Q20.toString"]],
    ["very many keys", { ...GOOD, Q20: many }, ["answers.Q20"]],
    ["a row key with a dot", { ...GOOD, Q20: { r1: "A", "r1.x": "A" } }, ["answers.Q20.r1.x"]],
    ["a derived key as a question", { ...GOOD, "Q20.r1": "A" }, ["answers.Q20.r1"]],
  ];
  for (const [name, answers, fields] of cases) {
    it(name, async () => {
      const before = await stored();
      const { status, body } = await submit(answers);
      expect(status).toBe(422);
      const named = (body as { error: { fields: { field: string }[] } }).error.fields.map(
        (f) => f.field,
      );
      expect(named).toEqual(fields);
      expect(await stored()).toEqual(before);
    });
  }

  it("a __proto__ row (which JSON.parse keeps and zod would drop)", async () => {
    const before = await stored();
    const raw = `{"submissionId":"${newSubmissionId()}","version":${version},"answers":{"Q1":"A","Q2":"Y","Q20":{"r1":"A","__proto__":"A"},"Q30":{"a":"A","b":"B"}}}`;
    const response = await fetch(submitUrl(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw,
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { fields: { field: string }[] } };
    expect(body.error.fields.map((f) => f.field)).toEqual(["answers.Q20.__proto__"]);
    expect(await stored()).toEqual(before);
  });

  it("other text for a grid", async () => {
    const { status, body } = await submit(GOOD, { Q20: "说明" });
    expect(status).toBe(422);
    expect(JSON.stringify(body)).toContain('"field":"answers.Q20"');
  });
});
