// The optional proof-of-work on links (SUBMIT_PROOF_OF_WORK): a submission without a solution, with
// a wrong one, or with one already used is refused naming proofOfWork; a solved one is stored.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { configProblem, readConfig } from "../../../server/config.ts";
import type { TestServer } from "../../support/test-server.ts";
import { startMini, submitOnce, versionOf } from "./stuffing-kit.ts";

interface Challenge {
  challenge: string;
  salt: string;
  maxNumber: number;
  signature: string;
}

let server: TestServer;
beforeAll(async () => {
  server = await startMini({
    SUBMIT_PROOF_OF_WORK: "5000",
    PUBLIC_URL: "https://survey.example.test",
  });
});
afterAll(() => server.close());

async function challengeFor(linkId: string): Promise<Challenge> {
  const response = await fetch(`${server.url}/api/links/${linkId}/challenge`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as Challenge;
  expect(body).toMatchObject({ algorithm: "SHA-256", maxNumber: 5000 });
  return body;
}

function solve({ challenge, salt, maxNumber }: Challenge): number {
  for (let n = 0; n <= maxNumber; n++)
    if (createHash("sha256").update(`${salt}${n}`).digest("hex") === challenge) return n;
  throw new Error("unsolvable challenge");
}

const proofField = (body: unknown) =>
  expect(body).toMatchObject({
    error: { code: "invalid", fields: [{ field: "proofOfWork", message: expect.any(String) }] },
  });

test("without, with a wrong, with another link's or with a used solution: 422 naming proofOfWork; solved: stored", async () => {
  const link = await server.createLink({ surveyId: "mini" });
  const other = await server.createLink({ surveyId: "mini", label: "另一个" });
  const version = await versionOf(server, link.id);

  const missing = await submitOnce(server, link.id, version);
  expect(missing.status).toBe(422);
  proofField(missing.body);

  const puzzle = await challengeFor(link.id);
  const number = solve(puzzle);
  const { salt, signature } = puzzle;
  const wrong = await submitOnce(server, link.id, version, {
    proofOfWork: { salt, number: (number + 1) % (puzzle.maxNumber + 1), signature },
  });
  expect(wrong.status).toBe(422);
  proofField(wrong.body);

  const elsewhere = await submitOnce(server, other.id, version, {
    proofOfWork: { salt, number, signature },
  });
  expect(elsewhere.status).toBe(422);
  proofField(elsewhere.body);
  expect(await server.countResponses()).toBe(0);

  const good = await submitOnce(server, link.id, version, {
    proofOfWork: { salt, number, signature },
  });
  expect(good.status).toBe(201);
  expect(await server.countResponses()).toBe(1);

  const reused = await submitOnce(server, link.id, version, {
    proofOfWork: { salt, number, signature },
  });
  expect(reused.status).toBe(422);
  proofField(reused.body);
  expect(await server.countResponses()).toBe(1);
  // Nothing of the puzzle is stored with the response.
  expect(
    (await server.query<{ answers: string }>("SELECT answers FROM responses"))[0]?.answers,
  ).not.toContain(salt);
});

test("one solution sent eight times at once stores one response", async () => {
  // Before, each of them passed the check before any marked the salt used: eight were stored.
  const link = await server.createLink({ surveyId: "mini", label: "并发" });
  const version = await versionOf(server, link.id);
  const puzzle = await challengeFor(link.id);
  const proofOfWork = { salt: puzzle.salt, number: solve(puzzle), signature: puzzle.signature };
  const sent = await Promise.all(
    Array.from({ length: 8 }, () => submitOnce(server, link.id, version, { proofOfWork })),
  );
  expect(sent.map((s) => s.status).sort()).toEqual([201, 422, 422, 422, 422, 422, 422, 422]);
  expect((await server.system.deps.storage.getLink(link.id))?.completed).toBe(1);
});

test("single-use codes need no proof; the setting is off by default and refuses bad values", async () => {
  expect(readConfig({}).submitProofOfWork).toBe(0);
  const off = await fetch(`${server.url}/api/links/nonexistent-link-id-0000/challenge`);
  expect(off.status).toBe(404);
  for (const bad of ["-1", "10", "abc", ""]) {
    const env = { SUBMIT_PROOF_OF_WORK: bad, PUBLIC_URL: "https://x.example" };
    expect(configProblem(readConfig(env))).toMatch(/^SUBMIT_PROOF_OF_WORK must be 0/);
  }
  expect(configProblem(readConfig({ SUBMIT_PROOF_OF_WORK: "50000" }))).toMatch(
    /^SUBMIT_PROOF_OF_WORK needs PUBLIC_URL/,
  );
});
