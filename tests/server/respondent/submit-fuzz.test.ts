// Hostile bodies against the submit route of a small survey, where random answers often come
// close to valid: never a 5xx, and a refused body leaves every table as it was.
import { resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { type Fingerprinter, openFingerprinter } from "../../support/db-fingerprint.ts";
import { hostileBodies } from "../../support/fuzz-bodies.ts";
import { createFuzzClient, type FuzzClient } from "../../support/fuzz-client.ts";
import type { FuzzRequest } from "../../support/fuzz-endpoints.ts";
import { type FuzzTarget, tryRequest } from "../../support/fuzz-run.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const SEED = 7_777;
const KEY = "POST /links/{linkId}/responses";
const GOOD = { Q1: "B", Q2: "A", Q3: ["A", "X"], Q4: "A", Q5: "说明", Q6: "建议" };

let server: TestServer;
let client: FuzzClient;
let prints: Fingerprinter;
let target: FuzzTarget;
let path: string;
let version: number;

beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
  const link = await server.createLink();
  path = `/api/links/${link.id}/responses`;
  const page = await fetch(`${server.url}/api/links/${link.id}/survey`);
  version = z.object({ version: z.number() }).parse(await page.json()).version;
  client = createFuzzClient(server.url);
  prints = openFingerprinter(server.at);
  target = {
    client,
    prints,
    settle: () => server.system.deps.upkeep.catchUp(),
    ignore: [],
    keepSignedIn: () => false,
  };
});
afterAll(async () => {
  client.close();
  await prints.close();
  await server.close();
});

const submissionIds = fc.stringMatching(/^[A-Za-z0-9_-]{21}$/);

async function judge(request: Omit<FuzzRequest, "method" | "path">) {
  const verdict = await tryRequest(target, KEY, { method: "POST", path, ...request });
  expect(verdict.problem).toBeNull();
  return verdict.status;
}

// Values that break naive code: prototype keys, odd unicode, huge and deep structures.
const nasty = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom("__proto__", "constructor", "prototype", "\u0000", "\ud800", "💥".repeat(3000)),
  fc.array(fc.string(), { maxLength: 200 }),
  fc
    .integer({ min: 1, max: 500 })
    .map((depth) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`)),
);
const answerKey = fc.oneof(
  fc.constantFrom("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q99", "__proto__", "constructor"),
  fc.string(),
);

it("answers of every shape, near-valid or not, never get a 5xx, and refused ones store nothing", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record(
        {
          submissionId: fc.oneof(submissionIds, nasty),
          version: fc.oneof(fc.constant(version), nasty),
          answers: fc.oneof(
            fc.dictionary(answerKey, nasty),
            fc.dictionary(answerKey, fc.constantFrom(...Object.values(GOOD))),
            fc.constant({ ...GOOD }),
            nasty,
          ),
          otherText: fc.oneof(fc.constant({ Q3: "其他" }), fc.dictionary(answerKey, nasty), nasty),
          extra: fc.option(nasty),
        },
        { requiredKeys: [] },
      ),
      async (body) => {
        await judge({
          family: "record",
          body: Buffer.from(JSON.stringify(body)),
          contentType: "application/json",
        });
      },
    ),
    { numRuns: 250, seed: SEED },
  );
});

it("hostile bodies (prototype keys, huge, deep, invalid UTF-8, wrong types) never get a 5xx", async () => {
  const example = submissionIds.map((submissionId) => ({
    submissionId,
    version,
    answers: GOOD,
    otherText: { Q3: "其他" },
  }));
  const statuses = new Set<number | null>();
  await fc.assert(
    fc.asyncProperty(hostileBodies(example), async (body) => {
      statuses.add(
        await judge({
          family: body.family,
          body: body.bytes,
          contentType: body.contentType,
          chunked: body.chunked,
        }),
      );
    }),
    { numRuns: 200, seed: SEED },
  );
  // The run reached every layer: stored, malformed, too large, wrong type and invalid.
  expect([...statuses].sort()).toEqual(expect.arrayContaining([201, 400, 413, 415, 422]));
});

it("answers a JSON type the parser cannot take (application/json;) with the usual 415 envelope", async () => {
  const body = JSON.stringify({ submissionId: "x".repeat(21), version, answers: GOOD });
  for (const type of ["application/json;", "text/plain"]) {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": type },
      body,
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: { code: "unsupported_media_type", message: expect.stringContaining("JSON") },
    });
  }
});
