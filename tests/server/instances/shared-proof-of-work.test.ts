// SUBMIT_PROOF_OF_WORK with two instances behind a round-robin: a puzzle fetched from one instance
// is good on the other, and a solution pays for one stored response across both, even sent to both
// at once (issue 16). Before, each instance signed with a key of its own and remembered its own
// spent puzzles: the phone's puzzle failed on the other instance, and one solution stored twice.
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSubmissionId } from "../../support/api.ts";
import { noPostgres } from "../../support/pg-database.ts";
import { type Instance, type Instances, startInstances } from "../../support/pg-instances.ts";
import { ANSWERS } from "../respondent/stuffing-kit.ts";

interface Challenge {
  challenge: string;
  salt: string;
  maxNumber: number;
  signature: string;
}

function solve({ challenge, salt, maxNumber, signature }: Challenge) {
  for (let number = 0; number <= maxNumber; number++)
    if (createHash("sha256").update(`${salt}${number}`).digest("hex") === challenge)
      return { salt, number, signature };
  throw new Error("unsolvable challenge");
}

describe.skipIf(noPostgres)("proof-of-work shared by two instances", () => {
  let instances: Instances;
  let a: Instance;
  let b: Instance;
  let version: number;
  let linkId: string;

  beforeAll(async () => {
    instances = await startInstances(2, {
      SURVEYS_DIR: resolve("tests/fixtures/surveys"),
      SUBMIT_PROOF_OF_WORK: "2000",
    });
    [a, b] = [instances.pick(0), instances.pick(1)];
    version = (await a.system.deps.catalog.current("mini"))?.id ?? 0;
    const made = await a.system.deps.storage.createLink({
      id: "proof-link-000000000001",
      surveyId: "mini",
      channelId: "proof-channel",
      label: "防刷渠道",
      lockedCategory: null,
      cap: null,
      opensAt: null,
      closesAt: null,
      state: "open",
      createdAt: new Date().toISOString(),
    });
    linkId = made.id;
  }, 60_000);
  afterAll(() => instances?.close());

  const challengeFrom = async (on: Instance): Promise<Challenge> => {
    const response = await fetch(`${on.url}/api/links/${linkId}/challenge`);
    expect(response.status).toBe(200);
    return (await response.json()) as Challenge;
  };
  const submitTo = async (on: Instance, proofOfWork: unknown) => {
    const response = await fetch(`${on.url}/api/links/${linkId}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        submissionId: newSubmissionId(),
        version,
        answers: ANSWERS,
        proofOfWork,
      }),
    });
    return { status: response.status, text: await response.text() };
  };
  const stored = async () => (await a.system.deps.storage.getLink(linkId))?.completed ?? -1;

  it("a puzzle fetched from one instance is accepted by the other", async () => {
    const before = await stored();
    const fromA = solve(await challengeFrom(a));
    expect((await submitTo(b, fromA)).status).toBe(201);
    const fromB = solve(await challengeFrom(b));
    expect((await submitTo(a, fromB)).status).toBe(201);
    expect(await stored()).toBe(before + 2);
  });

  it("one solution stores one response, sent again to either or to both at once", async () => {
    const before = await stored();
    const solution = solve(await challengeFrom(a));
    const [first, second] = await Promise.all([submitTo(a, solution), submitTo(b, solution)]);
    expect([first.status, second.status].sort()).toEqual([201, 422]);
    expect(first.status === 422 ? first.text : second.text).toContain("防刷验证已使用过");
    for (const on of [a, b]) {
      const again = await submitTo(on, solution);
      expect(again.status).toBe(422);
      expect(again.text).toContain("proofOfWork");
    }
    expect(await stored()).toBe(before + 1);
  });

  it("a forged signature is refused by both", async () => {
    const solution = solve(await challengeFrom(a));
    const forged = { ...solution, signature: "0".repeat(solution.signature.length) };
    for (const on of [a, b]) expect((await submitTo(on, forged)).status).toBe(422);
  });
});
