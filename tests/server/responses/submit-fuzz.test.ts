// Hostile bodies against the submit route: never a 5xx, and nothing stored unless the body is valid.
import { resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newSubmissionId } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let url: string;
let version: number;
const GOOD = { Q1: "B", Q2: "A", Q3: ["A", "X"], Q4: "A", Q5: "说明", Q6: "建议" };

beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
  const link = server.createLink();
  url = `${server.url}/api/links/${link.id}/responses`;
  version = (
    (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as { version: number }
  ).version;
});
afterAll(() => server.close());

const post = (body: string, contentType = "application/json") =>
  fetch(url, { method: "POST", headers: { "Content-Type": contentType }, body });

// Values that break naive code: prototype keys, odd unicode, huge and deep structures.
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "\u0000",
    "\ud800",
    "💥".repeat(3000),
    "A".repeat(30000),
  ),
  fc.array(fc.string(), { maxLength: 200 }),
  fc
    .integer()
    .map((depth) =>
      JSON.parse("[".repeat((Math.abs(depth) % 500) + 1) + "]".repeat((Math.abs(depth) % 500) + 1)),
    ),
);
const answerKey = fc.oneof(
  fc.constantFrom("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q99", "__proto__", "constructor"),
  fc.string(),
);

it("random and mutated bodies never get a 5xx, and invalid ones store nothing", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record(
        {
          submissionId: fc.oneof(fc.constant(newSubmissionId()), nasty),
          version: fc.oneof(fc.constant(version), nasty),
          answers: fc.oneof(fc.dictionary(answerKey, nasty), fc.constant({ ...GOOD }), nasty),
          otherText: fc.oneof(fc.constant({ Q3: "其他" }), fc.dictionary(answerKey, nasty), nasty),
          extra: fc.option(nasty),
        },
        { requiredKeys: [] },
      ),
      async (body) => {
        const before = server.countResponses();
        const response = await post(JSON.stringify(body));
        expect(response.status).toBeLessThan(500);
        const after = server.countResponses();
        if (response.status === 201) expect(after).toBe(before + 1);
        else expect(after).toBe(before);
      },
    ),
    { numRuns: 300 },
  );
});

it("raw bytes, broken JSON and wrong content types get 4xx, never 5xx", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string(),
        fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString("latin1")),
      ),
      fc.constantFrom(
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "",
      ),
      async (body, contentType) => {
        const before = server.countResponses();
        const response = await post(body, contentType);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(server.countResponses()).toBe(before);
      },
    ),
    { numRuns: 200 },
  );
});
